/// Why a minimizer stopped.
public enum StopReason: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The gradient norm fell below `StoppingCriteria.maximumForce`.
    case converged
    /// `StoppingCriteria.maximumSteps` iterations were taken first.
    case stepLimit
    /// No step along the search direction, nor along steepest descent, lowered the value
    /// (usually: the gradient is at the level of rounding noise, or inconsistent with the value).
    case lineSearchFailed
    /// The value or gradient became NaN or infinite.
    case nonFiniteValue

    public var description: String {
        switch self {
        case .converged: "converged"
        case .stepLimit: "step limit reached"
        case .lineSearchFailed: "line search failed"
        case .nonFiniteValue: "value or gradient not finite"
        }
    }
}

/// The outcome of a minimization: where it stopped, why, and what it cost.
public struct MinimizationResult: Sendable {
    public var stopReason: StopReason
    /// The final point (the best accepted one), `dimension` numbers.
    public var point: [Double]
    /// f at `point` (for atoms: potential energy, energy units).
    public var value: Double
    /// The problem's norm of the gradient at `point` (for atoms: largest per-atom force).
    public var maximumForce: Double
    /// Iterations taken (FIRE steps, or accepted line searches).
    public var iterations: Int
    /// Calls to `Optimizable.evaluate`, including the one at the starting point.
    public var evaluations: Int

    public var converged: Bool { stopReason == .converged }
}
