/// The lower and upper trust levels of the committee force deviation max_i σ_i (eV/Å).
///
/// Given, they are used as they are. Derived automatically (`auto`), they come from the
/// committee's deviation on its own training structures, where the members were fitted to
/// agree with the reference: the lower level is the 95th percentile of max_i σ_i over those
/// structures (a frame less certain than 95 % of the training data is worth labelling), and
/// the upper level is `upperRatio` times the lower (a frame that far out is taken for
/// unphysical, as in DP-GEN, and discarded).
struct TrustLevels: Equatable {
    var lower: Double
    var upper: Double

    /// The levels from `settings`, filling each `auto` one from `trainingDeviations`
    /// (max_i σ_i of every training structure).
    static func make(_ settings: LearningSettings.Candidates, trainingDeviations: [Double]) -> TrustLevels {
        let derived = percentile(trainingDeviations, 0.95)
        let lower = settings.lower ?? min(derived, (settings.upper ?? .infinity) / settings.upperRatio)
        let upper = settings.upper ?? settings.upperRatio * lower
        return TrustLevels(lower: lower, upper: upper)
    }

    /// The p-quantile (0 ≤ p ≤ 1) by linear interpolation between order statistics; 0 for no values.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down)), above = min(sorted.count - 1, below + 1)
        let weight = position - Double(below)
        return (1 - weight) * sorted[below] + weight * sorted[above]
    }
}
