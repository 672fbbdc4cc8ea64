/// A pair interaction φ(r) between species pairs, evaluated by the shared pair loop.
///
/// Species pairs are numbered `p = s_i · speciesCount + s_j`; tables are symmetric. Conforming
/// types precompute the constants of each pair once (the LAMMPS `init_one` idea), so a call
/// does a handful of flops; with one species the loop fetches them once for all pairs.
public protocol PairFunction: Sendable {
    /// The precomputed constants of one species pair.
    associatedtype Constants
    /// Number of species the tables cover.
    var speciesCount: Int { get }
    /// The constants of species pair `p`.
    func constants(_ p: Int) -> Constants
    /// Squared cutoff (length²); pairs at or beyond it do not interact.
    func cutoffSquared(_ c: Constants) -> Double
    /// φ(r) and −φ′(r)/r at squared distance `r2`.
    func energyAndForceOverDistance(r2: Double, _ c: Constants) -> (energy: Double, forceOverDistance: Double)
    /// φ′(r) and φ″(r) at distance `r` (for Hessians).
    func derivatives(r: Double, _ c: Constants) -> (first: Double, second: Double)
}
