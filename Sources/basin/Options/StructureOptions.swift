import ArgumentParser
import BasinAtoms
import BasinIO
import BasinMath
import Foundation

extension StructureFile.Format: ExpressibleByArgument {}

/// What `--lattice` builds: a lattice of one element, or a crystal of fixed composition.
enum LatticeChoice: ExpressibleByArgument {
    case lattice(Lattice)
    case crystal(Crystal)

    init?(argument: String) {
        if let lattice = Lattice(rawValue: argument) {
            self = .lattice(lattice)
        } else if let crystal = Crystal(rawValue: argument) {
            self = .crystal(crystal)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { Lattice.allCases.map(\.rawValue) + Crystal.allCases.map(\.rawValue) }
}

/// Where the starting structure comes from: a file, or a lattice builder.
struct StructureOptions: ParsableArguments {
    @Argument(help: "Structure file: extxyz/xyz, LAMMPS data (.data, .lmp), LAMMPS dump (.dump, .lammpstrj) or n2p2 (input.data, output.data, .n2p2).")
    var input: String?

    @Option(help: "File format when the file name does not tell: extxyz, lammps-data, lammps-dump, n2p2.")
    var format: StructureFile.Format?

    @Option(help: "Element symbols of the file's LAMMPS atom types 1, 2, … (comma-separated, e.g. Si,O).")
    var elements: String?

    @Option(help: """
        Build a structure instead of reading a file: a lattice of --element (sc, bcc, fcc, \
        diamond, hcp) or SiO₂ in metal units (cristobalite: β, ideal cubic; quartz: α).
        """)
    var lattice: LatticeChoice?

    @Option(help: "Number density of the lattice (atoms per unit volume).")
    var density: Double?

    @Option(help: "Lattice constant (length units), instead of --density; for cristobalite and quartz, a in Å (default the measured one).")
    var latticeConstant: Double?

    @Option(help: "Unit cells along x, y, z: one number (N×N×N) or three as NxMxK.")
    var cells: String = "1"

    @Option(help: "Element of a built sc, bcc, fcc, diamond or hcp lattice (default X: a dummy species of mass 1).")
    var element: String?

    @Option(help: ArgumentHelp(
        "Displace every atom by a seeded Gaussian of this standard deviation (length units) along x, y and z, as ASE's Atoms.rattle.",
        discussion: "Useful to start a minimization or a run away from a symmetric structure."))
    var rattle: Double?

    @Option(help: "Seed of the --rattle displacements.")
    var rattleSeed: UInt64 = 1

    func validate() throws {
        if let rattle, !(rattle >= 0 && rattle.isFinite) { throw ValidationError("--rattle must be a non-negative number") }
        switch (input, lattice) {
        case (nil, nil): throw ValidationError("give a structure file or --lattice")
        case (.some, .some): throw ValidationError("give either a structure file or --lattice, not both")
        case (nil, .lattice?):
            guard (density == nil) != (latticeConstant == nil) else {
                throw ValidationError("a lattice needs exactly one of --density and --lattice-constant")
            }
            _ = try cellCounts()
        case (nil, .crystal(let crystal)?):
            guard density == nil, element == nil else {
                throw ValidationError("--lattice \(crystal.rawValue) takes --lattice-constant (optional), not --density or --element")
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

    /// Every structure the options describe (a file's frames, or the one built lattice). With
    /// `--rattle`, each is displaced and loses the reference data (energy, forces, stress,
    /// per-atom columns) that described it before.
    func frames(units: UnitSystem) throws -> [Frame] {
        let frames = try unrattledFrames(units: units)
        guard let rattle, rattle > 0 else { return frames }
        var generator = SeededGenerator(seed: rattleSeed)
        return frames.map { frame in
            var moved = frame.configuration
            for atom in moved.positions.indices { moved.positions[atom] += rattle * generator.normal3() }
            return Frame(configuration: moved, info: frame.info)
        }
    }

    private func unrattledFrames(units: UnitSystem) throws -> [Frame] {
        if let input {
            let url = URL(fileURLWithPath: input)
            let symbols = elements?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
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
        switch lattice {
        case .lattice(let lattice)?:
            return [Frame(configuration: try build(lattice, units: units))]
        case .crystal(let crystal)?:
            guard units == .metal else {
                throw CommandError("--lattice \(crystal.rawValue) is built in Å: use --units metal or a metal-unit potential")
            }
            return [Frame(configuration: try crystal.build(latticeConstant: latticeConstant, cells: cellCounts()))]
        case nil:
            throw CommandError("give a structure file or --lattice")
        }
    }

    private func build(_ lattice: Lattice, units: UnitSystem) throws -> Configuration {
        var species = try Element(symbol: element ?? "X")
        if units == .lennardJones { species = species.isDummy ? species : species.withMass(1) }
        let a: Double
        if let latticeConstant {
            a = latticeConstant
        } else if let density, density > 0, density.isFinite {
            a = lattice.latticeConstant(density: density)
        } else {
            throw CommandError("--density must be a positive number")
        }
        return try lattice.build(element: species, latticeConstant: a, cells: cellCounts(), units: units)
    }

    /// The last structure of a file (as ASE's `read` returns), or the built lattice.
    func configuration(units: UnitSystem) throws -> Configuration {
        try frames(units: units).last!.configuration
    }
}
