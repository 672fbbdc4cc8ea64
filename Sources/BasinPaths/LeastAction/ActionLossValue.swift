/// The least-action loss and its terms, each already multiplied by its weight.
public struct ActionLossValue: Sendable, Codable, Equatable {
    /// Action Σ_t |M Q̈ + ∇V|² Δt.
    public var action = 0.0
    /// λ₁ |Q(0) − Q₀|².
    public var start = 0.0
    /// λ₂ |Q(T) − Q_T|².
    public var end = 0.0
    /// λ₃ mean [E(t) − E₀]².
    public var energy = 0.0
    /// |Q̇(0) − V₀|² term.
    public var startVelocity = 0.0
    /// |Q̇(T) − V_T|² term.
    public var endVelocity = 0.0

    public init() {}

    /// The loss L, the sum of the terms.
    public var total: Double { action + start + end + energy + startVelocity + endVelocity }
}
