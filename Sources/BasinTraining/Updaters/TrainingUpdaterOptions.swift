import BasinOptimize

/// The `optimizer` section of a training configuration as the methods read it: `name`, then
/// numbers, words and mappings by key. Each `TrainingUpdater` takes the keys it declares; the
/// getters check types and finiteness and name the key (`optimizer.KEY`) in every error.
public struct TrainingUpdaterOptions: Decodable, Sendable, Equatable {
    /// One value of the section.
    public enum Value: Decodable, Sendable, Equatable {
        case number(Double)
        case word(String)
        case mapping([String: Value])

        public init(from decoder: any Decoder) throws {
            if let container = try? decoder.container(keyedBy: OptionKey.self) {
                var mapping: [String: Value] = [:]
                for key in container.allKeys { mapping[key.stringValue] = try container.decode(Value.self, forKey: key) }
                self = .mapping(mapping)
                return
            }
            let single = try decoder.singleValueContainer()
            if let number = try? single.decode(Double.self) {
                self = .number(number)
            } else {
                self = .word(try single.decode(String.self))
            }
        }
    }

    /// The method's keyword (default `adam`).
    public var name: String
    /// Every other key of the section.
    public var values: [String: Value]

    /// Keys every method accepts (the trainer reads `batch_size`).
    public static let commonKeys = ["name", "batch_size"]

    public init(name: String = "adam", values: [String: Value] = [:]) {
        self.name = name
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        var values = try [String: Value](from: decoder)
        switch values.removeValue(forKey: "name") {
        case .word(let word)?: name = word
        case nil: name = "adam"
        default: throw TrainingError(reason: "optimizer.name: expected a word such as adam")
        }
        self.values = values
    }

    /// Refuses keys that neither every method nor `method` (with `keys`) reads.
    func check(keys: [String], method: String) throws(TrainingError) {
        let known = Self.commonKeys + keys
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw TrainingError(reason: "unknown key 'optimizer.\(unknown)' (known here for \(method): \(known.joined(separator: ", ")))")
        }
    }

    /// A finite number, or nil when the key is absent.
    public func number(_ key: String) throws(TrainingError) -> Double? {
        try Self.number(values[key], path: "optimizer.\(key)")
    }

    /// A whole number, or nil when the key is absent.
    public func integer(_ key: String) throws(TrainingError) -> Int? {
        try Self.integer(values[key], path: "optimizer.\(key)")
    }

    /// A word (a number is spelled as an integer, e.g. `kalman_type: 0`), or nil when absent.
    public func word(_ key: String) throws(TrainingError) -> String? {
        switch values[key] {
        case nil: return nil
        case .word(let word)?: return word
        case .number(let number)? where number == number.rounded() && abs(number) < 1e15: return String(Int(number))
        default: throw TrainingError(reason: "optimizer.\(key): expected a word")
        }
    }

    /// `iterations_per_epoch`, at least 1, or `fallback` when absent.
    func iterationsPerEpoch(default fallback: Int) throws(TrainingError) -> Int {
        let iterations = try integer("iterations_per_epoch") ?? fallback
        guard iterations >= 1 else { throw TrainingError(reason: "optimizer.iterations_per_epoch must be at least 1") }
        return iterations
    }

    /// The mini-batch size: nil for `full` (one batch per epoch), `fallback` when absent.
    public func batchSize(default fallback: Int) throws(TrainingError) -> Int? {
        if case .word("full")? = values["batch_size"] { return nil }
        let size = try integer("batch_size") ?? fallback
        guard size >= 1 else {
            throw TrainingError(reason: "optimizer.batch_size must be at least 1 (or full, for one batch of the whole training set)")
        }
        return size
    }

    /// The learning-rate schedule of `schedule: {type, factor, interval, patience, minimum}`
    /// starting at `learningRate` (constant without the key).
    public func schedule(learningRate rate: Double) throws(TrainingError) -> TrainingSchedule {
        let settings: [String: Value]
        switch values["schedule"] {
        case nil: settings = [:]
        case .mapping(let mapping)?: settings = mapping
        default: throw TrainingError(reason: "optimizer.schedule: expected a mapping such as {type: exponential, factor: 0.98}")
        }
        let known = ["type", "factor", "interval", "patience", "minimum"]
        if let unknown = settings.keys.sorted().first(where: { !known.contains($0) }) {
            throw TrainingError(reason: "unknown key 'optimizer.schedule.\(unknown)' (known here: \(known.joined(separator: ", ")))")
        }
        func number(_ key: String) throws(TrainingError) -> Double? { try Self.number(settings[key], path: "optimizer.schedule.\(key)") }
        func integer(_ key: String) throws(TrainingError) -> Int? { try Self.integer(settings[key], path: "optimizer.schedule.\(key)") }
        let type: String
        switch settings["type"] {
        case nil: type = "constant"
        case .word(let word)?: type = word
        default: throw TrainingError(reason: "optimizer.schedule.type: expected constant, step, exponential or plateau")
        }
        switch type {
        case "constant":
            return .constant(ConstantLearningRate(rate))
        case "step":
            let factor = try number("factor") ?? 0.1, interval = try integer("interval") ?? 10
            guard factor > 0, factor <= 1, interval >= 1 else {
                throw TrainingError(reason: "optimizer.schedule: step needs 0 < factor ≤ 1 and interval ≥ 1")
            }
            return .stepDecay(StepDecay(initialLearningRate: rate, factor: factor, interval: interval))
        case "exponential":
            let factor = try number("factor") ?? 0.99
            guard factor > 0, factor <= 1 else { throw TrainingError(reason: "optimizer.schedule: exponential needs 0 < factor ≤ 1") }
            return .exponentialDecay(ExponentialDecay(initialLearningRate: rate, factor: factor))
        case "plateau":
            let factor = try number("factor") ?? 0.1, patience = try integer("patience") ?? 10, minimum = try number("minimum") ?? 0
            guard factor > 0, factor < 1, patience >= 0, minimum >= 0 else {
                throw TrainingError(reason: "optimizer.schedule: plateau needs 0 < factor < 1, patience ≥ 0 and minimum ≥ 0")
            }
            return .reduceOnPlateau(
                ReduceOnPlateau(initialLearningRate: rate, factor: factor, patience: patience, minimumLearningRate: minimum))
        case let other:
            throw TrainingError(reason: "optimizer.schedule.type: unknown schedule '\(other)' (constant, step, exponential or plateau)")
        }
    }

    static func number(_ value: Value?, path: String) throws(TrainingError) -> Double? {
        switch value {
        case nil: return nil
        case .number(let number)?:
            guard number.isFinite else { throw TrainingError(reason: "\(path) must be a finite number, got \(number)") }
            return number
        default: throw TrainingError(reason: "key '\(path)': expected a number")
        }
    }

    static func integer(_ value: Value?, path: String) throws(TrainingError) -> Int? {
        guard let number = try number(value, path: path) else { return nil }
        guard number == number.rounded(), abs(number) <= 1e15 else { throw TrainingError(reason: "key '\(path)': expected an integer") }
        return Int(number)
    }

    struct OptionKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
