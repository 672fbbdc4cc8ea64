/// The state of a minimization after an iteration, as observers see it.
public struct MinimizationProgress: Sendable {
    /// Iterations taken so far; 0 for the starting point.
    public let iteration: Int
    /// Calls to `Optimizable.evaluate` so far.
    public let evaluations: Int
    /// f at `point`.
    public let value: Double
    /// The problem's norm of the gradient at `point`.
    public let maximumForce: Double
    /// The current point, `dimension` numbers. Observers that keep it keep a copy.
    public let point: [Double]
}

/// Called once at the starting point and once after every iteration, e.g. to print progress
/// or to write a trajectory.
public typealias MinimizationObserver = (MinimizationProgress) -> Void
