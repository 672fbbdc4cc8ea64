/// Lowers η when the monitored loss stops improving, with the semantics of PyTorch's
/// `ReduceLROnPlateau` in mode "min":
///
/// - An epoch improves on the best loss so far, L_best, when L < L_best (1 − τ) (relative
///   threshold) or L < L_best − τ (absolute threshold). Then L_best ← L and the count of bad
///   epochs is reset; otherwise it grows by one. The first finite loss always improves.
/// - When more than `patience` epochs in a row are bad, η ← max(γ η, η_min), the count is
///   reset and the next `cooldown` epochs count as neither good nor bad. A reduction smaller
///   than 1e-8 is not made (PyTorch's eps).
public struct ReduceOnPlateau: LearningRateSchedule, Equatable {
    /// How the threshold τ compares a loss with the best one.
    public enum ThresholdMode: String, Codable, Sendable {
        /// L < L_best (1 − τ).
        case relative
        /// L < L_best − τ.
        case absolute
    }

    public private(set) var learningRate: Double
    /// γ, 0 < γ < 1.
    public var factor: Double
    /// Bad epochs tolerated before a reduction.
    public var patience: Int
    /// η_min.
    public var minimumLearningRate: Double
    /// τ ≥ 0.
    public var threshold: Double
    public var thresholdMode: ThresholdMode
    /// Epochs after a reduction during which bad epochs are not counted.
    public var cooldown: Int
    /// L_best, +∞ before the first epoch.
    public private(set) var bestLoss = Double.infinity
    /// Bad epochs in a row.
    public private(set) var badEpochs = 0
    /// Cooldown epochs left.
    public private(set) var cooldownLeft = 0

    /// PyTorch's defaults: γ = 0.1, patience 10, η_min = 0, τ = 1e-4 relative, no cooldown.
    public init(
        initialLearningRate: Double, factor: Double = 0.1, patience: Int = 10, minimumLearningRate: Double = 0,
        threshold: Double = 1e-4, thresholdMode: ThresholdMode = .relative, cooldown: Int = 0
    ) {
        precondition(initialLearningRate > 0 && 0 < factor && factor < 1, "need η₀ > 0 and 0 < γ < 1")
        precondition(patience >= 0 && minimumLearningRate >= 0 && threshold >= 0 && cooldown >= 0, "need non-negative settings")
        learningRate = initialLearningRate
        self.factor = factor
        self.patience = patience
        self.minimumLearningRate = minimumLearningRate
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
    }

    private func improves(_ loss: Double) -> Bool {
        switch thresholdMode {
        case .relative: loss < bestLoss * (1 - threshold)
        case .absolute: loss < bestLoss - threshold
        }
    }

    public mutating func endEpoch(loss: Double) {
        if improves(loss) {
            bestLoss = loss
            badEpochs = 0
        } else {
            badEpochs += 1
        }
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            badEpochs = 0
        }
        if badEpochs > patience {
            let reduced = max(learningRate * factor, minimumLearningRate)
            if learningRate - reduced > 1e-8 { learningRate = reduced }
            cooldownLeft = cooldown
            badEpochs = 0
        }
    }
}
