import BasinAtoms
import BasinMath

/// Formats a configuration as a LAMMPS data file for `atom_style atomic`.
///
/// Atom types are the configuration's species (type t is `elements[t − 1]`), and the Masses
/// section names each type's element in a comment (`1 28.085 # Si`), which `LAMMPSData.read`
/// uses to recover the symbols. Atom ids are 1…N in configuration order. The cell is placed in
/// LAMMPS's restricted triclinic form (see `LAMMPSPlacement`); positions are wrapped into the
/// box along periodic directions with image flags, so that reading gives back the unwrapped
/// positions, and velocities are rotated with the cell. The `xy xz yz` line is written only for
/// a triclinic box. LAMMPS versions before 2023 reject tilts beyond half the box length unless
/// the input script says `box tilt large`.
enum LAMMPSDataWriter {
    static func text(for configuration: Configuration, title: String, file: String) throws(FileFormatError) -> String {
        func failure(_ reason: String) -> FileFormatError {
            FileFormatError(file: file, line: nil, .cannotWrite(reason))
        }
        let placement = try LAMMPSPlacement(configuration, file: file)
        let typeMasses = try masses(of: configuration, failure)
        for element in configuration.elements where element.symbol.contains(where: \.isWhitespace) {
            throw failure("species label '\(element.symbol)' contains whitespace")
        }

        var output = title.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n\n"
        output += "\(configuration.count) atoms\n"
        output += "\(configuration.elements.count) atom types\n\n"
        let box = placement.box
        output += "\(box.low.x) \(box.high.x) xlo xhi\n"
        output += "\(box.low.y) \(box.high.y) ylo yhi\n"
        output += "\(box.low.z) \(box.high.z) zlo zhi\n"
        if box.isTriclinic { output += "\(box.tilt.x) \(box.tilt.y) \(box.tilt.z) xy xz yz\n" }

        output += "\nMasses\n\n"
        for (t, element) in configuration.elements.enumerated() {
            output += "\(t + 1) \(typeMasses[t]) # \(element.symbol)\n"
        }

        output += "\nAtoms # atomic\n\n"
        for i in 0..<configuration.count {
            let (r, image) = try placement.place(configuration.positions[i], atom: i)
            output += "\(i + 1) \(configuration.species[i] + 1) \(r.x) \(r.y) \(r.z) \(image.x) \(image.y) \(image.z)\n"
        }

        if let velocities = configuration.velocities {
            guard velocities.count == configuration.count else {
                throw failure("\(velocities.count) velocities for \(configuration.count) atoms")
            }
            output += "\nVelocities\n\n"
            for (i, velocity) in velocities.enumerated() {
                guard velocity.x.isFinite, velocity.y.isFinite, velocity.z.isFinite else {
                    throw failure("the velocity of atom \(i + 1) is not finite")
                }
                let v = placement.rotate(velocity)
                output += "\(i + 1) \(v.x) \(v.y) \(v.z)\n"
            }
        }
        return output
    }

    /// One mass per species: the mass its atoms share, or its element's mass when it has none.
    private static func masses(
        of configuration: Configuration, _ failure: (String) -> FileFormatError
    ) throws(FileFormatError) -> [Double] {
        guard configuration.masses.count == configuration.count else {
            throw failure("\(configuration.masses.count) masses for \(configuration.count) atoms")
        }
        var result: [Double?] = Array(repeating: nil, count: configuration.elements.count)
        for (i, s) in configuration.species.enumerated() {
            let mass = configuration.masses[i]
            if let shared = result[s], shared != mass {
                throw failure("atoms of species \(configuration.elements[s].symbol) have different masses (\(shared) and \(mass)); atom_style atomic stores one mass per type")
            }
            result[s] = mass
        }
        return try result.enumerated().map { (s, mass) throws(FileFormatError) in
            let value = mass ?? configuration.elements[s].mass
            guard value.isFinite, value > 0 else {
                throw failure("the mass of species \(configuration.elements[s].symbol) is not positive")
            }
            return value
        }
    }
}
