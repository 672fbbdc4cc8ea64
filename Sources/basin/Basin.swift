import ArgumentParser

/// The `basin` command: machine-learned interatomic potentials, molecular dynamics and energy
/// landscapes. Subcommands parse options and call library code; they hold no physics.
@main
struct Basin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basin",
        abstract: "Interatomic potentials, molecular dynamics and energy landscapes.",
        version: "0.1.0",
        subcommands: [MolecularDynamics.self, Minimize.self, Evaluate.self, SymmetryFunctions.self, Sample.self, Train.self, Learn.self, TestModel.self, Quickstart.self, Hop.self, MinimaDatabaseCommand.self, Compress.self, NudgedElasticBandCommand.self, ConnectCommand.self, Path.self, Toy.self, IPI.self, Export.self]
    )
}
