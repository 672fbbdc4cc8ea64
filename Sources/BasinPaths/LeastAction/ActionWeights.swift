/// The weights of the terms of the least-action loss (see `ActionLoss`); a zero weight drops
/// its term.
public struct ActionWeights: Sendable, Codable, Equatable {
    /// Weight of the Onsager–Machlup action Σ_t |M Q̈ + ∇V|² Δt.
    public var action: Double
    /// λ₁, weight of |Q(0) − Q₀|².
    public var start: Double
    /// λ₂, weight of |Q(T) − Q_T|².
    public var end: Double
    /// λ₃, weight of the mean of [E(t) − E₀]².
    public var energy: Double
    /// Weight of |Q̇(0) − V₀|² (needs the start velocities).
    public var startVelocity: Double
    /// Weight of |Q̇(T) − V_T|² (needs the end velocities).
    public var endVelocity: Double

    public init(action: Double = 1, start: Double = 1, end: Double = 1, energy: Double = 1, startVelocity: Double = 0, endVelocity: Double = 0) {
        self.action = action
        self.start = start
        self.end = end
        self.energy = energy
        self.startVelocity = startVelocity
        self.endVelocity = endVelocity
    }

    /// All weights as one list, in declaration order.
    public var all: [Double] { [action, start, end, energy, startVelocity, endVelocity] }

    /// Checks that every weight is finite and non-negative.
    public func validate() throws(LeastActionError) {
        guard all.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidSetting("loss weights must be finite and non-negative, got \(all)")
        }
    }
}

/// E₀ of the energy term.
public enum EnergyReference: Sendable, Codable, Equatable {
    /// A given total energy (energy units).
    case fixed(Double)
    /// The mean total energy along the path, so the term is the variance of E(t). Its gradient
    /// needs no term for the mean, because the deviations sum to zero.
    case pathMean
}
