import BasinAtoms
import BasinDescriptors
import BasinNN
import BasinNNP
import BasinOptimize
import BasinText
import Foundation
import Yams

/// The YAML configuration of `basin train`. Every key is checked: an unknown one is an error
/// naming it (with its path, e.g. `network.hiden`). Relative paths are relative to the
/// configuration file's folder.
///
///     data: [train.data]            # structure files with energies and forces (required)
///     format: n2p2                  # optional; default: guessed from each file name
///     test_fraction: 0.1            # share of structures held out (default 0.1)
///     test_data: [test.data]        # optional, instead of test_fraction: the held-out structures
///                                   # (e.g. n2p2's test.data beside its train.data)
///     elements: [H, O]              # the model's elements (required)
///     symmetry_functions: sf.nn     # cutoff_type + symfunction_short lines (required)
///     network: {hidden: [10, 10], activations: [t, t]}   # n2p2 letters or names; output linear
///     weights_min: -1               # optional, with weights_max: initial weights and biases uniform
///     weights_max: 1                # in [weights_min, weights_max] as n2p2 without
///                                   # nguyen_widrow_weights_short (default: Nguyen–Widrow)
///     scaling: scale-center         # none | scale | center | scale-center | sigma (default)
///     scale_min: 0                  # S_min and S_max of the scaled modes (n2p2's scale_min_short,
///     scale_max: 1                  # scale_max_short; default 0 and 1); scaling: scale with -1 and 1
///                                   # maps each function's [G_min, G_max] onto [-1, 1] (Stende, eq. 7.5)
///     normalize: false              # mean_energy, conv_energy, conv_length from the data (n2p2's
///                                   # normalize_data_set ref: unit spread of E/N and of forces)
///     loss: {force_weight: 1, energy_weight: 1, atom_energy_weight: 0, l2: 0}
///                                   # atom_energy_weight > 0 fits per-atom energies too (extxyz
///                                   # property `energies`; every structure must have them)
///     optimizer: {name: adam, learning_rate: 0.001, batch_size: 8, iterations_per_epoch: 10,
///                 # batch_size ≥ 1, or full (one batch of the whole training set per epoch)
///                 schedule: {type: constant | step | exponential | plateau, factor, interval, patience, minimum}}
///     # name: kalman (n2p2's extended Kalman filter; keys with n2p2's names, all optional;
///     # defaults from n2p2's example input.nn):
///     #   kalman_type: standard | fading-memory (or 0 | 1), kalman_epsilon: 0.01 (fading: 0.1),
///     #   kalman_q0: 0.01 (fading: 0), kalman_qtau: 2.302, kalman_qmin: 1e-6 (fading: 0),
///     #   kalman_eta: 0.01, kalman_etatau: 2.302, kalman_etamax: 1.0 (standard),
///     #   kalman_lambda_short: 0.96, kalman_nue_short: 0.9995 (fading memory),
///     #   short_energy_fraction: 1, short_force_fraction: 0.0041 (shares of the training
///     #   structures and of all their force components updated on per epoch),
///     #   task_batch_size_energy: 1, task_batch_size_force: 1 (candidates summed per update),
///     #   selection_mode: threshold (or random, sort; 0 | 1 | 2), short_energy_error_threshold: 0,
///     #   short_force_error_threshold: 1, rmse_threshold_trials: 3; errors in n2p2's normalized
///     #   units, force updates times loss.force_weight (n2p2's force_weight)
///     epochs: 100
///     early_stopping_patience: 20   # optional
///     annealing: {steps: 10000, t_max: 2000, t_min: 2.5, updates: 50, scale: initial-loss}   # optional;
///                scale initial-loss (default) reads t_max as the initial loss Γ₀ (T·Γ₀/t_max), absolute as loss units
///     seed: 1
///     threads: 1
///     output: run                   # folder for model/, learning-curve.csv, checkpoint.json
///     checkpoint_every: 10          # epochs (≤ 0: only at the end)
///
/// A key given twice (at any level) and nesting deeper than 64 levels are refused (`StrictYAML`);
/// sizes are bounded before anything is allocated: at most 10,000 nodes per hidden layer,
/// 10,000,000 weights in all, and 1,024 threads.
public struct TrainingConfiguration: Decodable, Sendable {
    struct Network: Decodable {
        var hidden: [Int]
        var activations: [String]
        enum CodingKeys: String, CodingKey, CaseIterable { case hidden, activations }
        init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            hidden = try c.decode([Int].self, forKey: .hidden)
            activations = try c.decode([String].self, forKey: .activations)
        }
    }

    struct LossWeights: Decodable {
        var forceWeight = 1.0
        var energyWeight = 1.0
        var atomEnergyWeight = 0.0
        var l2 = 0.0
        enum CodingKeys: String, CodingKey, CaseIterable {
            case forceWeight = "force_weight", energyWeight = "energy_weight", atomEnergyWeight = "atom_energy_weight", l2
        }
        init() {}
        init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            forceWeight = try c.decodeIfPresent(Double.self, forKey: .forceWeight) ?? forceWeight
            energyWeight = try c.decodeIfPresent(Double.self, forKey: .energyWeight) ?? energyWeight
            atomEnergyWeight = try c.decodeIfPresent(Double.self, forKey: .atomEnergyWeight) ?? atomEnergyWeight
            l2 = try c.decodeIfPresent(Double.self, forKey: .l2) ?? l2
        }
    }

    /// `best_epoch_scales`: E_s and F_s of `ErrorScales`, in the data's units.
    struct BestEpochScales: Decodable {
        var energy: Double
        var force: Double
        enum CodingKeys: String, CodingKey, CaseIterable { case energy, force }
        init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            energy = try c.decode(Double.self, forKey: .energy)
            force = try c.decode(Double.self, forKey: .force)
        }
    }

    struct Annealing: Decodable {
        var steps = 10_000
        var tMax = 2000.0
        var tMin = 2.5
        var updates = 50
        /// `initial-loss` (default): t_max stands for the initial loss Γ₀, so temperatures are
        /// T·Γ₀/t_max whatever the loss scale; `absolute`: temperatures in loss units.
        var scale = SimulatedAnnealing.TemperatureScale.initialLoss
        enum CodingKeys: String, CodingKey, CaseIterable { case steps, tMax = "t_max", tMin = "t_min", updates, scale }
        init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            steps = try c.decodeIfPresent(Int.self, forKey: .steps) ?? steps
            tMax = try c.decodeIfPresent(Double.self, forKey: .tMax) ?? tMax
            tMin = try c.decodeIfPresent(Double.self, forKey: .tMin) ?? tMin
            updates = try c.decodeIfPresent(Int.self, forKey: .updates) ?? updates
            if let text = try c.decodeIfPresent(String.self, forKey: .scale) {
                switch text {
                case "initial-loss": scale = .initialLoss
                case "absolute": scale = .absolute
                default: throw TrainingError(reason: "annealing.scale must be initial-loss or absolute, got '\(text)'")
                }
            }
        }
    }

    var data: [String]
    var testData: [String]?
    var format: String?
    var testFraction = 0.1
    var elements: [String]
    var symmetryFunctions: String
    var network: Network
    var weightsMinimum: Double?
    var weightsMaximum: Double?
    var scaling = "sigma"
    var scaleMinimum = 0.0
    var scaleMaximum = 1.0
    var normalize = false
    var loss = LossWeights()
    var optimizer = TrainingUpdaterOptions()
    var epochs = 100
    var earlyStoppingPatience: Int?
    var bestEpochScales: BestEpochScales?
    var annealing: Annealing?
    var seed: UInt64 = 1
    var threads = 1
    var output: String
    var checkpointEvery = 10

    enum CodingKeys: String, CodingKey, CaseIterable {
        case data, testData = "test_data", format, testFraction = "test_fraction", elements, symmetryFunctions = "symmetry_functions", network
        case weightsMinimum = "weights_min", weightsMaximum = "weights_max"
        case scaling, scaleMinimum = "scale_min", scaleMaximum = "scale_max", normalize, loss, optimizer, epochs, earlyStoppingPatience = "early_stopping_patience",
            bestEpochScales = "best_epoch_scales", annealing
        case seed, threads, output, checkpointEvery = "checkpoint_every"
    }

    public init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let one = try? c.decode(String.self, forKey: .data) {
            data = [one]
        } else {
            data = try c.decode([String].self, forKey: .data)
        }
        format = try c.decodeIfPresent(String.self, forKey: .format)
        if let one = try? c.decode(String.self, forKey: .testData) {
            testData = [one]
        } else {
            testData = try c.decodeIfPresent([String].self, forKey: .testData)
        }
        if let fraction = try c.decodeIfPresent(Double.self, forKey: .testFraction) {
            guard testData == nil else { throw TrainingError(reason: "give test_data or test_fraction, not both") }
            testFraction = fraction
        }
        if testData != nil { testFraction = 0 }
        elements = try c.decode([String].self, forKey: .elements)
        symmetryFunctions = try c.decode(String.self, forKey: .symmetryFunctions)
        network = try c.decode(Network.self, forKey: .network)
        weightsMinimum = try c.decodeIfPresent(Double.self, forKey: .weightsMinimum)
        weightsMaximum = try c.decodeIfPresent(Double.self, forKey: .weightsMaximum)
        scaling = try c.decodeIfPresent(String.self, forKey: .scaling) ?? scaling
        scaleMinimum = try c.decodeIfPresent(Double.self, forKey: .scaleMinimum) ?? scaleMinimum
        scaleMaximum = try c.decodeIfPresent(Double.self, forKey: .scaleMaximum) ?? scaleMaximum
        normalize = try c.decodeIfPresent(Bool.self, forKey: .normalize) ?? normalize
        loss = try c.decodeIfPresent(LossWeights.self, forKey: .loss) ?? loss
        optimizer = try c.decodeIfPresent(TrainingUpdaterOptions.self, forKey: .optimizer) ?? optimizer
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? epochs
        earlyStoppingPatience = try c.decodeIfPresent(Int.self, forKey: .earlyStoppingPatience)
        bestEpochScales = try c.decodeIfPresent(BestEpochScales.self, forKey: .bestEpochScales)
        annealing = try c.decodeIfPresent(Annealing.self, forKey: .annealing)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? seed
        threads = try c.decodeIfPresent(Int.self, forKey: .threads) ?? threads
        output = try c.decode(String.self, forKey: .output)
        checkpointEvery = try c.decodeIfPresent(Int.self, forKey: .checkpointEvery) ?? checkpointEvery
    }

    /// Reads and checks the YAML file at `url`; every problem is a one-line `TrainingError`
    /// naming the file and the key (and the line for nesting deeper than 64 levels and
    /// duplicate keys, which are refused).
    public static func read(from url: URL) throws(TrainingError) -> TrainingConfiguration {
        try StrictYAML.decode(TrainingConfiguration.self, from: url)
    }

    public static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            let full = path(context.codingPath + [key])
            return "missing key '\(full)'"
        case .typeMismatch(let type, let context):
            return "key '\(path(context.codingPath))': expected \(Self.typeName(type))"
        case .valueNotFound(let type, let context):
            return "key '\(path(context.codingPath))': expected \(Self.typeName(type)), found nothing"
        case .dataCorrupted(let context):
            let key = path(context.codingPath)
            return (key.isEmpty ? "" : "key '\(key)': ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: "a number"
        case is Int.Type, is UInt64.Type: "an integer"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [String].Type: "a list of strings"
        case is [Int].Type: "a list of integers"
        default: "a mapping (\(type))"
        }
    }
}

/// Rejects keys of a YAML mapping that the type does not know.
public enum StrictKeys {
    public struct UnknownKey: Error, CustomStringConvertible {
        var path: String
        var known: [String]
        public var description: String { "unknown key '\(path)' (known here: \(known.joined(separator: ", ")))" }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) {
            stringValue = "\(intValue)"
            self.intValue = intValue
        }
    }

    /// Throws `UnknownKey` for the first key (in sorted order) of the decoder's mapping that is not a case of `Keys`.
    public static func check<Keys: CodingKey & CaseIterable>(_ decoder: any Decoder, _ keys: Keys.Type) throws {
        let known = Keys.allCases.map(\.stringValue)
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !known.contains(key.stringValue) {
            let full = TrainingConfiguration.path(decoder.codingPath + [key])
            throw UnknownKey(path: full, known: known)
        }
    }
}

extension TrainingConfiguration {
    /// `path` relative to `base` unless absolute.
    static func resolve(_ path: String, base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }

    /// The activation of a letter (n2p2) or name (`tanh`, `logistic`, `softplus`, `identity`/`linear`, …).
    static func activation(_ text: String) throws -> Activation {
        if text.count == 1, let a = Activation(rawValue: Character(text)) { return a }
        if text == "linear" { return .identity }
        if let a = Activation.allCases.first(where: { "\($0)".lowercased() == text.lowercased() }) { return a }
        let names = Activation.allCases.map { "\($0) (\($0.rawValue))" }.joined(separator: ", ")
        throw TrainingError(reason: "network.activations: unknown activation '\(text)' (known: \(names))")
    }

    static func scalingMode(_ text: String) throws -> ScalingMode {
        switch text {
        case "none": .none
        case "scale": .scale
        case "center": .center
        case "scale-center": .scaleCenter
        case "sigma": .sigma
        default: throw TrainingError(reason: "scaling: unknown mode '\(text)' (none, scale, center, scale-center or sigma)")
        }
    }

    /// The settings without normalization (it needs the data): elements sorted by atomic
    /// number, one symmetry-function set each from the file.
    func settings(base: URL) throws -> NNPSettings {
        guard !elements.isEmpty else { throw TrainingError(reason: "elements: give at least one element") }
        var list: [Element] = []
        for symbol in elements {
            guard let element = try? Element(symbol: symbol) else { throw TrainingError(reason: "elements: unknown element '\(symbol)'") }
            guard !list.contains(element) else { throw TrainingError(reason: "elements: \(symbol) is listed twice") }
            list.append(element)
        }
        list.sort { $0.atomicNumber < $1.atomicNumber }
        let url = Self.resolve(symmetryFunctions, base: base)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TrainingError(reason: "symmetry_functions: no such file \(url.path)")
        }
        let sets: [SymmetryFunctionSet]
        do {
            sets = try SymmetryFunctionSet.parse(settings: TextFile.contents(of: url))
        } catch let error as SymmetryFunctionParseError {
            throw TrainingError(reason: "\(url.path): \(error)")
        } catch let error as TextFileError {
            throw TrainingError(reason: "symmetry_functions: \(error)")
        }
        for set in sets where !list.contains(set.central) {
            throw TrainingError(reason: "\(url.path): symmetry functions for \(set.central.symbol), which 'elements' does not list")
        }
        let ordered = try list.map { element in
            guard let set = sets.first(where: { $0.central == element }), !set.functions.isEmpty else {
                throw TrainingError(reason: "\(url.path): no symmetry functions for element \(element.symbol)")
            }
            return set
        }
        let cutoff = ordered[0].functions[0].cutoff
        guard !network.hidden.isEmpty, network.hidden.allSatisfy({ $0 > 0 }) else {
            throw TrainingError(reason: "network.hidden: give one or more positive layer widths")
        }
        if let index = network.hidden.firstIndex(where: { $0 > Self.maximumLayerWidth }) {
            throw TrainingError(reason: "network.hidden[\(index)]: \(network.hidden[index]) nodes; a layer has at most \(Self.maximumLayerWidth)")
        }
        let weights = ordered.reduce(0.0) { $0 + Self.weightCount(inputs: $1.functions.count, hidden: network.hidden) }
        guard weights <= Double(Self.maximumWeights) else {
            throw TrainingError(reason: "network.hidden: the networks would have \(Int(weights)) weights; at most \(Self.maximumWeights)")
        }
        var activations = try network.activations.map(Self.activation)
        if activations.count == network.hidden.count { activations.append(.identity) }
        guard activations.count == network.hidden.count + 1 else {
            throw TrainingError(reason: "network.activations: give one per hidden layer (\(network.hidden.count)), optionally plus the output's")
        }
        let architecture = NetworkArchitecture(hiddenLayers: network.hidden, activations: activations)
        let mode = try Self.scalingMode(scaling)
        guard scaleMinimum.isFinite, scaleMaximum.isFinite, scaleMinimum < scaleMaximum else {
            throw TrainingError(reason: "scale_min and scale_max: need finite numbers with scale_min < scale_max, got \(scaleMinimum) and \(scaleMaximum)")
        }
        if (scaleMinimum, scaleMaximum) != (0, 1), mode == .none || mode == .center {
            throw TrainingError(reason: "scale_min and scale_max: scaling \(scaling) does not use them (scale, scale-center or sigma does)")
        }
        return NNPSettings(
            elements: list, cutoffKind: cutoff.kind, cutoffAlpha: cutoff.alpha, symmetryFunctions: ordered,
            scaling: mode, scaleMinimum: scaleMinimum, scaleMaximum: scaleMaximum, architectures: list.map { _ in architecture })
    }

    /// Widest hidden layer accepted (nodes).
    static let maximumLayerWidth = 10_000
    /// Most weights accepted over all elements' networks (80 MB per copy of the weights).
    static let maximumWeights = 10_000_000
    /// Most worker threads accepted.
    static let maximumThreads = 1024

    /// Weights and biases of one fully connected network with one output.
    static func weightCount(inputs: Int, hidden: [Int]) -> Double {
        let widths = [inputs] + hidden + [1]
        var count = 0.0
        for layer in 1..<widths.count { count += Double(widths[layer - 1] + 1) * Double(widths[layer]) }
        return count
    }

    /// The initial weights: uniform in [weights_min, weights_max] when given, else Nguyen–Widrow.
    var initialization: WeightInitialization {
        guard let low = weightsMinimum, let high = weightsMaximum else { return .nguyenWidrow }
        return .uniform(lower: low, upper: high)
    }

    /// The simulated-annealing pre-search, if configured.
    func simulatedAnnealing() throws -> SimulatedAnnealing? {
        guard let a = annealing else { return nil }
        guard a.tMin > 0, a.tMin <= a.tMax, a.steps >= 1, a.updates >= 1, a.updates <= a.steps else {
            throw TrainingError(reason: "annealing: need 0 < t_min ≤ t_max, steps ≥ 1 and 1 ≤ updates ≤ steps")
        }
        return SimulatedAnnealing(
            maximumTemperature: a.tMax, minimumTemperature: a.tMin, temperatureScale: a.scale, steps: a.steps, updates: a.updates)
    }

    /// The real numbers outside the `optimizer` section (whose getters check their own) with
    /// their key paths. YAML spells infinities and NaN `.inf` and `.nan`; none may be one.
    var realNumbers: [(key: String, value: Double?)] {
        [
            ("test_fraction", testFraction), ("loss.force_weight", loss.forceWeight), ("loss.energy_weight", loss.energyWeight),
            ("loss.atom_energy_weight", loss.atomEnergyWeight), ("loss.l2", loss.l2),
            ("annealing.t_max", annealing?.tMax), ("annealing.t_min", annealing?.tMin),
            ("weights_min", weightsMinimum), ("weights_max", weightsMaximum),
            ("best_epoch_scales.energy", bestEpochScales?.energy), ("best_epoch_scales.force", bestEpochScales?.force),
        ]
    }

    /// Checks the plain numbers and ranges that need no file: every problem is a
    /// `TrainingError` naming the key.
    public func validate() throws(TrainingError) {
        for (key, value) in realNumbers {
            if let value, !value.isFinite { throw TrainingError(reason: "\(key) must be a finite number, got \(value)") }
        }
        guard testFraction >= 0, testFraction < 1 else { throw TrainingError(reason: "test_fraction must lie in [0, 1)") }
        guard epochs >= 0 else { throw TrainingError(reason: "epochs must be ≥ 0") }
        guard loss.forceWeight >= 0, loss.energyWeight >= 0, loss.atomEnergyWeight >= 0, loss.l2 >= 0 else {
            throw TrainingError(reason: "loss: force_weight, energy_weight, atom_energy_weight and l2 must be ≥ 0")
        }
        if (weightsMinimum == nil) != (weightsMaximum == nil) {
            throw TrainingError(reason: "give weights_min and weights_max together")
        }
        if let low = weightsMinimum, let high = weightsMaximum, !(low < high) {
            throw TrainingError(reason: "weights_min must be below weights_max, got \(low) and \(high)")
        }
        if let p = earlyStoppingPatience, p < 1 { throw TrainingError(reason: "early_stopping_patience must be at least 1") }
        if let scales = bestEpochScales, !(scales.energy > 0 && scales.force > 0) {
            throw TrainingError(reason: "best_epoch_scales: energy and force must be positive, got \(scales.energy) and \(scales.force)")
        }
        guard threads >= 1, threads <= Self.maximumThreads else { throw TrainingError(reason: "threads must lie in 1…\(Self.maximumThreads)") }
        _ = try optimizer.batchSize(default: Self.defaultBatchSize)
    }

    /// The best-epoch rule of `best_epoch_scales` (after `validate`).
    var selectionScales: ErrorScales? {
        bestEpochScales.map { ErrorScales(energyPerAtom: $0.energy, force: $0.force) }
    }

    /// Structures per mini-batch without `optimizer.batch_size`.
    static let defaultBatchSize = 8
}
