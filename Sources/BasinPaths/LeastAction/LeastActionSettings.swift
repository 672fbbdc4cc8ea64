/// How a least-action network is built and trained.
public struct LeastActionSettings: Sendable, Codable, Equatable {
    /// n, hidden units.
    public var hiddenCount: Int
    public var activation: TimeActivation
    /// NAdam steps on the straight line before the main training.
    public var pretrainingSteps: Int
    /// η of the pre-training.
    public var pretrainingLearningRate: Double
    /// η₀ of the main training.
    public var learningRate: Double
    /// γ: η = η₀ γ^(step / decayInterval) (1 keeps η constant).
    public var decayFactor: Double
    /// Steps between multiplications by γ.
    public var decayInterval: Int
    /// Seed of the initial weights.
    public var seed: UInt64

    public init(
        hiddenCount: Int = 32, activation: TimeActivation = .sigmoid, pretrainingSteps: Int = 2000,
        pretrainingLearningRate: Double = 0.01, learningRate: Double = 0.001, decayFactor: Double = 1,
        decayInterval: Int = 1000, seed: UInt64 = 1
    ) {
        self.hiddenCount = hiddenCount
        self.activation = activation
        self.pretrainingSteps = pretrainingSteps
        self.pretrainingLearningRate = pretrainingLearningRate
        self.learningRate = learningRate
        self.decayFactor = decayFactor
        self.decayInterval = decayInterval
        self.seed = seed
    }

    /// Checks what a user can set wrongly.
    public func validate() throws(LeastActionError) {
        guard hiddenCount >= 1 else { throw .invalidSetting("the network needs at least one hidden unit, got \(hiddenCount)") }
        guard pretrainingSteps >= 0 else { throw .invalidSetting("pre-training steps must be non-negative") }
        for (name, rate) in [("learning rate", learningRate), ("pre-training learning rate", pretrainingLearningRate)] {
            guard rate > 0, rate.isFinite else { throw .invalidSetting("the \(name) must be positive, got \(rate)") }
        }
        guard decayFactor > 0, decayFactor <= 1 else { throw .invalidSetting("the decay factor must be in (0, 1], got \(decayFactor)") }
        guard decayInterval >= 1 else { throw .invalidSetting("the decay interval must be at least 1 step") }
    }
}
