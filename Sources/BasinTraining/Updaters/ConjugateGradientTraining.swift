import BasinOptimize

/// Full-batch nonlinear conjugate-gradient training (Polak–Ribière+ with Powell's restarts and
/// a strong Wolfe line search, BasinOptimize's `ConjugateGradient`), the method the Amp report
/// compares with BFGS and L-BFGS. Each epoch runs `iterationsPerEpoch` iterations on Γ/N
/// (`TrainingObjective`) from the current weights, starting with steepest descent: the epoch
/// boundary is a restart, so the method carries no state and a resumed run is the same as an
/// uninterrupted one.
///
/// Options: `iterations_per_epoch` (≥ 1, default 10).
public struct ConjugateGradientTraining: TrainingUpdater {
    public static let name = "cg"
    public static let optionKeys = ["iterations_per_epoch"]

    /// Longest step, as the largest change of any single weight.
    public var maximumStep: Double
    /// Line searches (accepted iterations) per epoch.
    public var iterationsPerEpoch: Int

    public init(maximumStep: Double = 0.5, iterationsPerEpoch: Int = 10) {
        precondition(maximumStep > 0 && iterationsPerEpoch >= 1, "need positive settings")
        self.maximumStep = maximumStep
        self.iterationsPerEpoch = iterationsPerEpoch
    }

    public init(options: TrainingUpdaterOptions) throws(TrainingError) {
        self.init(iterationsPerEpoch: try options.iterationsPerEpoch(default: 10))
    }

    public mutating func runEpoch(_ epoch: inout TrainingEpoch) {
        var objective = TrainingObjective(loss: epoch.loss)
        let result = ConjugateGradient(maximumStep: maximumStep).minimize(
            &objective, from: epoch.parameters, until: StoppingCriteria(maximumForce: 0, maximumSteps: iterationsPerEpoch),
            observer: nil)
        epoch.parameters = result.point
    }
}
