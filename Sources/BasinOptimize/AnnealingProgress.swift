/// The state of a simulated-annealing run at one of its progress updates, covering the moves
/// since the previous update.
public struct AnnealingProgress: Sendable {
    /// Moves made so far (of `SimulatedAnnealing.steps`).
    public let step: Int
    /// The temperature of the latest move, in loss units (already multiplied by Γ₀ / T_max
    /// when temperatures are relative to the initial loss).
    public let temperature: Double
    /// Γ of the current state.
    public let loss: Double
    /// The lowest Γ seen so far.
    public let bestLoss: Double
    /// Fraction of the moves since the previous update that were accepted, 0…1.
    public let acceptedFraction: Double
    /// Fraction of the moves since the previous update that lowered Γ, 0…1.
    public let improvedFraction: Double
    /// The current move size σ.
    public let stepSize: Double
}

/// The outcome of a simulated-annealing run.
public struct AnnealingResult: Sendable {
    /// The best state found, n numbers.
    public var point: [Double]
    /// Γ at `point`, the lowest loss seen.
    public var loss: Double
    /// The state where the run ended and its loss.
    public var finalPoint: [Double]
    public var finalLoss: Double
    /// Moves accepted over the whole run.
    public var acceptedMoves: Int
    /// Calls to the loss, including the one at the start.
    public var evaluations: Int
}
