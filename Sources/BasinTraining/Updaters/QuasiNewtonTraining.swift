import BasinOptimize

/// Full-batch BFGS training: each epoch runs `iterationsPerEpoch` iterations on Γ/N
/// (`TrainingObjective`) from the current weights and continues with the dense inverse-Hessian
/// approximation of the epochs before, which is part of the checkpoint, so a resumed run is the
/// same as an uninterrupted one.
///
/// Options: `iterations_per_epoch` (≥ 1, default 10).
public struct BFGSTraining: TrainingUpdater {
    public static let name = "bfgs"
    public static let optionKeys = ["iterations_per_epoch"]

    /// Longest step, as the largest change of any single weight.
    public var maximumStep: Double
    /// Line searches (accepted iterations) per epoch.
    public var iterationsPerEpoch: Int
    /// The inverse-Hessian approximation where the last epoch stopped (nil before the first).
    public var inverseHessian: DenseInverseHessian?

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
        var curvature = inverseHessian ?? DenseInverseHessian(dimension: objective.dimension)
        let result = BFGS(maximumStep: maximumStep).minimize(
            &objective, from: epoch.parameters, until: StoppingCriteria(maximumForce: 0, maximumSteps: iterationsPerEpoch),
            continuing: &curvature)
        epoch.parameters = result.point
        inverseHessian = curvature
    }
}

/// Full-batch L-BFGS training: as `BFGSTraining`, with the last `memory` correction pairs in
/// place of a dense inverse Hessian; the pairs carry over from epoch to epoch and into the
/// checkpoint.
///
/// Options: `iterations_per_epoch` (≥ 1, default 10).
public struct LBFGSTraining: TrainingUpdater {
    public static let name = "lbfgs"
    public static let optionKeys = ["iterations_per_epoch"]

    /// Correction pairs kept.
    public var memory: Int
    /// Longest step, as the largest change of any single weight.
    public var maximumStep: Double
    /// Line searches (accepted iterations) per epoch.
    public var iterationsPerEpoch: Int
    /// The correction pairs where the last epoch stopped (nil before the first).
    public var correctionHistory: CorrectionHistory?

    public init(memory: Int = 10, maximumStep: Double = 0.5, iterationsPerEpoch: Int = 10) {
        precondition(memory >= 1 && maximumStep > 0 && iterationsPerEpoch >= 1, "need positive settings")
        self.memory = memory
        self.maximumStep = maximumStep
        self.iterationsPerEpoch = iterationsPerEpoch
    }

    public init(options: TrainingUpdaterOptions) throws(TrainingError) {
        self.init(iterationsPerEpoch: try options.iterationsPerEpoch(default: 10))
    }

    public mutating func runEpoch(_ epoch: inout TrainingEpoch) {
        var objective = TrainingObjective(loss: epoch.loss)
        var history = correctionHistory ?? CorrectionHistory(memory: memory, dimension: objective.dimension)
        let result = LBFGS(maximumStep: maximumStep).minimize(
            &objective, from: epoch.parameters, until: StoppingCriteria(maximumForce: 0, maximumSteps: iterationsPerEpoch),
            continuing: &history)
        epoch.parameters = result.point
        correctionHistory = history
    }
}

extension TrainingUpdaterOptions {
    /// `iterations_per_epoch`, at least 1, or `fallback` when absent.
    func iterationsPerEpoch(default fallback: Int) throws(TrainingError) -> Int {
        let iterations = try integer("iterations_per_epoch") ?? fallback
        guard iterations >= 1 else { throw TrainingError(reason: "optimizer.iterations_per_epoch must be at least 1") }
        return iterations
    }
}
