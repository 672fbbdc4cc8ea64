/// The BFGS quasi-Newton method with a dense inverse-Hessian approximation and a strong Wolfe
/// line search (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm 6.1).
///
/// The search direction is d = −H∇f, with H updated from every accepted step by the BFGS
/// formula (`DenseInverseHessian`): it starts as I, is rescaled to (sᵀy / yᵀy) I just before
/// the first update (their eq. 6.20), and skips pairs with sᵀy ≤ 0 so that it stays positive
/// definite. Each iteration tries the unit step first and accepts a step satisfying the strong
/// Wolfe conditions (`LineSearch`), never longer than `maximumStep` in the problem's norm.
///
/// Memory: n² doubles for H (8 n² bytes: 80 MB at n = 3 200) besides a few n-vectors; each
/// iteration costs O(n²) operations on top of the evaluations. For large n use `LBFGS`,
/// which keeps 2mn numbers instead.
///
/// If a search finds no lower point, H is reset to I and steepest descent is tried once; if
/// that also fails the run stops with `.lineSearchFailed`.
public struct BFGS: Minimizer {
    /// Longest step, in the problem's norm: for atoms, the largest distance any atom moves in
    /// one iteration (length units).
    public var maximumStep: Double
    public var lineSearch: LineSearch

    public init(maximumStep: Double = 0.2, lineSearch: LineSearch = LineSearch(curvature: 0.9)) {
        precondition(maximumStep > 0, "the maximum step must be positive")
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

        var inverseHessian = DenseInverseHessian(dimension: n)
        var direction = [Double](repeating: 0, count: n)
        var trialPoint = direction, trialGradient = direction
        while true {
            if let reason = log.stopReason(force: force) { return log.result(reason, point: x, value: value, force: force) }
            inverseHessian.apply(to: gradient, into: &direction)
            direction.negate()
            var slope = gradient.dot(direction)
            if !(slope < 0) {
                inverseHessian.reset()
                direction.assign(-1, times: gradient)
                slope = -gradient.dot(gradient)
            }
            let outcome = try lineSearch.search(
                &problem, from: x, along: direction, value: value, slope: slope, initialStep: 1,
                maximumStep: maximumStep / problem.norm(direction), trialPoint: &trialPoint, trialGradient: &trialGradient)
            log.evaluations += outcome.evaluations
            if outcome.status == .noDecrease {
                if inverseHessian.isIdentity { return log.result(.lineSearchFailed, point: x, value: value, force: force) }
                inverseHessian.reset()
                continue
            }
            log.iterations += 1
            inverseHessian.update(from: x, to: trialPoint, gradient: gradient, to: trialGradient)
            swap(&x, &trialPoint)
            swap(&gradient, &trialGradient)
            value = outcome.value
            force = problem.norm(gradient)
            log.report(point: x, value: value, force: force)
        }
    }
}
