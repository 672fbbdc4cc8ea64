import BasinAtoms
import BasinMath

/// Formats frames as a LAMMPS text dump with the columns
/// `id type element xu yu zu [vx vy vz] [fx fy fz]`.
///
/// Types are species + 1; the cell is placed in LAMMPS's restricted triclinic form with
/// positions (unwrapped), velocities and forces rotated alike (see `LAMMPSPlacement`);
/// boundaries are `pp` along periodic directions and `ff` otherwise. The timestep is
/// `info["timestep"]` when it is an integer, else the frame's index. Atom properties are not
/// written.
enum LAMMPSDumpWriter {
    static func append(_ frame: Frame, index: Int, to output: inout String, file: String) throws(FileFormatError) {
        let configuration = frame.configuration
        let n = configuration.count
        func failure(_ reason: String) -> FileFormatError {
            FileFormatError(file: file, line: nil, .cannotWrite("frame \(index + 1): \(reason)"))
        }
        if let forces = frame.forces, forces.count != n { throw failure("\(forces.count) forces for \(n) atoms") }
        if let velocities = configuration.velocities, velocities.count != n {
            throw failure("\(velocities.count) velocities for \(n) atoms")
        }
        for element in configuration.elements where element.symbol.isEmpty || element.symbol.contains(where: \.isWhitespace) {
            throw failure("species label '\(element.symbol)' is empty or contains whitespace")
        }
        let placement = try LAMMPSPlacement(configuration, file: file)
        let box = placement.box
        let timestep = frame.info["timestep"].flatMap { Int($0) } ?? index
        let boundary = configuration.cell.periodic.map { $0 ? "pp" : "ff" }.joined(separator: " ")

        output += "ITEM: TIMESTEP\n\(timestep)\nITEM: NUMBER OF ATOMS\n\(n)\n"
        let (low, high) = (box.boundingLow, box.boundingHigh)
        if box.isTriclinic {
            output += "ITEM: BOX BOUNDS xy xz yz \(boundary)\n"
            for k in 0..<3 { output += "\(low[k]) \(high[k]) \(box.tilt[k])\n" }
        } else {
            output += "ITEM: BOX BOUNDS \(boundary)\n"
            for k in 0..<3 { output += "\(low[k]) \(high[k])\n" }
        }
        output += "ITEM: ATOMS id type element xu yu zu"
        if configuration.velocities != nil { output += " vx vy vz" }
        if frame.forces != nil { output += " fx fy fz" }
        output += "\n"
        for i in 0..<n {
            let s = configuration.species[i]
            let r = placement.rotate(configuration.positions[i])
            output += "\(i + 1) \(s + 1) \(configuration.elements[s].symbol) \(r.x) \(r.y) \(r.z)"
            for vectors in [configuration.velocities, frame.forces] {
                guard let vectors else { continue }
                let v = placement.rotate(vectors[i])
                output += " \(v.x) \(v.y) \(v.z)"
            }
            output += "\n"
        }
    }
}
