import ArgumentParser
import BasinAtoms
import BasinIO
import Foundation

extension Lattice: ExpressibleByArgument {}
extension StructureFile.Format: ExpressibleByArgument {}

/// Where the starting structure comes from: a file, or a lattice builder.
struct StructureOptions: ParsableArguments {
    @Argument(help: "Structure file: extxyz/xyz, LAMMPS data (.data, .lmp) or dump (.dump, .lammpstrj).")
    var input: String?

    @Option(help: "File format when the extension does not tell: extxyz, lammps-data, lammps-dump.")
    var format: StructureFile.Format?

    @Option(help: "Element symbols of LAMMPS atom types 1, 2, … (comma-separated).")
    var typeSymbols: String?

    @Option(help: "Build a lattice instead of reading a file: sc, bcc, fcc, diamond, hcp.")
    var lattice: Lattice?

    @Option(help: "Number density of the lattice (atoms per unit volume).")
    var density: Double?

    @Option(help: "Lattice constant (length units), instead of --density.")
    var latticeConstant: Double?

    @Option(help: "Unit cells along x, y, z: one number (N×N×N) or three as NxMxK.")
    var cells: String = "1"

    @Option(help: "Element of a built lattice (X: a dummy species of mass 1).")
    var element: String = "X"

    func validate() throws {
        switch (input, lattice) {
        case (nil, nil): throw ValidationError("give a structure file or --lattice")
        case (.some, .some): throw ValidationError("give either a structure file or --lattice, not both")
        case (nil, .some):
            guard (density == nil) != (latticeConstant == nil) else {
                throw ValidationError("a lattice needs exactly one of --density and --lattice-constant")
            }
            _ = try cellCounts()
        default: break
        }
    }

    func cellCounts() throws -> SIMD3<Int> {
        let parts = cells.lowercased().split(separator: "x").map { Int($0) }
        switch parts.count {
        case 1 where parts[0] != nil && parts[0]! > 0: return SIMD3(repeating: parts[0]!)
        case 3 where parts.allSatisfy({ $0 != nil && $0! > 0 }): return SIMD3(parts[0]!, parts[1]!, parts[2]!)
        default: throw ValidationError("--cells must be N or NxMxK with positive integers, got '\(cells)'")
        }
    }

    /// Every structure the options describe (a file's frames, or the one built lattice).
    func frames(units: UnitSystem) throws -> [Frame] {
        if let input {
            let url = URL(fileURLWithPath: input)
            let symbols = typeSymbols?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            let frames = try StructureFile.read(from: url, format: format, units: units, typeSymbols: symbols)
            guard !frames.isEmpty else { throw CommandError("\(input): the file holds no structure") }
            for (index, frame) in frames.enumerated() {
                do {
                    try frame.configuration.validate()
                } catch {
                    let which = frames.count > 1 ? " (frame \(index + 1))" : ""
                    throw CommandError("\(input)\(which): \(error)")
                }
            }
            return frames
        }
        guard let lattice else { throw CommandError("give a structure file or --lattice") }
        var species = try Element(symbol: element)
        if units == .lennardJones { species = species.isDummy ? species : species.withMass(1) }
        let a: Double
        if let latticeConstant {
            a = latticeConstant
        } else if let density, density > 0, density.isFinite {
            a = lattice.latticeConstant(density: density)
        } else {
            throw CommandError("--density must be a positive number")
        }
        let configuration = try lattice.build(element: species, latticeConstant: a, cells: cellCounts(), units: units)
        return [Frame(configuration: configuration)]
    }

    /// The last structure of a file (as ASE's `read` returns), or the built lattice.
    func configuration(units: UnitSystem) throws -> Configuration {
        try frames(units: units).last!.configuration
    }
}
