import BasinOptimize

/// A first-order stepper of BasinOptimize with the keyword a configuration names it by.
public protocol NamedGradientStepper: GradientStepper, Equatable {
    /// The keyword of `optimizer.name`.
    static var trainingName: String { get }
    /// The stepper with its paper's settings.
    static var standard: Self { get }
}

/// Mini-batch training with a first-order stepper (SGD, momentum, Adagrad, Adadelta, Adam,
/// NAdam): per epoch a seeded shuffle of the training structures, cut into batches of the
/// configured size, one step per batch along the estimate of ∇(Γ/N) (`Loss.batchGradient`),
/// with η from the schedule, which sees the monitored loss after each epoch.
///
/// Options: `learning_rate` (> 0; default the stepper's recommended rate) and `schedule`.
public struct GradientStepperTraining<Stepper: NamedGradientStepper>: TrainingUpdater {
    public static var name: String { Stepper.trainingName }
    public static var optionKeys: [String] { ["learning_rate", "schedule"] }

    /// The stepper with its running state (moments, step count).
    public var stepper: Stepper
    /// η per epoch, with its position.
    public var schedule: TrainingSchedule

    /// `stepper` with `schedule` (default: constant η, the stepper's recommended rate unless
    /// `learningRate` is given).
    public init(_ stepper: Stepper = .standard, learningRate: Double? = nil, schedule: TrainingSchedule? = nil) {
        self.stepper = stepper
        self.schedule = schedule ?? .constant(ConstantLearningRate(learningRate ?? Stepper.defaultLearningRate))
    }

    public init(options: TrainingUpdaterOptions) throws(TrainingError) {
        let rate = try options.number("learning_rate") ?? Stepper.defaultLearningRate
        guard rate > 0 else { throw TrainingError(reason: "optimizer.learning_rate must be positive") }
        self.init(learningRate: rate, schedule: try options.schedule(learningRate: rate))
    }

    public var learningRate: Double? { schedule.learningRate }

    public mutating func runEpoch(_ epoch: inout TrainingEpoch) {
        let loss = epoch.loss, count = loss.structures.count
        let order = epoch.shuffledOrder(count)
        let size = epoch.batchSize <= 0 ? count : min(epoch.batchSize, count)
        var start = 0
        while start < count {
            let batch = Array(order[start..<min(start + size, count)])
            let gradient = loss.batchGradient(parameters: epoch.parameters, batch: batch)
            stepper.step(&epoch.parameters, gradient: gradient, learningRate: schedule.learningRate)
            start += size
        }
    }

    public mutating func endEpoch(monitoredLoss: Double) {
        schedule.endEpoch(loss: monitoredLoss)
    }
}
