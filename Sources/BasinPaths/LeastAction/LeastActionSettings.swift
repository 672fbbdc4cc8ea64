import BasinOptimize

/// How a least-action network is built and trained.
public struct LeastActionSettings: Sendable, Codable, Equatable {
    /// n, hidden units.
    public var hiddenCount: Int
    public var activation: TimeActivation
    /// Hidden slopes w₀ of a new network are uniform in ±`initialSlope` (per unit of s = t/T).
    public var initialSlope: Double
    /// What the pre-training fits.
    public var pretrainingTarget: PretrainingTarget
    /// NAdam steps of the pre-training.
    public var pretrainingSteps: Int
    /// η of the pre-training.
    public var pretrainingLearningRate: Double
    /// η₀ of the main training.
    public var learningRate: Double
    /// γ: η = η₀ γ^(step / decayInterval) (1 keeps η constant).
    public var decayFactor: Double
    /// Steps between multiplications by γ.
    public var decayInterval: Int
    /// β₁, β₂ and ψ of every NAdam of the run (`NAdam`; ψ = 1000 makes the momentum β₁ from
    /// the first step, the form of Wang et al.'s public code).
    public var beta1: Double
    public var beta2: Double
    public var momentumDecay: Double
    /// Seed of the initial weights.
    public var seed: UInt64

    public init(
        hiddenCount: Int = 32, activation: TimeActivation = .sigmoid, initialSlope: Double = 8,
        pretrainingTarget: PretrainingTarget = .line, pretrainingSteps: Int = 2000,
        pretrainingLearningRate: Double = 0.01, learningRate: Double = 0.001, decayFactor: Double = 1,
        decayInterval: Int = 1000, beta1: Double = 0.9, beta2: Double = 0.999, momentumDecay: Double = 0.004,
        seed: UInt64 = 1
    ) {
        self.hiddenCount = hiddenCount
        self.activation = activation
        self.initialSlope = initialSlope
        self.pretrainingTarget = pretrainingTarget
        self.pretrainingSteps = pretrainingSteps
        self.pretrainingLearningRate = pretrainingLearningRate
        self.learningRate = learningRate
        self.decayFactor = decayFactor
        self.decayInterval = decayInterval
        self.beta1 = beta1
        self.beta2 = beta2
        self.momentumDecay = momentumDecay
        self.seed = seed
    }

    /// A fresh optimizer with these settings' β₁, β₂ and ψ.
    public func makeOptimizer() -> NAdam { NAdam(beta1: beta1, beta2: beta2, momentumDecay: momentumDecay) }

    /// Checks what a user can set wrongly.
    public func validate() throws(LeastActionError) {
        guard hiddenCount >= 1 else { throw .invalidSetting("the network needs at least one hidden unit, got \(hiddenCount)") }
        guard initialSlope >= 0, initialSlope.isFinite else { throw .invalidSetting("the initial slope must be non-negative, got \(initialSlope)") }
        guard pretrainingSteps >= 0 else { throw .invalidSetting("pre-training steps must be non-negative") }
        for (name, rate) in [("learning rate", learningRate), ("pre-training learning rate", pretrainingLearningRate)] {
            guard rate > 0, rate.isFinite else { throw .invalidSetting("the \(name) must be positive, got \(rate)") }
        }
        guard decayFactor > 0, decayFactor <= 1 else { throw .invalidSetting("the decay factor must be in (0, 1], got \(decayFactor)") }
        guard decayInterval >= 1 else { throw .invalidSetting("the decay interval must be at least 1 step") }
        for (name, beta) in [("β₁", beta1), ("β₂", beta2)] {
            guard beta >= 0, beta < 1 else { throw .invalidSetting("NAdam's \(name) must be in [0, 1), got \(beta)") }
        }
        guard momentumDecay >= 0, momentumDecay.isFinite else { throw .invalidSetting("NAdam's momentum decay must be non-negative, got \(momentumDecay)") }
    }
}

extension LeastActionSettings {
    private enum CodingKeys: String, CodingKey {
        case hiddenCount, activation, initialSlope, pretrainingTarget, pretrainingSteps, pretrainingLearningRate
        case learningRate, decayFactor, decayInterval, beta1, beta2, momentumDecay, seed
    }

    /// Decodes saved runs, including those from before the initial slope, the pre-training
    /// target and the NAdam settings were stored (they get the defaults they ran with).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = LeastActionSettings()
        self.init(
            hiddenCount: try c.decode(Int.self, forKey: .hiddenCount),
            activation: try c.decode(TimeActivation.self, forKey: .activation),
            initialSlope: try c.decodeIfPresent(Double.self, forKey: .initialSlope) ?? defaults.initialSlope,
            pretrainingTarget: try c.decodeIfPresent(PretrainingTarget.self, forKey: .pretrainingTarget) ?? defaults.pretrainingTarget,
            pretrainingSteps: try c.decode(Int.self, forKey: .pretrainingSteps),
            pretrainingLearningRate: try c.decode(Double.self, forKey: .pretrainingLearningRate),
            learningRate: try c.decode(Double.self, forKey: .learningRate),
            decayFactor: try c.decode(Double.self, forKey: .decayFactor),
            decayInterval: try c.decode(Int.self, forKey: .decayInterval),
            beta1: try c.decodeIfPresent(Double.self, forKey: .beta1) ?? defaults.beta1,
            beta2: try c.decodeIfPresent(Double.self, forKey: .beta2) ?? defaults.beta2,
            momentumDecay: try c.decodeIfPresent(Double.self, forKey: .momentumDecay) ?? defaults.momentumDecay,
            seed: try c.decode(UInt64.self, forKey: .seed))
    }
}
