import ArgumentParser

/// `basin toy`: the periodic pair + triplet toy model and its databases (docs/toy-model.md).
struct Toy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Toy-model databases: the periodic pair + triplet model, relaxation, descriptors, small networks.",
        discussion: """
            The toy model of Heiszwolf (TU Eindhoven, 2020): N_p particles in a periodic square or \
            cubic cell, modified Lennard-Jones pair and triplet terms, energies per particle in \
            units of E_c and lengths in units of R_c. See docs/toy-model.md.
            """,
        subcommands: [ToyEnergy.self, ToyRelax.self, ToyGenerate.self, ToyDescriptors.self, ToyTrain.self, ToyDrag.self]
    )
}
