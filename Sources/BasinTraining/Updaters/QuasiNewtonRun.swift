import BasinOptimize

/// The stopping rule and progress of full-batch quasi-Newton training (`BFGSTraining`,
/// `LBFGSTraining`), shared by both and kept in their checkpoint state.
///
/// Each epoch runs quasi-Newton iterations on Γ/N (`TrainingObjective`) from the current
/// weights until `iterationsPerEpoch` line searches are accepted or, with a
/// `gradientTolerance`, until the largest component of ∇(Γ/N) falls below it. Once the
/// tolerance is met the run has converged: later epochs do nothing and the trainer ends the run.
/// Without a tolerance every epoch takes its full number of iterations (unless the gradient is
/// exactly zero or the line search fails).
public struct QuasiNewtonRun: Codable, Sendable, Equatable {
    /// Accepted line searches allowed per epoch (≥ 1).
    public var iterationsPerEpoch: Int
    /// Convergence threshold on maxₖ |∂(Γ/N)/∂wₖ| (loss per structure per unit weight), > 0;
    /// nil: none.
    public var gradientTolerance: Double?
    /// Accepted line searches since the run began.
    public private(set) var iterations = 0
    /// maxₖ |∂(Γ/N)/∂wₖ| where the last epoch stopped (nil before the first).
    public private(set) var gradientNorm: Double?
    /// Whether the gradient has fallen below `gradientTolerance` (always false without one).
    public private(set) var converged = false

    public init(iterationsPerEpoch: Int, gradientTolerance: Double? = nil) {
        precondition(iterationsPerEpoch >= 1, "need at least one iteration per epoch")
        precondition(gradientTolerance.map { $0 > 0 && $0.isFinite } ?? true, "the gradient tolerance must be positive")
        self.iterationsPerEpoch = iterationsPerEpoch
        self.gradientTolerance = gradientTolerance
    }

    /// The settings of the `optimizer` keys `iterations_per_epoch` (default `iterations`) and
    /// `gradient_tolerance`.
    public init(options: TrainingUpdaterOptions, defaultIterations iterations: Int) throws(TrainingError) {
        self.init(iterationsPerEpoch: try options.iterationsPerEpoch(default: iterations), gradientTolerance: try options.gradientTolerance())
    }

    /// The stopping criteria of one epoch.
    var criteria: StoppingCriteria {
        StoppingCriteria(maximumForce: gradientTolerance ?? 0, maximumSteps: iterationsPerEpoch)
    }

    /// Runs one epoch on `epoch.parameters` with `minimize` (a quasi-Newton method continuing
    /// its own curvature, called with the objective, the start and the epoch's criteria), unless
    /// the run has already converged.
    public mutating func runEpoch(
        _ epoch: inout TrainingEpoch, minimize: (inout TrainingObjective, [Double], StoppingCriteria) -> MinimizationResult
    ) {
        guard !converged else { return }
        var objective = TrainingObjective(loss: epoch.loss)
        let result = minimize(&objective, epoch.parameters, criteria)
        epoch.parameters = result.point
        iterations += result.iterations
        gradientNorm = result.maximumForce
        converged = gradientTolerance != nil && result.converged
    }
}

extension TrainingUpdaterOptions {
    /// `gradient_tolerance`, a positive number, or nil when absent.
    func gradientTolerance() throws(TrainingError) -> Double? {
        guard let tolerance = try number("gradient_tolerance") else { return nil }
        guard tolerance > 0 else { throw TrainingError(reason: "optimizer.gradient_tolerance must be positive, got \(tolerance)") }
        return tolerance
    }
}
