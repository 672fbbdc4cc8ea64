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
        var approximation = CorrectionHistory(memory: memory, dimension: problem.dimension)
        return try minimize(&problem, from: start, until: criteria, observer: observer, continuing: &approximation)
    }

    /// Minimizes starting from the pairs in `history` (e.g. where an earlier run stopped)
    /// instead of an empty memory, and leaves the updated pairs there. The history's own
    /// memory size applies.
    public func minimize<P: Optimizable>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria,
        observer: MinimizationObserver? = nil, continuing history: inout CorrectionHistory
    ) throws(P.Failure) -> MinimizationResult {
        precondition(history.dimension == problem.dimension, "the history is for another dimension")
        return try quasiNewtonMinimize(
            &problem, from: start, until: criteria, observer: observer, approximation: &history,
            lineSearch: lineSearch, maximumStep: maximumStep)
    }
}
