import BasinMath
import Foundation

/// Everything a `Trainer` needs to continue a run exactly where it stopped: with the same
/// data, model settings and `TrainingSettings`, resuming gives bit-identical weights to a run
/// that was never interrupted.
public struct TrainingCheckpoint: Codable, Sendable, Equatable {
    /// Format version of the file.
    public var version = 1
    /// Epochs completed.
    public var epoch: Int
    /// The current flat weights (`NNPModel.parameters`).
    public var parameters: [Double]
    /// The optimizer with its running state (moments, schedule, damping).
    public var optimizer: TrainingOptimizer
    /// The source of all randomness, in its current state.
    public var generator: SeededGenerator
    public var learningCurve: LearningCurve
    /// The weights of the lowest monitored loss so far and that loss (+∞ before epoch 0).
    public var bestParameters: [Double]
    public var bestLoss: Double
    public var bestEpoch: Int
    /// Epochs in a row without a lower monitored loss.
    public var epochsWithoutImprovement: Int
    /// Whether the simulated-annealing pre-search (if any) has been done.
    public var annealed: Bool
    /// Whether early stopping ended the run.
    public var stoppedEarly: Bool

    public init(
        epoch: Int, parameters: [Double], optimizer: TrainingOptimizer, generator: SeededGenerator,
        learningCurve: LearningCurve = LearningCurve(), bestParameters: [Double], bestLoss: Double = .infinity,
        bestEpoch: Int = 0, epochsWithoutImprovement: Int = 0, annealed: Bool = false, stoppedEarly: Bool = false
    ) {
        self.epoch = epoch
        self.parameters = parameters
        self.optimizer = optimizer
        self.generator = generator
        self.learningCurve = learningCurve
        self.bestParameters = bestParameters
        self.bestLoss = bestLoss
        self.bestEpoch = bestEpoch
        self.epochsWithoutImprovement = epochsWithoutImprovement
        self.annealed = annealed
        self.stoppedEarly = stoppedEarly
    }

    static let nonFinite = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// The checkpoint as JSON (doubles round-trip exactly; ±∞ and NaN as strings).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: Self.nonFinite.positiveInfinity, negativeInfinity: Self.nonFinite.negativeInfinity, nan: Self.nonFinite.nan)
        return try encoder.encode(self)
    }

    public init(jsonData data: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: Self.nonFinite.positiveInfinity, negativeInfinity: Self.nonFinite.negativeInfinity, nan: Self.nonFinite.nan)
        self = try decoder.decode(Self.self, from: data)
    }

    /// Writes the JSON atomically (a temporary file renamed over `url`), so a crash never
    /// leaves a half-written checkpoint.
    public func write(to url: URL) throws {
        try jsonData().write(to: url, options: .atomic)
    }

    public static func read(from url: URL) throws -> TrainingCheckpoint {
        try TrainingCheckpoint(jsonData: Data(contentsOf: url))
    }
}
