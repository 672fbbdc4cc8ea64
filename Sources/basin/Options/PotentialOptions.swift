import ArgumentParser
import BasinAtoms
import BasinPotentials

/// The potentials the command line can build.
enum PotentialKind: String, ExpressibleByArgument, CaseIterable {
    case lj
}

/// Options that choose and parameterise the interatomic potential, shared by every command
/// that evaluates energies.
struct PotentialOptions: ParsableArguments {
    @Option(help: "Interatomic potential: \(PotentialKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var potential: PotentialKind = .lj

    @Option(help: "Unit system: lj (reduced σ = ε = m = 1) or metal (eV, Å, ps, amu, K).")
    var units: String = "lj"

    @Option(help: "Lennard-Jones well depth ε (energy units).")
    var epsilon: Double = 1

    @Option(help: "Lennard-Jones length σ (length units).")
    var sigma: Double = 1

    @Option(help: "Cutoff radius (length units), or 'none' to let every pair of a cluster interact.")
    var cutoff: String = "2.5"

    @Flag(help: "Shift the pair energy to zero at the cutoff (as LAMMPS 'pair_modify shift yes').")
    var shift = false

    @Option(help: "Verlet skin added to the cutoff for neighbor lists (default 0.3 σ in lj units, 2 Å in metal).")
    var skin: Double?

    @Option(help: "Threads for neighbor search and force loops.")
    var threads: Int = 1

    func validate() throws {
        guard UnitSystem.named(units) != nil else { throw ValidationError("--units must be 'lj' or 'metal', got '\(units)'") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let skin, !(skin >= 0) { throw ValidationError("--skin must be non-negative") }
        _ = try cutoffValue()
    }

    var unitSystem: UnitSystem { UnitSystem.named(units) ?? .lennardJones }

    /// The cutoff, or nil for none.
    func cutoffValue() throws -> Double? {
        if cutoff.lowercased() == "none" { return nil }
        guard let value = Double(cutoff), value > 0, value.isFinite else {
            throw ValidationError("--cutoff must be a positive number or 'none', got '\(cutoff)'")
        }
        return value
    }

    /// The potential the options describe.
    func makePotential() throws -> any Potential {
        switch potential {
        case .lj:
            try LennardJones(epsilon: epsilon, sigma: sigma, cutoff: cutoffValue(), shift: shift, units: unitSystem)
        }
    }

    /// A calculator serving the potential with the requested skin and threads.
    func makeCalculator() throws -> Calculator {
        Calculator(potential: try makePotential(), skin: skin, threads: threads)
    }
}
