/// Nonlinear conjugate gradients, Polak–Ribière+ with restarts and a strong Wolfe line search.
///
/// Directions are dₖ₊₁ = −∇fₖ₊₁ + βₖ₊₁ dₖ with β = max(0, ∇fₖ₊₁ᵀ(∇fₖ₊₁ − ∇fₖ) / |∇fₖ|²)
/// (Polak & Ribière 1969; the truncation at zero is Powell's, Lect. Notes Math. 1066, 122
/// (1984); Gilbert & Nocedal, SIAM J. Optim. 2, 21 (1992)). The method restarts with steepest
/// descent every `restartInterval` iterations and whenever successive gradients are far from
/// orthogonal, |∇fₖ₊₁ᵀ∇fₖ| ≥ 0.1 |∇fₖ₊₁|² (Powell's test; Nocedal & Wright, *Numerical
/// Optimization*, 2nd ed., §5.2, eq. 5.52). The first trial step is α₀ = αₖ₋₁ ∇fₖ₋₁ᵀdₖ₋₁ / ∇fₖᵀdₖ
/// (their eq. 3.60), and no step is longer than `maximumStep` in the problem's norm.
///
/// If a search finds no lower point, steepest descent is tried once; if that also fails the
/// run stops with `.lineSearchFailed`.
public struct ConjugateGradient: Minimizer {
    /// Longest step, in the problem's norm: for atoms, the largest distance any atom moves in
    /// one iteration (length units).
    public var maximumStep: Double
    /// Iterations between forced restarts; nil restarts every n = `dimension` iterations.
    public var restartInterval: Int?
    public var lineSearch: LineSearch

    public init(maximumStep: Double = 0.2, restartInterval: Int? = nil, lineSearch: LineSearch = LineSearch(curvature: 0.1)) {
        precondition(maximumStep > 0 && (restartInterval ?? 1) >= 1, "maximum step and restart interval must be positive")
        self.maximumStep = maximumStep
        self.restartInterval = restartInterval
        self.lineSearch = lineSearch
    }

    public func minimize<P: Optimizable>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria,
        observer: MinimizationObserver?
    ) throws(P.Failure) -> MinimizationResult {
        let n = problem.dimension
        let interval = restartInterval ?? max(1, n)
        var log = RunBookkeeping(criteria: criteria, observer: observer)
        var x = start, gradient: [Double] = [], value = 0.0, force = 0.0
        if let early = try log.begin(&problem, at: start, value: &value, gradient: &gradient, force: &force) { return early }

        var direction = [Double](repeating: 0, count: n)
        var trialPoint = direction, trialGradient = direction
        var restart = true
        var isSteepestDescent = true
        var sinceRestart = 0
        var previousStep = 0.0, previousSlope = 0.0
        while true {
            if let reason = log.stopReason(force: force) { return log.result(reason, point: x, value: value, force: force) }
            var slope = gradient.dot(direction)
            if restart || !(slope < 0) {
                direction.assign(-1, times: gradient)
                slope = -gradient.dot(gradient)
                isSteepestDescent = true
                sinceRestart = 0
                restart = false
            }
            let initialStep = previousStep > 0 ? previousStep * previousSlope / slope : 1
            let outcome = try lineSearch.search(
                &problem, from: x, along: direction, value: value, slope: slope, initialStep: initialStep,
                maximumStep: maximumStep / problem.norm(direction), trialPoint: &trialPoint, trialGradient: &trialGradient)
            log.evaluations += outcome.evaluations
            if outcome.status == .noDecrease {
                if isSteepestDescent { return log.result(.lineSearchFailed, point: x, value: value, force: force) }
                restart = true
                previousStep = 0
                continue
            }
            log.iterations += 1
            sinceRestart += 1
            let oldNormSquared = gradient.dot(gradient)
            let newNormSquared = trialGradient.dot(trialGradient)
            let overlap = trialGradient.dot(gradient)
            var beta = max(0, (newNormSquared - overlap) / oldNormSquared)
            if sinceRestart >= interval || abs(overlap) >= 0.1 * newNormSquared {
                beta = 0
                sinceRestart = 0
            }
            previousStep = outcome.step
            previousSlope = slope
            swap(&x, &trialPoint)
            swap(&gradient, &trialGradient)
            direction.scale(by: beta, adding: -1, times: gradient)
            isSteepestDescent = beta == 0
            value = outcome.value
            force = problem.norm(gradient)
            log.report(point: x, value: value, force: force)
        }
    }
}
