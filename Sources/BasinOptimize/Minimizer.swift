/// A local minimizer: descends from a starting point of an `Optimizable` until the gradient is
/// small enough or the step budget is spent.
///
/// Minimizers are values holding only their parameters; all working memory of a run is
/// allocated once when `minimize` starts, so one minimizer can serve many runs.
public protocol Minimizer: Sendable {
    /// Minimizes `problem` from `start`.
    /// - Parameters:
    ///   - problem: the function; it is left at its most recently evaluated point, which need
    ///     not be the returned one (a line search may have evaluated further trial points).
    ///   - start: `problem.dimension` numbers.
    ///   - criteria: when to stop.
    ///   - observer: called at the start and after every iteration.
    /// - Throws: whatever `problem.evaluate` throws, passed through.
    func minimize<P: Optimizable>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria,
        observer: MinimizationObserver?
    ) throws(P.Failure) -> MinimizationResult
}

extension Minimizer {
    /// Minimizes `problem` from `start` without an observer.
    public func minimize<P: Optimizable>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria
    ) throws(P.Failure) -> MinimizationResult {
        try minimize(&problem, from: start, until: criteria, observer: nil)
    }
}
