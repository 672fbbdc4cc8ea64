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
        var approximation = DenseInverseHessian(dimension: problem.dimension)
        return try minimize(&problem, from: start, until: criteria, observer: observer, continuing: &approximation)
    }

    /// Minimizes starting from the curvature in `approximation` (e.g. where an earlier run
    /// stopped) instead of H = I, and leaves the refined approximation there.
    public func minimize<P: Optimizable>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria,
        observer: MinimizationObserver? = nil, continuing approximation: inout DenseInverseHessian
    ) throws(P.Failure) -> MinimizationResult {
        precondition(approximation.dimension == problem.dimension, "the approximation is for another dimension")
        return try quasiNewtonMinimize(
            &problem, from: start, until: criteria, observer: observer, approximation: &approximation,
            lineSearch: lineSearch, maximumStep: maximumStep)
    }
}
