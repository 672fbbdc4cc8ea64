import BasinOptimize

/// The learning-rate schedule of a mini-batch training run, as one Codable value (so that a
/// config file can name it and a checkpoint can store its position).
public enum TrainingSchedule: LearningRateSchedule, Equatable {
    case constant(ConstantLearningRate)
    case stepDecay(StepDecay)
    case exponentialDecay(ExponentialDecay)
    case reduceOnPlateau(ReduceOnPlateau)

    /// η for the current epoch.
    public var learningRate: Double {
        switch self {
        case .constant(let s): s.learningRate
        case .stepDecay(let s): s.learningRate
        case .exponentialDecay(let s): s.learningRate
        case .reduceOnPlateau(let s): s.learningRate
        }
    }

    public mutating func endEpoch(loss: Double) {
        switch self {
        case .constant(var s): s.endEpoch(loss: loss); self = .constant(s)
        case .stepDecay(var s): s.endEpoch(loss: loss); self = .stepDecay(s)
        case .exponentialDecay(var s): s.endEpoch(loss: loss); self = .exponentialDecay(s)
        case .reduceOnPlateau(var s): s.endEpoch(loss: loss); self = .reduceOnPlateau(s)
        }
    }
}
