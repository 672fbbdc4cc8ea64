/// When a minimizer stops: at a small enough gradient or after a number of iterations.
public struct StoppingCriteria: Sendable, Equatable {
    /// The run has converged once the problem's norm of the gradient falls below this value.
    /// For atoms this is ASE's fmax, the largest per-atom force (energy / length).
    public var maximumForce: Double
    /// Largest number of iterations (FIRE steps, or line searches for L-BFGS and CG).
    public var maximumSteps: Int

    public init(maximumForce: Double, maximumSteps: Int) {
        precondition(maximumForce >= 0 && maximumSteps >= 0, "thresholds must be non-negative")
        self.maximumForce = maximumForce
        self.maximumSteps = maximumSteps
    }
}
