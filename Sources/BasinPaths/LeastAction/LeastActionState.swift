import BasinOptimize
import Foundation

/// Everything a least-action run needs to continue bit for bit: the network, the optimizer's
/// moments, the step counts, the best network met so far and the loss history. `Codable`, so
/// that the CLI can save it and resume.
public struct LeastActionState: Sendable, Codable {
    public var settings: LeastActionSettings
    /// The network being trained.
    public var network: TrajectoryNetwork
    /// Pre-training steps taken.
    public var pretrainingStep = 0
    /// Main-training steps taken.
    public var step = 0
    /// NAdam of the phase in progress (a fresh one starts the main training).
    public var optimizer = NAdam()
    /// The lowest main-training loss so far and the parameters that gave it.
    public var bestLoss: Double = .infinity
    public var bestParameters: [Double] = []
    /// The loss weights and E₀ that `bestLoss` was measured with: a run resumed with others
    /// starts its best afresh, since losses of different definitions do not compare.
    public var bestLossWeights: ActionWeights?
    public var bestLossReference: EnergyReference?
    /// (step, loss terms) every `historyInterval` steps of the main training.
    public var history: [HistoryEntry] = []

    public struct HistoryEntry: Sendable, Codable, Equatable {
        public var step: Int
        public var loss: ActionLossValue
    }

    public init(settings: LeastActionSettings, network: TrajectoryNetwork) {
        self.settings = settings
        self.network = network
        optimizer = settings.makeOptimizer()
    }

    /// Whether the pre-training is complete.
    public var isPretrained: Bool { pretrainingStep >= settings.pretrainingSteps }

    /// The best network met so far (the current one before the main training starts).
    public var bestNetwork: TrajectoryNetwork {
        guard !bestParameters.isEmpty else { return network }
        var best = network
        best.parameters = bestParameters
        return best
    }

    /// η of the current main-training step.
    public var learningRate: Double {
        settings.learningRate * pow(settings.decayFactor, Double(step / settings.decayInterval))
    }
}

extension LeastActionState {
    /// The state as JSON; an infinite best loss (before the first training step) is "inf".
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    /// A state from `jsonData()`.
    public init(jsonData: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        self = try decoder.decode(LeastActionState.self, from: jsonData)
    }
}
