import BasinIO
import BasinMath
import Foundation

/// Everything a `Trainer` needs to continue a run exactly where it stopped: with the same
/// data, model settings and `TrainingSettings`, resuming gives bit-identical weights to a run
/// that was never interrupted.
///
/// On disk a checkpoint is a small JSON file and, when the updater has large state (the
/// Kalman covariance, BFGS's inverse Hessian), a binary file beside it with the same name and
/// the extension `state` (`CheckpointStateFile`): raw little-endian doubles whose names,
/// counts, offsets and checksums the JSON records, so that a missing, truncated or foreign state
/// file is refused.
public struct TrainingCheckpoint: Codable, Sendable, Equatable {
    /// Format version of the file: 3 stores the method as `updater` (its name) and
    /// `updaterState`, and its large arrays in the state file (`stateArrays`).
    public var version = 3
    /// Epochs completed.
    public var epoch: Int
    /// The current flat weights (`NNPModel.parameters`).
    public var parameters: [Double]
    /// The training method with its running state (moments, schedule, curvature, damping).
    public var updater: any TrainingUpdater
    /// The source of all randomness, in its current state.
    public var generator: SeededGenerator
    public var learningCurve: LearningCurve
    /// The weights of the best epoch so far and its score, the monitored loss or the
    /// `TrainingSettings.selectionScales` score (+∞ before epoch 0).
    public var bestParameters: [Double]
    public var bestLoss: Double
    public var bestEpoch: Int
    /// Epochs in a row without a lower score.
    public var epochsWithoutImprovement: Int
    /// Whether the simulated-annealing pre-search (if any) has been done.
    public var annealed: Bool
    /// Whether early stopping ended the run.
    public var stoppedEarly: Bool
    /// The arrays in the state file (none without one); on disk only.
    var stateArrays: [CheckpointStateFile.Entry] = []

    public init(
        epoch: Int, parameters: [Double], updater: any TrainingUpdater, generator: SeededGenerator,
        learningCurve: LearningCurve = LearningCurve(), bestParameters: [Double], bestLoss: Double = .infinity,
        bestEpoch: Int = 0, epochsWithoutImprovement: Int = 0, annealed: Bool = false, stoppedEarly: Bool = false
    ) {
        self.epoch = epoch
        self.parameters = parameters
        self.updater = updater
        self.generator = generator
        self.learningCurve = learningCurve
        self.bestParameters = bestParameters
        self.bestLoss = bestLoss
        self.bestEpoch = bestEpoch
        self.epochsWithoutImprovement = epochsWithoutImprovement
        self.annealed = annealed
        self.stoppedEarly = stoppedEarly
    }

    enum CodingKeys: String, CodingKey {
        case version, epoch, parameters, updater, updaterState, generator, learningCurve, bestParameters, bestLoss, bestEpoch
        case epochsWithoutImprovement, annealed, stoppedEarly, stateArrays
    }

    /// Refusals of a checkpoint this build cannot continue.
    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        guard version == 3 else {
            throw FormatError(description: "checkpoint format \(version) is not this version's (3); train again without --resume")
        }
        let name = try c.decode(String.self, forKey: .updater)
        guard let type = TrainingUpdaters.type(named: name) else {
            throw FormatError(description: "unknown training method '\(name)' (known: \(TrainingUpdaters.names))")
        }
        updater = try c.decode(type, forKey: .updaterState)
        epoch = try c.decode(Int.self, forKey: .epoch)
        parameters = try c.decode([Double].self, forKey: .parameters)
        generator = try c.decode(SeededGenerator.self, forKey: .generator)
        learningCurve = try c.decode(LearningCurve.self, forKey: .learningCurve)
        bestParameters = try c.decode([Double].self, forKey: .bestParameters)
        bestLoss = try c.decode(Double.self, forKey: .bestLoss)
        bestEpoch = try c.decode(Int.self, forKey: .bestEpoch)
        epochsWithoutImprovement = try c.decode(Int.self, forKey: .epochsWithoutImprovement)
        annealed = try c.decode(Bool.self, forKey: .annealed)
        stoppedEarly = try c.decode(Bool.self, forKey: .stoppedEarly)
        stateArrays = try c.decodeIfPresent([CheckpointStateFile.Entry].self, forKey: .stateArrays) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(updater.name, forKey: .updater)
        try c.encode(updater, forKey: .updaterState)
        try c.encode(epoch, forKey: .epoch)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(generator, forKey: .generator)
        try c.encode(learningCurve, forKey: .learningCurve)
        try c.encode(bestParameters, forKey: .bestParameters)
        try c.encode(bestLoss, forKey: .bestLoss)
        try c.encode(bestEpoch, forKey: .bestEpoch)
        try c.encode(epochsWithoutImprovement, forKey: .epochsWithoutImprovement)
        try c.encode(annealed, forKey: .annealed)
        try c.encode(stoppedEarly, forKey: .stoppedEarly)
        if !stateArrays.isEmpty { try c.encode(stateArrays, forKey: .stateArrays) }
    }

    public static func == (a: TrainingCheckpoint, b: TrainingCheckpoint) -> Bool {
        a.version == b.version && a.epoch == b.epoch && a.parameters == b.parameters && a.updater.isEqual(to: b.updater)
            && a.generator == b.generator && a.learningCurve == b.learningCurve && a.bestParameters == b.bestParameters
            && a.bestLoss == b.bestLoss && a.bestEpoch == b.bestEpoch && a.epochsWithoutImprovement == b.epochsWithoutImprovement
            && a.annealed == b.annealed && a.stoppedEarly == b.stoppedEarly
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

    /// The state file of the checkpoint at `url`.
    public static func stateURL(for url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("state")
    }

    /// Writes the JSON to `url` and any large state to `stateURL(for: url)`, each atomically (a
    /// temporary file renamed into place), the state file first, so a crash never leaves a
    /// half-written file and a JSON file never names a state file that is not there. The large
    /// arrays are streamed from the updater's own storage, not copied. (Should the JSON fail
    /// after the state file was replaced, the old JSON's checksums refuse the new state file.)
    /// With `largeState` false the large arrays are left out (and an old state file removed):
    /// a lean checkpoint whose updater restarts that state when resumed.
    public func write(to url: URL, largeState: Bool = true) throws {
        var header = self
        if !largeState { header.updater.dropLargeState() }
        let arrays = header.updater.takeLargeState()
        let stateURL = Self.stateURL(for: url)
        if arrays.isEmpty {
            try? FileManager.default.removeItem(at: stateURL)
        } else {
            header.stateArrays = try CheckpointStateFile.write(arrays, to: stateURL)
        }
        try AtomicFile.write(header.jsonData(), to: url)
    }

    /// Reads the checkpoint at `url` and its state file, if it has one.
    public static func read(from url: URL) throws -> TrainingCheckpoint {
        var checkpoint = try TrainingCheckpoint(jsonData: Data(contentsOf: url))
        guard !checkpoint.stateArrays.isEmpty else { return checkpoint }
        let stateURL = stateURL(for: url)
        let arrays = try CheckpointStateFile.read(checkpoint.stateArrays, from: stateURL)
        do {
            try checkpoint.updater.restoreLargeState(arrays)
        } catch {
            throw FormatError(description: "\(stateURL.path): \(error.reason)")
        }
        checkpoint.stateArrays = []
        return checkpoint
    }
}
