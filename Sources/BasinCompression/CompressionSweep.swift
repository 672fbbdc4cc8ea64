import BasinMath

/// L**_est(n, r) and L**_rand(n, r) over a range of radii, against 2/r (the curves of the
/// paper's Figures 2–5), with the distance to the nearest singular configuration along the
/// shortest path, where two atoms meet (its Figure 6).
public struct CompressionSweep: Sendable, Codable {
    /// One radius of the sweep.
    public struct Point: Sendable, Codable, Equatable {
        /// r (reduced length units).
        public var radius: Double
        /// L**_est(n, r), the shortest path.
        public var shortestPath: Double
        /// L**_rand(n, r) over `samples` random directions.
        public var sampled: Double
        /// 2/r: the ball of radius r is certified where L** ≤ 2/r.
        public var bound: Double { 2 / radius }
    }

    public var atoms: Int
    public var variables: Int
    /// Atoms 1, 2, 3 of the frame (input numbering from 1).
    public var frameAtoms: [Int]
    public var conventions: CompressionConventions
    public var samples: Int
    public var points: [Point]
    /// r₂ of the analysis (`CompressionAnalysis.chooseFrame`): where L**_est meets 2/r.
    public var radius: Double
    /// ‖X_c − X*‖ for the nearest singular configuration X_c, where the shortest path makes
    /// two atoms coincide (`CollisionPath.distance`; the paper's Figure 6).
    public var nearestSingularity: Double

    /// Sweeps `radii` for the minimum at `positions` (Cartesian, reduced units) in the frame the
    /// analysis chooses, with the threads, conventions and seed of `settings` and `samples`
    /// random directions per radius. `progress` receives (radii done, total).
    public static func run(
        positions: [SIMD3<Double>], settings: CompressionSettings, radii: [Double], samples: Int,
        progress: ((Int, Int) -> Void)? = nil
    ) throws(CompressionError) -> CompressionSweep {
        let n = positions.count
        let m = ReducedLayout(atomCount: max(n, 2)).variableCount
        let frame = try CompressionAnalysis.chooseFrame(positions: positions, settings: settings)
        let choice = frame.choice
        let problem = ReducedLennardJones(atomCount: n)
        let estimate = LipschitzEstimate(problem: problem, minimum: choice.minimum, reference: choice.factor, threads: settings.threads)
        let path = estimate.collisionPath()
        var workspace = RatioNorm.Workspace(dimension: m)
        var points: [Point] = []
        for (k, r) in radii.enumerated() {
            let shortest = estimate.shortestPath(radius: r, path: path, conventions: settings.conventions, workspace: &workspace)
            let sampled = estimate.randomSampling(radius: r, samples: samples, seed: settings.seed)
            points.append(Point(radius: r, shortestPath: shortest, sampled: sampled))
            progress?(k + 1, radii.count)
        }
        return CompressionSweep(
            atoms: n, variables: m,
            frameAtoms: [choice.frame.origin + 1, choice.frame.axis + 1] + (choice.frame.plane.map { [$0 + 1] } ?? []),
            conventions: settings.conventions, samples: samples, points: points, radius: frame.radius.radius,
            nearestSingularity: path.distance)
    }
}
