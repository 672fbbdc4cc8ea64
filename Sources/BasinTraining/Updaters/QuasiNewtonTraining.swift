import BasinOptimize

/// Full-batch BFGS training: each epoch runs quasi-Newton iterations on Γ/N
/// (`QuasiNewtonRun`) from the current weights and continues with the dense inverse-Hessian
/// approximation of the epochs before, which is part of the checkpoint, so a resumed run is the
/// same as an uninterrupted one.
///
/// Options: `iterations_per_epoch` (≥ 1, default 10), `gradient_tolerance` (> 0; the run ends
/// once the largest component of ∇(Γ/N) is below it).
public struct BFGSTraining: TrainingUpdater {
    public static let name = "bfgs"
    public static let optionKeys = ["iterations_per_epoch", "gradient_tolerance"]

    /// Longest step, as the largest change of any single weight.
    public var maximumStep: Double
    /// Iterations per epoch, tolerance and progress.
    public var run: QuasiNewtonRun
    /// The inverse-Hessian approximation where the last epoch stopped (nil before the first).
    public var inverseHessian: DenseInverseHessian?

    public init(maximumStep: Double = 0.5, iterationsPerEpoch: Int = 10, gradientTolerance: Double? = nil) {
        self.init(maximumStep: maximumStep, run: QuasiNewtonRun(iterationsPerEpoch: iterationsPerEpoch, gradientTolerance: gradientTolerance))
    }

    init(maximumStep: Double, run: QuasiNewtonRun) {
        precondition(maximumStep > 0, "need a positive maximum step")
        self.maximumStep = maximumStep
        self.run = run
    }

    public init(options: TrainingUpdaterOptions) throws(TrainingError) {
        self.init(maximumStep: 0.5, run: try QuasiNewtonRun(options: options, defaultIterations: 10))
    }

    public var hasConverged: Bool { run.converged }
    public var iterationCount: Int? { run.iterations }

    public mutating func runEpoch(_ epoch: inout TrainingEpoch) {
        let method = BFGS(maximumStep: maximumStep)
        var curvature = inverseHessian ?? DenseInverseHessian(dimension: epoch.loss.parameterCount)
        run.runEpoch(&epoch) { objective, start, criteria in
            method.minimize(&objective, from: start, until: criteria, continuing: &curvature)
        }
        inverseHessian = curvature
    }

    /// The inverse Hessian (weights² numbers), which a checkpoint keeps in binary.
    public mutating func takeLargeState() -> [LargeStateArray] {
        guard inverseHessian != nil else { return [] }
        return [LargeStateArray(name: "inverseHessian", values: inverseHessian!.takeMatrix())]
    }

    public mutating func dropLargeState() { inverseHessian = nil }

    public mutating func restoreLargeState(_ arrays: [String: [Double]]) throws(TrainingError) {
        guard inverseHessian != nil else {
            guard arrays.isEmpty else { throw TrainingError(reason: "the checkpoint has an inverse Hessian but BFGS has not started") }
            return
        }
        guard let values = arrays["inverseHessian"], inverseHessian!.restoreMatrix(values) else {
            let n = inverseHessian!.dimension
            throw TrainingError(reason: "the checkpoint's state file lacks the \(n) × \(n) inverse Hessian")
        }
    }
}

/// Full-batch L-BFGS training: as `BFGSTraining`, with the last `memory` correction pairs in
/// place of a dense inverse Hessian; the pairs carry over from epoch to epoch and into the
/// checkpoint.
///
/// Options: `iterations_per_epoch` (≥ 1, default 10), `gradient_tolerance` (> 0).
public struct LBFGSTraining: TrainingUpdater {
    public static let name = "lbfgs"
    public static let optionKeys = ["iterations_per_epoch", "gradient_tolerance"]

    /// Correction pairs kept.
    public var memory: Int
    /// Longest step, as the largest change of any single weight.
    public var maximumStep: Double
    /// Iterations per epoch, tolerance and progress.
    public var run: QuasiNewtonRun
    /// The correction pairs where the last epoch stopped (nil before the first).
    public var correctionHistory: CorrectionHistory?

    public init(memory: Int = 10, maximumStep: Double = 0.5, iterationsPerEpoch: Int = 10, gradientTolerance: Double? = nil) {
        self.init(
            memory: memory, maximumStep: maximumStep,
            run: QuasiNewtonRun(iterationsPerEpoch: iterationsPerEpoch, gradientTolerance: gradientTolerance))
    }

    init(memory: Int, maximumStep: Double, run: QuasiNewtonRun) {
        precondition(memory >= 1 && maximumStep > 0, "need positive settings")
        self.memory = memory
        self.maximumStep = maximumStep
        self.run = run
    }

    public init(options: TrainingUpdaterOptions) throws(TrainingError) {
        self.init(memory: 10, maximumStep: 0.5, run: try QuasiNewtonRun(options: options, defaultIterations: 10))
    }

    public var hasConverged: Bool { run.converged }
    public var iterationCount: Int? { run.iterations }

    public mutating func runEpoch(_ epoch: inout TrainingEpoch) {
        let method = LBFGS(maximumStep: maximumStep)
        var history = correctionHistory ?? CorrectionHistory(memory: memory, dimension: epoch.loss.parameterCount)
        run.runEpoch(&epoch) { objective, start, criteria in
            method.minimize(&objective, from: start, until: criteria, continuing: &history)
        }
        correctionHistory = history
    }
}
