import BasinMath
import Foundation

/// Everything a `Trainer` needs to continue a run exactly where it stopped: with the same
/// data, model settings and `TrainingSettings`, resuming gives bit-identical weights to a run
/// that was never interrupted.
///
/// On disk a checkpoint is a small JSON file and, when the updater has large state (the
/// Kalman covariance), a binary file beside it with the same name and the extension `state`:
/// little-endian doubles, whose count and FNV-1a checksum the JSON records, so that a state
/// file from another checkpoint is refused.
public struct TrainingCheckpoint: Codable, Sendable, Equatable {
    /// Format version of the file: 2 stores the method as `updater` (its name) and
    /// `updaterState`.
    public var version = 2
    /// Epochs completed.
    public var epoch: Int
    /// The current flat weights (`NNPModel.parameters`).
    public var parameters: [Double]
    /// The training method with its running state (moments, schedule, curvature, damping).
    public var updater: any TrainingUpdater
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
    /// Count and checksum of the numbers in the state file (0 without one); on disk only.
    var largeStateCount = 0
    var largeStateChecksum: UInt64 = 0

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
        case epochsWithoutImprovement, annealed, stoppedEarly, largeStateCount, largeStateChecksum
    }

    /// Refusals of a checkpoint this build cannot continue.
    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        guard version == 2 else {
            throw FormatError(description: "checkpoint format \(version) is not this version's (2); train again without --resume")
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
        largeStateCount = try c.decodeIfPresent(Int.self, forKey: .largeStateCount) ?? 0
        largeStateChecksum = try c.decodeIfPresent(UInt64.self, forKey: .largeStateChecksum) ?? 0
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
        if largeStateCount > 0 {
            try c.encode(largeStateCount, forKey: .largeStateCount)
            try c.encode(largeStateChecksum, forKey: .largeStateChecksum)
        }
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
    /// half-written file and a JSON file never names a state file that is not there.
    public func write(to url: URL) throws {
        var header = self
        let large = header.updater.takeLargeState()
        header.largeStateCount = large.count
        header.largeStateChecksum = Self.checksum(large)
        let stateURL = Self.stateURL(for: url)
        if large.isEmpty {
            try? FileManager.default.removeItem(at: stateURL)
        } else {
            var bytes = Data(capacity: 8 * large.count)
            for value in large {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            try bytes.write(to: stateURL, options: .atomic)
        }
        try header.jsonData().write(to: url, options: .atomic)
    }

    /// Reads the checkpoint at `url` and its state file, if it has one.
    public static func read(from url: URL) throws -> TrainingCheckpoint {
        var checkpoint = try TrainingCheckpoint(jsonData: Data(contentsOf: url))
        guard checkpoint.largeStateCount > 0 else { return checkpoint }
        let stateURL = stateURL(for: url)
        guard let bytes = try? Data(contentsOf: stateURL) else {
            throw FormatError(description: "\(stateURL.path) is missing (the checkpoint's \(checkpoint.largeStateCount) numbers of updater state)")
        }
        guard bytes.count == 8 * checkpoint.largeStateCount else {
            throw FormatError(description: "\(stateURL.path) holds \(bytes.count) bytes, the checkpoint names \(checkpoint.largeStateCount) numbers")
        }
        let values = bytes.withUnsafeBytes { raw in
            (0..<checkpoint.largeStateCount).map {
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)))
            }
        }
        guard Self.checksum(values) == checkpoint.largeStateChecksum else {
            throw FormatError(description: "\(stateURL.path) belongs to another checkpoint (its checksum differs)")
        }
        do {
            try checkpoint.updater.restoreLargeState(values)
        } catch {
            throw FormatError(description: "\(stateURL.path): \(error.reason)")
        }
        checkpoint.largeStateCount = 0
        checkpoint.largeStateChecksum = 0
        return checkpoint
    }

    /// FNV-1a over the numbers' bit patterns.
    static func checksum(_ values: [Double]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            var bits = value.bitPattern
            for _ in 0..<8 {
                hash = (hash ^ (bits & 0xff)) &* 0x0000_0100_0000_01b3
                bits >>= 8
            }
        }
        return hash
    }
}
