import BasinPotentials

/// The fixed potential a model's networks were trained on top of (Δ-learning: the networks fit
/// reference − baseline), so that the model's energies and forces are networks + baseline:
/// fixed-charge electrostatics in LAMMPS's `coul/dsf` form (`DampedShiftedCoulomb`) and,
/// optionally, a short-ranged repulsive core in LAMMPS's `zbl` form (`ScreenedNuclearRepulsion`)
/// that holds atoms apart below the shortest distances of the training data, where the networks
/// know nothing and the charges of opposite sign attract, and, optionally, a steric two-body
/// repulsion in Vashishta's form (`StericRepulsion`) and, optionally, the tail of Vashishta's
/// charge–dipole attraction beyond the networks' cutoff (`ChargeDipoleTail`). Kept in a model folder as
/// `baseline.data` (`ModelBaseline+File.swift`); a folder without the file has no baseline.
public struct ModelBaseline: Equatable, Sendable {
    public static let fileName = "baseline.data"
    /// The steric term as a LAMMPS `.vashishta` file, written next to `fileName` for LAMMPS
    /// (Basin reads the steric lines of `fileName`).
    public static let stericFileName = "baseline-steric.vashishta"
    /// The charge–dipole tail as a LAMMPS `pair_style table` file, written next to `fileName`
    /// for LAMMPS (Basin reads the tail's lines of `fileName`).
    public static let tailFileName = "baseline-tail.table"

    public var coulomb: DampedShiftedCoulomb
    /// The repulsive core, for the elements that carry a charge; nil for none.
    public var core: ScreenedNuclearRepulsion?
    /// The steric repulsion H/r^η per element pair; nil for none.
    public var steric: StericRepulsion?
    /// The charge–dipole attraction beyond the networks' cutoff per element pair; nil for none.
    public var tail: ChargeDipoleTail?

    public init(
        coulomb: DampedShiftedCoulomb, core: ScreenedNuclearRepulsion? = nil, steric: StericRepulsion? = nil, tail: ChargeDipoleTail? = nil
    ) {
        self.coulomb = coulomb
        self.core = core
        self.steric = steric
        self.tail = tail
    }

    /// The baseline as one potential: the Coulomb term, plus the core, the steric term and the
    /// charge–dipole tail (each on its own neighbor list, `PotentialWithBaseline`) when there are.
    public func potential() throws(PotentialError) -> any Potential {
        var sum: any Potential = coulomb
        if let core { sum = try PotentialWithBaseline(main: sum, baseline: core) }
        if let steric { sum = try PotentialWithBaseline(main: sum, baseline: steric) }
        if let tail { sum = try PotentialWithBaseline(main: sum, baseline: tail) }
        return sum
    }
}
