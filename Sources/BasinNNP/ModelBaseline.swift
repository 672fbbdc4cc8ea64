import BasinPotentials

/// The fixed potential a model's networks were trained on top of (Δ-learning: the networks fit
/// reference − baseline), so that the model's energies and forces are networks + baseline:
/// fixed-charge electrostatics in LAMMPS's `coul/dsf` form (`DampedShiftedCoulomb`) and,
/// optionally, a short-ranged repulsive core in LAMMPS's `zbl` form (`ScreenedNuclearRepulsion`)
/// that holds atoms apart below the shortest distances of the training data, where the networks
/// know nothing and the charges of opposite sign attract. Kept in a model folder as
/// `baseline.data` (`ModelBaseline+File.swift`); a folder without the file has no baseline.
public struct ModelBaseline: Equatable, Sendable {
    public static let fileName = "baseline.data"

    public var coulomb: DampedShiftedCoulomb
    /// The repulsive core, for the elements that carry a charge; nil for none.
    public var core: ScreenedNuclearRepulsion?

    public init(coulomb: DampedShiftedCoulomb, core: ScreenedNuclearRepulsion? = nil) {
        self.coulomb = coulomb
        self.core = core
    }

    /// The baseline as one potential: the Coulomb term, plus the core (on its own short
    /// neighbor list, `PotentialWithBaseline`) when there is one.
    public func potential() throws(PotentialError) -> any Potential {
        guard let core else { return coulomb }
        return try PotentialWithBaseline(main: coulomb, baseline: core)
    }
}
