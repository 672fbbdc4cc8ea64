import Foundation

/// The learning rate η of a training run, epoch by epoch.
///
/// A schedule is a value holding its position: read `learningRate` for the current epoch and
/// call `endEpoch(loss:)` after it. Schedules are `Codable` so that a training checkpoint
/// resumes with the same rates. The fixed schedules ignore the loss; `ReduceOnPlateau` uses it.
public protocol LearningRateSchedule: Codable, Sendable {
    /// η for the current epoch.
    var learningRate: Double { get }

    /// Ends the current epoch, whose monitored loss (e.g. on the validation set) was `loss`.
    mutating func endEpoch(loss: Double)
}

/// The same η every epoch.
public struct ConstantLearningRate: LearningRateSchedule, Equatable {
    public var learningRate: Double

    public init(_ learningRate: Double) {
        precondition(learningRate > 0, "the learning rate must be positive")
        self.learningRate = learningRate
    }

    public mutating func endEpoch(loss: Double) {}
}

/// η = η₀ γ^⌊e / s⌋ at epoch e (counted from 0): multiplied by γ every s epochs (PyTorch's
/// StepLR).
public struct StepDecay: LearningRateSchedule, Equatable {
    /// η₀.
    public var initialLearningRate: Double
    /// γ, 0 < γ ≤ 1.
    public var factor: Double
    /// s, epochs between reductions.
    public var interval: Int
    /// e, epochs ended so far.
    public private(set) var epoch = 0

    /// γ = 0.1 (PyTorch's default).
    public init(initialLearningRate: Double, factor: Double = 0.1, interval: Int) {
        precondition(initialLearningRate > 0 && 0 < factor && factor <= 1 && interval >= 1, "need η₀ > 0, 0 < γ ≤ 1 and s ≥ 1")
        self.initialLearningRate = initialLearningRate
        self.factor = factor
        self.interval = interval
    }

    public var learningRate: Double { initialLearningRate * pow(factor, Double(epoch / interval)) }

    public mutating func endEpoch(loss: Double) { epoch += 1 }
}

/// η = η₀ γ^e at epoch e (counted from 0) (PyTorch's ExponentialLR).
public struct ExponentialDecay: LearningRateSchedule, Equatable {
    /// η₀.
    public var initialLearningRate: Double
    /// γ, 0 < γ ≤ 1.
    public var factor: Double
    /// e, epochs ended so far.
    public private(set) var epoch = 0

    public init(initialLearningRate: Double, factor: Double) {
        precondition(initialLearningRate > 0 && 0 < factor && factor <= 1, "need η₀ > 0 and 0 < γ ≤ 1")
        self.initialLearningRate = initialLearningRate
        self.factor = factor
    }

    public var learningRate: Double { initialLearningRate * pow(factor, Double(epoch)) }

    public mutating func endEpoch(loss: Double) { epoch += 1 }
}
