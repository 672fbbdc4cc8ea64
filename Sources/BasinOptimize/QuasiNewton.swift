/// An approximation H of the inverse Hessian, refined from accepted steps: what distinguishes
/// BFGS (`DenseInverseHessian`) from L-BFGS (`CorrectionHistory`).
protocol InverseHessianApproximation {
    /// r ← H g.
    mutating func applyInverseHessian(to g: [Double], into r: inout [Double])
    /// Back to H = I.
    mutating func clear()
    /// Whether H is I (nothing learned since the start or the last `clear`).
    var isEmpty: Bool { get }
    /// Refines H from the step x → xNew, along which the gradient went from g to gNew.
    mutating func append(from x: [Double], to xNew: [Double], gradient g: [Double], to gNew: [Double])
}

/// The quasi-Newton iteration shared by BFGS and L-BFGS (Nocedal & Wright, Algorithms 6.1 and
/// 7.5): direction d = −H∇f (steepest descent, with H cleared, when that is not downhill), a
/// strong Wolfe line search from the unit step capped at `maximumStep` in the problem's norm,
/// then H refined from the accepted step. A failed search clears H and tries steepest descent
/// once; failing again stops the run with `.lineSearchFailed`.
func quasiNewtonMinimize<P: Optimizable, H: InverseHessianApproximation>(
    _ problem: inout P, from start: [Double], until criteria: StoppingCriteria, observer: MinimizationObserver?,
    approximation: inout H, lineSearch: LineSearch, maximumStep: Double
) throws(P.Failure) -> MinimizationResult {
    let n = problem.dimension
    var log = RunBookkeeping(criteria: criteria, observer: observer)
    var x = start, gradient: [Double] = [], value = 0.0, force = 0.0
    if let early = try log.begin(&problem, at: start, value: &value, gradient: &gradient, force: &force) { return early }

    var direction = [Double](repeating: 0, count: n)
    var trialPoint = direction, trialGradient = direction
    while true {
        if let reason = log.stopReason(force: force) { return log.result(reason, point: x, value: value, force: force) }
        approximation.applyInverseHessian(to: gradient, into: &direction)
        direction.negate()
        var slope = gradient.dot(direction)
        if !(slope < 0) {
            approximation.clear()
            direction.assign(-1, times: gradient)
            slope = -gradient.dot(gradient)
        }
        let outcome = try lineSearch.search(
            &problem, from: x, along: direction, value: value, slope: slope, initialStep: 1,
            maximumStep: maximumStep / problem.norm(direction), trialPoint: &trialPoint, trialGradient: &trialGradient)
        log.evaluations += outcome.evaluations
        if outcome.status == .noDecrease {
            if approximation.isEmpty { return log.result(.lineSearchFailed, point: x, value: value, force: force) }
            approximation.clear()
            continue
        }
        log.iterations += 1
        approximation.append(from: x, to: trialPoint, gradient: gradient, to: trialGradient)
        swap(&x, &trialPoint)
        swap(&gradient, &trialGradient)
        value = outcome.value
        force = problem.norm(gradient)
        log.report(point: x, value: value, force: force)
    }
}
