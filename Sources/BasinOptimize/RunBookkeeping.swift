/// What every minimizer tracks the same way: iteration and evaluation counts, the stopping
/// test, observer calls and the final result.
struct RunBookkeeping {
    let criteria: StoppingCriteria
    let observer: MinimizationObserver?
    var iterations = 0
    var evaluations = 0

    /// Why to stop at a point whose gradient norm is `force`, or nil to go on. Convergence is
    /// tested first, so a run that reaches the threshold on its last allowed step converged; a
    /// zero gradient has converged whatever the threshold.
    func stopReason(force: Double) -> StopReason? {
        if force < criteria.maximumForce || force == 0 { return .converged }
        if iterations >= criteria.maximumSteps { return .stepLimit }
        return nil
    }

    func report(point: [Double], value: Double, force: Double) {
        observer?(MinimizationProgress(
            iteration: iterations, evaluations: evaluations, value: value, maximumForce: force, point: point))
    }

    func result(_ reason: StopReason, point: [Double], value: Double, force: Double) -> MinimizationResult {
        MinimizationResult(
            stopReason: reason, point: point, value: value, maximumForce: force,
            iterations: iterations, evaluations: evaluations)
    }

    /// The first evaluation every minimizer makes: the value and gradient at `start`, reported
    /// to the observer. Returns nil (with `value`, `gradient`, `force` set) to go on, or the
    /// result when the starting point is not finite.
    mutating func begin<P: Optimizable>(
        _ problem: inout P, at start: [Double], value: inout Double, gradient: inout [Double], force: inout Double
    ) throws(P.Failure) -> MinimizationResult? {
        precondition(start.count == problem.dimension, "the starting point needs \(problem.dimension) coordinates")
        gradient = [Double](repeating: 0, count: start.count)
        value = try problem.evaluate(at: start, gradient: &gradient)
        evaluations = 1
        force = problem.norm(gradient)
        guard value.isFinite, gradient.isFinite else { return result(.nonFiniteValue, point: start, value: value, force: force) }
        report(point: start, value: value, force: force)
        return nil
    }
}
