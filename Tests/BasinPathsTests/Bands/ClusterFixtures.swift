import BasinAtoms
import BasinOptimize
import BasinPaths
import BasinPotentials

/// Clusters for band tests: global minima of LJ₇ and LJ₁₃ (the Cambridge Cluster Database,
/// Wales & Doye, J. Phys. Chem. A 101, 5111 (1997), polished by Newton steps) and a Morse
/// cluster, with pairs of adjacent minima made by a saddle search from the global minimum.
enum ClusterFixtures {
    static let lj7: [Double] = [
        -0.952369852910, 0.015905685156, -0.084078410001, -0.252896140098, 0.859848303943, -0.333219061733,
        -0.335700798900, -0.850018049883, 0.281255746612, 0.796071442666, 0.515509791869, -0.121862295869,
        0.744895349100, -0.541245731015, 0.257904020919, -0.044212382412, 0.195397973828, 0.537765625694,
        0.044212382355, -0.195397973799, -0.537765625723,
    ]
    static let lj13: [Double] = [
        1.013223978363, 0.332996011973, 0.181286812151, 0.725599134886, -0.766044818352, 0.238862542707,
        0.729336244027, -0.230943420525, -0.764923435534, 0.351362309994, 0.829116788507, -0.599569813031,
        0.345315540384, -0.036695460605, 1.024590017193, 0.114024462759, 0.949168629982, 0.506410324079,
        -1.013223978363, -0.332996011973, -0.181286812135, -0.114024462759, -0.949168629982, -0.506410324063,
        -0.351362309994, -0.829116788507, 0.599569813047, -0.345315540384, 0.036695460605, -1.024590017178,
        -0.725599134886, 0.766044818352, -0.238862542692, -0.729336244027, 0.230943420525, 0.764923435549,
        0.000000000000, 0.000000000000, 0.000000000008,
    ]

    /// The energy surface of `atoms` atoms of `symbol` (default X in reduced units).
    static func surface(_ potential: any Potential, atoms: Int, symbol: String = "X", units: UnitSystem = .lennardJones) throws
        -> PotentialEnergySurface
    {
        let configuration = try Configuration(
            symbols: Array(repeating: symbol, count: atoms), positions: Array(repeating: .zero, count: atoms), units: units)
        return PotentialEnergySurface(configuration: configuration, calculator: Calculator(potential: potential))
    }

    static func minimum(_ surface: PotentialEnergySurface, near x: [Double]) throws -> StationaryPoint {
        var s = surface
        let result = try LBFGS().minimize(&s, from: x, until: StoppingCriteria(maximumForce: 1e-8, maximumSteps: 20_000))
        return StationaryPoint(point: result.point, value: result.value, maximumForce: result.maximumForce)
    }

    /// Two different minima joined by one saddle: eigenvector following from `minimum` displaced
    /// along its internal modes in turn, from the `firstMode`-th softest on, following that mode uphill, then descents along ± the saddle's
    /// unstable mode, until a search converges and the descents reach two minima that are not the same (a saddle
    /// between permutational isomers is skipped, and so is one leading to `other`). The second minimum is rigidly aligned onto the
    /// first.
    static func adjacentMinima(
        _ surface: PotentialEnergySurface, from minimum: [Double], firstMode: Int = 0, avoiding other: StationaryPoint? = nil
    )
        throws -> (StationaryPoint, StationaryPoint, SaddleSearchResult)
    {
        var s = surface
        let modes = InternalModes(hessian: try s.hessian(at: minimum), symmetryModes: s.symmetryModes(at: minimum))
        for direction in modes.vectors.dropFirst(firstMode) {
            let (first, second, saddle) = try descents(s, from: minimum, along: direction)
            guard saddle.converged, first.maximumForce < 1e-6, second.maximumForce < 1e-6 else { continue }
            if let other, s.sameMinimum(other.point, value: other.value, second.point, value: second.value) { continue }
            if !s.sameMinimum(first.point, value: first.value, second.point, value: second.value) { return (first, second, saddle) }
        }
        preconditionFailure("no mode leads to a saddle between different minima")
    }

    private static func descents(_ surface: PotentialEnergySurface, from minimum: [Double], along direction: [Double])
        throws -> (StationaryPoint, StationaryPoint, SaddleSearchResult)
    {
        var s = surface
        let scale = 0.1 / s.norm(direction)
        let start = zip(minimum, direction).map { $0 + scale * $1 }
        let saddle = try EigenvectorFollowing().search(&s, from: start, following: direction, until: StoppingCriteria(maximumForce: 1e-10, maximumSteps: 500))
        let verification = TransitionStateVerification()
        let unstable = InternalModes(hessian: try s.hessian(at: saddle.point), symmetryModes: s.symmetryModes(at: saddle.point)).vectors[0]
        let first = try verification.descend(&s, from: saddle.point, value: saddle.value, along: unstable, sign: -1)
        var second = try verification.descend(&s, from: saddle.point, value: saddle.value, along: unstable, sign: 1)
        second.point = RigidAlignment.align(second.point, onto: first.point).aligned
        return (first, second, saddle)
    }
}
