/// Settings of a basin-preserving compression analysis.
public struct CompressionSettings: Sendable, Codable {
    /// K requested for the random-sampling estimate (eq. 4.7).
    public var samples = 1_000_000
    /// Work budget of the sampling: K is cut to ⌊budget / m²⌋ (m = 3n − 6 variables; each
    /// sample costs a Hessian and a power iteration of O(m²) products), but never below
    /// `minimumSamples`.
    public var sampleBudget = 5e7
    public var minimumSamples = 12
    public var seed: UInt64 = 1
    public var threads = 1
    /// Tested numbers of significant bits c.
    public var bits: ClosedRange<Int> = 0...24
    /// Refine r towards the fixed point r = 2/L**(r) (otherwise r₂ = min{r₀, 2/L**(r₀)}).
    public var refine = true
    /// r₀, the first trial radius (reduced length units).
    public var initialRadius = 0.1
    /// Largest reduced gradient norm accepted as a minimum.
    public var gradientTolerance = 1e-6
    /// At most this many labelings are compared for the frame; above 400 variables the count
    /// is cut to ⌊1.2·10¹⁰ / m³⌋ (at least 1), each costing a Cholesky factorization.
    public var frameCandidates = 12
    public var newton = NewtonSettings()

    public init() {}

    /// K actually used for m variables.
    public func sampleCount(variables m: Int) -> Int {
        let affordable = Int(sampleBudget / Double(max(m * m, 1)))
        return min(samples, max(minimumSamples, affordable))
    }

    /// Frame candidates compared for m variables.
    public func frameCandidateCount(variables m: Int) -> Int {
        guard m > 400 else { return frameCandidates }
        return min(frameCandidates, max(1, Int(1.2e10 / pow3(Double(m)))))
    }

    private func pow3(_ x: Double) -> Double { x * x * x }
}

/// Everything the analysis of one minimum found.
public struct CompressionReport: Sendable, Codable {
    public var atoms: Int
    public var variables: Int
    /// Atoms 1, 2, 3 of the chosen frame (input numbering from 1).
    public var frameAtoms: [Int]
    public var frameCandidates: Int
    /// ‖U′(X*)⁻¹‖₂ in the chosen frame.
    public var inverseHessianNorm: Double
    /// ‖U_n(X*)‖ in the chosen frame.
    public var gradientNorm: Double
    /// r₂, the radius of guaranteed convergence.
    public var radius: Double
    /// The trial radius whose L**_est certifies r₂.
    public var trialRadius: Double
    /// L**_est at the trial radius (shortest path, Algorithm 2).
    public var lipschitzShortestPath: Double
    /// L**_rand at the trial radius (eq. 4.7) over `samples` directions.
    public var lipschitzSampled: Double
    public var samples: Int
    public var levels: CompressionLevels
    /// Wall-clock seconds of the stages: frame, radius, sampling, scan.
    public var stageSeconds: [String: Double]
    /// L**_est evaluations of the radius search.
    public var radiusEvaluations: Int
    public var seconds: Double
}

/// The whole analysis of a Lennard-Jones minimum (Retzlaff, Munson & Di): choose the frame,
/// find r₂ from the shortest-path L** (Algorithm 1 with Algorithm 2), check L** by random
/// sampling at the same radius, then find c_t and c_p.
public enum CompressionAnalysis {
    /// Stages reported to `progress`.
    public enum Stage: String, Sendable { case frame, radius, sampling, scan }

    /// Analyses the minimum at `positions` (Cartesian, reduced units, input order). `progress`
    /// receives (stage, done, total) from the calling thread.
    public static func run(
        positions: [SIMD3<Double>], settings: CompressionSettings = CompressionSettings(),
        progress: ((Stage, Int, Int) -> Void)? = nil
    ) throws(CompressionError) -> CompressionReport {
        let clock = ContinuousClock()
        let begin = clock.now
        var stageSeconds: [String: Double] = [:]
        var mark = begin
        func lap(_ stage: Stage) {
            let now = clock.now
            let elapsed = now - mark
            stageSeconds[stage.rawValue] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            mark = now
        }
        let n = positions.count
        let m = ReducedLayout(atomCount: max(n, 2)).variableCount
        progress?(.frame, 0, 1)
        let choice = try FrameSelection.choose(
            positions: positions, limit: settings.frameCandidateCount(variables: m),
            gradientTolerance: settings.gradientTolerance, threads: settings.threads)
        let problem = ReducedLennardJones(atomCount: n)
        lap(.frame)

        let estimate = LipschitzEstimate(problem: problem, minimum: choice.minimum, reference: choice.factor, threads: settings.threads)
        let direction = estimate.collisionDirection()
        var evaluations = 0
        var workspace = RatioNorm.Workspace(dimension: m)
        let radius = ConvergenceRadius.search(initial: settings.initialRadius, refine: settings.refine) { r in
            evaluations += 1
            progress?(.radius, evaluations, 30)
            return estimate.ratio(direction: direction, radius: r, workspace: &workspace)
        }
        lap(.radius)

        let samples = settings.sampleCount(variables: m)
        let sampled = estimate.randomSampling(radius: radius.trialRadius, samples: samples, seed: settings.seed) { done in
            progress?(.sampling, done, samples)
        }
        lap(.sampling)

        let newton = NewtonIteration(problem: problem, target: choice.minimum, settings: settings.newton,
                                     preconditioner: choice.factor, threads: settings.threads)
        let levels = CompressionLevels.scan(minimum: choice.minimum, radius: radius.radius, bits: settings.bits, newton: newton) { done in
            progress?(.scan, done, settings.bits.count)
        }
        lap(.scan)
        let total = clock.now - begin
        return CompressionReport(
            atoms: n, variables: m,
            frameAtoms: [choice.frame.origin + 1, choice.frame.axis + 1] + (choice.frame.plane.map { [$0 + 1] } ?? []),
            frameCandidates: choice.candidates, inverseHessianNorm: choice.inverseHessianNorm,
            gradientNorm: Vectors.norm(problem.gradient(choice.minimum)),
            radius: radius.radius, trialRadius: radius.trialRadius, lipschitzShortestPath: radius.lipschitz,
            lipschitzSampled: sampled, samples: samples, levels: levels, stageSeconds: stageSeconds,
            radiusEvaluations: radius.evaluations,
            seconds: Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18)
    }
}
