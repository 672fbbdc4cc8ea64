/// Why a least-squares run stopped.
public enum LeastSquaresStopReason: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The gradient Jᵀr of F fell below `StoppingCriteria.maximumForce` in the largest
    /// component (or is zero).
    case converged
    /// The step fell below the relative step tolerance: w no longer changes.
    case smallStep
    /// `StoppingCriteria.maximumSteps` steps were accepted first.
    case stepLimit
    /// The damping grew without bound: no step lowered F (usually the Jacobian contradicts the
    /// residuals, or F is at the level of rounding).
    case noProgress
    /// The residuals or the Jacobian at the starting point are NaN or infinite.
    case nonFiniteValue

    public var description: String {
        switch self {
        case .converged: "converged"
        case .smallStep: "step below tolerance"
        case .stepLimit: "step limit reached"
        case .noProgress: "no step lowers the cost"
        case .nonFiniteValue: "residuals or Jacobian not finite"
        }
    }
}

/// The outcome of a least-squares run.
public struct LeastSquaresResult: Sendable {
    public var stopReason: LeastSquaresStopReason
    /// The final (best) parameters, n numbers.
    public var point: [Double]
    /// r at `point`, m numbers.
    public var residuals: [Double]
    /// F = ½ |r|² at `point`.
    public var cost: Double
    /// ‖Jᵀr‖∞ at `point`.
    public var gradientNorm: Double
    /// The damping μ when the run stopped.
    public var damping: Double
    /// Accepted steps.
    public var iterations: Int
    /// Calls to `ResidualProblem.residuals`, including the one at the start.
    public var residualEvaluations: Int
    /// Calls to `ResidualProblem.jacobian`.
    public var jacobianEvaluations: Int

    /// True for `.converged` and `.smallStep`, the two ways of arriving at a stationary point.
    public var converged: Bool { stopReason == .converged || stopReason == .smallStep }
}
