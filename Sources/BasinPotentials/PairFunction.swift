/// A pair interaction φ(r) between species pairs, evaluated by the shared pair loop.
///
/// Species pairs are numbered `p = s_i · speciesCount + s_j`; tables are symmetric. Conforming
/// types precompute per-pair constants once, so a call does a handful of flops and no lookup
/// beyond its tables (the LAMMPS `init_one` idea).
public protocol PairFunction: Sendable {
    /// Number of species the tables cover.
    var speciesCount: Int { get }
    /// Squared cutoff of species pair `p` (length²); pairs at or beyond it do not interact.
    func cutoffSquared(_ p: Int) -> Double
    /// φ(r) and −φ′(r)/r at squared distance `r2` for species pair `p`.
    func energyAndForceOverDistance(r2: Double, pair p: Int) -> (energy: Double, forceOverDistance: Double)
    /// φ′(r) and φ″(r) at distance `r` for species pair `p` (for Hessians).
    func derivatives(r: Double, pair p: Int) -> (first: Double, second: Double)
}
