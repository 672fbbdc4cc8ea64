/// A pair interaction φ(r) between species pairs, evaluated by the shared pair loop.
///
/// Species pairs are numbered `p = s_i · speciesCount + s_j`; tables are symmetric. Conforming
/// types precompute up to eight constants of each pair once (the LAMMPS `init_one` idea), the
/// last of them (index 7) the squared cutoff, so a call does a handful of flops; with one
/// species the loop fetches them once for all pairs. The loop evaluates two neighbors at a
/// time, one per SIMD lane (`PairVector`).
public protocol PairFunction: Sendable {
    /// Number of species the tables cover.
    var speciesCount: Int { get }
    /// The precomputed constants of species pair `p`; entry 7 is the squared cutoff (length²):
    /// pairs at or beyond it do not interact.
    func constants(_ p: Int) -> SIMD8<Double>
    /// φ(r) and −φ′(r)/r at the squared distances `r2` of two pairs, lane by lane, each with
    /// its own constants. Every `r2` is positive.
    func energyAndForceOverDistance(r2: PairVector, _ c: PairLanes) -> (energy: PairVector, forceOverDistance: PairVector)
    /// φ′(r) and φ″(r) at distance `r` (for Hessians).
    func derivatives(r: Double, _ c: SIMD8<Double>) -> (first: Double, second: Double)
}
