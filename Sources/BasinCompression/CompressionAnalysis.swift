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
    /// K: how many labelings are factorised and compared by their radius r₂ — for each atom 1
    /// in turn, the labeling with the smallest proven bound on ‖U′(X*)⁻¹‖ (`FrameBound`); each
    /// costs a Cholesky factorization and a radius search. Nil for 8, or 4 above 400 variables.
    public var frameCandidates: Int?
    public var newton = NewtonSettings()
    /// Basin's conventions or the paper's (shortest-path step, counting of bits).
    public var conventions = CompressionConventions.basin

    public init() {}

    /// K actually used for m variables.
    public func sampleCount(variables m: Int) -> Int {
        let affordable = Int(sampleBudget / Double(max(m * m, 1)))
        return min(samples, max(minimumSamples, affordable))
    }

    /// Frame candidates compared for m variables.
    public func frameCandidateCount(variables m: Int) -> Int {
        if let frameCandidates { return frameCandidates }
        return m > 400 ? 4 : 8
    }
}

/// Everything the analysis of one minimum found.
public struct CompressionReport: Sendable, Codable {
    public var atoms: Int
    public var variables: Int
    /// Atoms 1, 2, 3 of the chosen frame (input numbering from 1).
    public var frameAtoms: [Int]
    /// Labelings ranked by the bound on ‖U′(X*)⁻¹‖ (0 for two atoms and linear clusters).
    public var framesRanked: Int
    /// Labelings factorised and compared exactly.
    public var frameCandidates: Int
    /// ‖U′(X*)⁻¹‖₂ in the chosen frame.
    public var inverseHessianNorm: Double
    /// The proven bound (1 + 1/σ²)/λ⁺ on it, when the frames were ranked.
    public var inverseHessianBound: Double?
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
    /// c as counted in `levels`: Basin's or the paper's conventions.
    public var conventions: CompressionConventions
    public var levels: CompressionLevels
    /// Wall-clock seconds of the stages: frame (with the radius of each candidate), sampling, scan.
    public var stageSeconds: [String: Double]
    /// L**_est evaluations of the chosen frame's radius search.
    public var radiusEvaluations: Int
    public var seconds: Double
}

/// The whole analysis of a Lennard-Jones minimum (Retzlaff, Munson & Di): choose the frame,
/// find r₂ from the shortest-path L** (Algorithm 1 with Algorithm 2), check L** by random
/// sampling at the same radius, then find c_t and c_p.
public enum CompressionAnalysis {
    /// Stages reported to `progress`: the frame stage includes each candidate's radius search.
    public enum Stage: String, Sendable { case frame, sampling, scan }

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
        let (choice, radius, sampled, samples) = try chooseFrame(positions: positions, settings: settings, progress: progress, lap: lap)
        let problem = ReducedLennardJones(atomCount: n)

        let newton = NewtonIteration(problem: problem, target: choice.minimum, settings: settings.newton,
                                     preconditioner: choice.factor, threads: settings.threads)
        var levels = CompressionLevels.scan(minimum: choice.minimum, radius: radius.radius, bits: settings.bits, newton: newton) { done in
            progress?(.scan, done, settings.bits.count)
        }
        lap(.scan)
        levels = levels.countingBits(from: settings.conventions.leadingBit)
        let total = clock.now - begin
        return CompressionReport(
            atoms: n, variables: m,
            frameAtoms: [choice.frame.origin + 1, choice.frame.axis + 1] + (choice.frame.plane.map { [$0 + 1] } ?? []),
            framesRanked: choice.ranked, frameCandidates: choice.candidates, inverseHessianNorm: choice.inverseHessianNorm,
            inverseHessianBound: choice.inverseHessianBound,
            gradientNorm: Vectors.norm(problem.gradient(choice.minimum)),
            radius: radius.radius, trialRadius: radius.trialRadius, lipschitzShortestPath: radius.lipschitz,
            lipschitzSampled: sampled, samples: samples, conventions: settings.conventions, levels: levels, stageSeconds: stageSeconds,
            radiusEvaluations: radius.evaluations,
            seconds: Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18)
    }

    /// The frame with the largest radius r₂ among `settings.frameCandidateCount` frames ranked
    /// by `FrameSelection`, subject (in Basin's conventions) to L**_rand ≤ L**_est at its trial
    /// radius, so that also r₂ ≤ 2/L**_rand; when no frame passes, the largest
    /// min{r₂, 2/L**_rand}. Returns the
    /// frame, its radius, L**_rand and K. `lap` marks the end of the frame and sampling stages.
    public static func chooseFrame(
        positions: [SIMD3<Double>], settings: CompressionSettings, progress: ((Stage, Int, Int) -> Void)? = nil,
        lap: ((Stage) -> Void)? = nil
    ) throws(CompressionError) -> (choice: FrameChoice, radius: ConvergenceRadius, sampled: Double, samples: Int) {
        let n = positions.count
        let m = ReducedLayout(atomCount: max(n, 2)).variableCount
        let problem = ReducedLennardJones(atomCount: n)
        let ranking = try FrameSelection.rank(
            positions: positions, limit: settings.frameCandidateCount(variables: m),
            gradientTolerance: settings.gradientTolerance, threads: settings.threads)
        // About ten L**_est evaluations per frame's radius search.
        let expected = 10 * ranking.candidates.count
        progress?(.frame, 0, expected)
        // Each frame that factorises gets its radius r₂ (factors kept up to m = 1000).
        var evaluated: [(candidate: FrameSelection.Candidate, choice: FrameChoice?, radius: ConvergenceRadius)] = []
        var failure: CompressionError?
        var evaluations = 0
        for candidate in ranking.candidates {
            let choice: FrameChoice
            do {
                choice = try factorise(candidate)
            } catch {
                if failure == nil || error == .indefiniteHessian { failure = error }
                continue
            }
            let estimate = LipschitzEstimate(problem: problem, minimum: choice.minimum, reference: choice.factor, threads: settings.threads)
            let path = estimate.collisionPath()
            var workspace = RatioNorm.Workspace(dimension: m)
            let radius = ConvergenceRadius.search(initial: settings.initialRadius, refine: settings.refine) { r in
                evaluations += 1
                progress?(.frame, min(evaluations, expected), expected)
                return estimate.shortestPath(radius: r, path: path, conventions: settings.conventions, workspace: &workspace)
            }
            evaluated.append((candidate, m <= 1000 ? choice : nil, radius))
        }
        guard !evaluated.isEmpty else { throw failure ?? .singularHessian }
        func factorise(_ candidate: FrameSelection.Candidate) throws(CompressionError) -> FrameChoice {
            try FrameSelection.factorise(candidate, positions: positions, ranked: ranking.ranked, of: ranking.candidates.count, threads: settings.threads)
        }
        lap?(.frame)

        // The largest radius whose L**_est is not exceeded by L**_rand at the same trial radius
        // (so r₂ ≤ 2/L**_rand too); if every frame fails that check, the largest min{r₂, 2/L**_rand}.
        let samples = settings.sampleCount(variables: m)
        var chosen: (choice: FrameChoice, radius: ConvergenceRadius, sampled: Double)?
        var fallback: (choice: FrameChoice, radius: ConvergenceRadius, sampled: Double, score: Double)?
        for entry in evaluated.sorted(by: { $0.radius.radius > $1.radius.radius }) {
            let choice: FrameChoice
            if let kept = entry.choice { choice = kept } else { choice = try factorise(entry.candidate) }
            let estimate = LipschitzEstimate(problem: problem, minimum: choice.minimum, reference: choice.factor, threads: settings.threads)
            let sampled = estimate.randomSampling(radius: entry.radius.trialRadius, samples: samples, seed: settings.seed) { done in
                progress?(.sampling, done, samples)
            }
            if sampled <= entry.radius.lipschitz || !settings.conventions.checksRandomDirections {
                chosen = (choice, entry.radius, sampled)
                break
            }
            let score = min(entry.radius.radius, 2 / sampled)
            if fallback == nil || score > fallback!.score { fallback = (choice, entry.radius, sampled, score) }
        }
        if chosen == nil, let fallback {
            let capped = ConvergenceRadius(
                radius: fallback.score, lipschitz: max(fallback.radius.lipschitz, fallback.sampled),
                trialRadius: fallback.radius.trialRadius, evaluations: fallback.radius.evaluations)
            chosen = (fallback.choice, capped, fallback.sampled)
        }
        lap?(.sampling)
        return (chosen!.choice, chosen!.radius, chosen!.sampled, samples)
    }
}
