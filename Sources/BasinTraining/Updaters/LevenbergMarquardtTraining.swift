import BasinOptimize

/// Levenberg–Marquardt training over all residuals of the training set (one energy and 3N
/// force residuals per structure, plus √λ w when λ > 0; `TrainingResiduals`), memory m·P for the
/// Jacobian, so for small data sets. Each epoch is a run of `iterationsPerEpoch` accepted steps;
/// the damping μ where it stopped starts the next epoch (`currentDamping`), for Marquardt's
/// scaling.
///
/// Options: `iterations_per_epoch` (≥ 1, default 5).
public struct LevenbergMarquardtTraining: TrainingUpdater {
    public static let name = "levenberg-marquardt"
    public static let optionKeys = ["iterations_per_epoch"]

    public var damping: LevenbergMarquardt.Damping
    /// τ of the first epoch.
    public var initialDamping: Double
    public var iterationsPerEpoch: Int
    /// μ at the end of the last epoch (nil before the first).
    public var currentDamping: Double?

    public init(damping: LevenbergMarquardt.Damping = .jacobianDiagonal, initialDamping: Double = 1e-3, iterationsPerEpoch: Int = 5) {
        precondition(initialDamping > 0 && iterationsPerEpoch >= 1, "need τ > 0 and iterations ≥ 1")
        self.damping = damping
        self.initialDamping = initialDamping
        self.iterationsPerEpoch = iterationsPerEpoch
    }

    public init(options: TrainingUpdaterOptions) throws(TrainingError) {
        self.init(iterationsPerEpoch: try options.iterationsPerEpoch(default: 5))
    }

    public mutating func runEpoch(_ epoch: inout TrainingEpoch) {
        var problem = TrainingResiduals(loss: epoch.loss)
        let tau = damping == .jacobianDiagonal ? (currentDamping ?? initialDamping) : initialDamping
        let result = LevenbergMarquardt(damping: damping, initialDamping: max(tau, 1e-300)).minimize(
            &problem, from: epoch.parameters, until: StoppingCriteria(maximumForce: 0, maximumSteps: iterationsPerEpoch))
        epoch.parameters = result.point
        if result.damping.isFinite && result.damping > 0 { currentDamping = result.damping }
    }
}
