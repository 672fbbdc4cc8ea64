/// Limited-memory BFGS with a strong Wolfe line search.
///
/// The search direction is d = −H∇f, with H the BFGS inverse-Hessian approximation built from
/// the last m steps by Nocedal's two-loop recursion (Nocedal, Math. Comp. 35, 773 (1980); Liu &
/// Nocedal, Math. Program. 45, 503 (1989); Nocedal & Wright, *Numerical Optimization*, 2nd ed.,
/// Algorithm 7.5), scaled by γ = sᵀy / yᵀy (their eq. 7.20). Each iteration tries the unit step
/// first and accepts a step satisfying the strong Wolfe conditions (`LineSearch`), never longer
/// than `maximumStep` in the problem's norm.
///
/// If a search finds no lower point, the memory is cleared and steepest descent is tried once;
/// if that also fails the run stops with `.lineSearchFailed`.
public struct LBFGS: Minimizer {
    /// Number m of correction pairs kept (3 to 20 is usual).
    public var memory: Int
    /// Longest step, in the problem's norm: for atoms, the largest distance any atom moves in
    /// one iteration (length units).
    public var maximumStep: Double
    public var lineSearch: LineSearch

    public init(memory: Int = 10, maximumStep: Double = 0.2, lineSearch: LineSearch = LineSearch(curvature: 0.9)) {
        precondition(memory >= 1 && maximumStep > 0, "memory and maximum step must be positive")
        self.memory = memory
        self.maximumStep = maximumStep
        self.lineSearch = lineSearch
    }

    public func minimize<P: Optimizable>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria,
        observer: MinimizationObserver?
    ) throws(P.Failure) -> MinimizationResult {
        let n = problem.dimension
        var log = RunBookkeeping(criteria: criteria, observer: observer)
        var x = start, gradient: [Double] = [], value = 0.0, force = 0.0
        if let early = try log.begin(&problem, at: start, value: &value, gradient: &gradient, force: &force) { return early }

        var history = CorrectionHistory(memory: memory, dimension: n)
        var direction = [Double](repeating: 0, count: n)
        var trialPoint = direction, trialGradient = direction
        while true {
            if let reason = log.stopReason(force: force) { return log.result(reason, point: x, value: value, force: force) }
            history.applyInverseHessian(to: gradient, into: &direction)
            direction.negate()
            var slope = gradient.dot(direction)
            if !(slope < 0) {
                history.clear()
                direction.assign(-1, times: gradient)
                slope = -gradient.dot(gradient)
            }
            let outcome = try lineSearch.search(
                &problem, from: x, along: direction, value: value, slope: slope, initialStep: 1,
                maximumStep: maximumStep / problem.norm(direction), trialPoint: &trialPoint, trialGradient: &trialGradient)
            log.evaluations += outcome.evaluations
            if outcome.status == .noDecrease {
                if history.isEmpty { return log.result(.lineSearchFailed, point: x, value: value, force: force) }
                history.clear()
                continue
            }
            log.iterations += 1
            history.append(from: x, to: trialPoint, gradient: gradient, to: trialGradient)
            swap(&x, &trialPoint)
            swap(&gradient, &trialGradient)
            value = outcome.value
            force = problem.norm(gradient)
            log.report(point: x, value: value, force: force)
        }
    }
}
