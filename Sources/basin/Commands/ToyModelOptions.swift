import ArgumentParser
import BasinToyModel

/// The toy model's options, shared by its subcommands.
struct ToyModelOptions: ParsableArguments {
    @Option(help: "Energy sums: periodic (invariant, the default) or thesis (the thesis's code, number for number).")
    var mode: EnergyMode = .periodic

    @Option(help: "Exponent n of the modified Lennard-Jones function.")
    var exponent: Int = 6

    @Option(name: .customLong("r0"), help: "Cutoff R₀ of the modified Lennard-Jones function (units of R_c); must exceed R_c.")
    var cutoff: Double = 2

    @Option(name: .customLong("rc"), help: "Characteristic distance R_c (length unit).")
    var characteristicDistance: Double = 1

    @Option(name: .customLong("ec"), help: "Characteristic energy E_c (energy unit).")
    var characteristicEnergy: Double = 1

    @Option(help: "Depth d_s of surrounding cells for energies (default: automatic, enough for convergence).")
    var depth: Int?

    func potential() throws -> ModifiedLennardJones {
        try ModifiedLennardJones(
            exponent: exponent, cutoff: cutoff, characteristicDistance: characteristicDistance, characteristicEnergy: characteristicEnergy)
    }

    func model() throws -> ToyModel { ToyModel(potential: try potential(), mode: mode) }

    func validate() throws {
        _ = try potential()
        if let depth, depth < 0 { throw ValidationError("--depth cannot be negative, got \(depth)") }
    }
}

extension EnergyMode: ExpressibleByArgument {}
extension Relaxation.Move: ExpressibleByArgument {}
