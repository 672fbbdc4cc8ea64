/// What happened in one basin-hopping step, as observers see it.
public struct BasinHoppingStep: Sendable {
    /// How a step ended.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// The trial minimum passed the Metropolis test and became the current one.
        case accepted
        /// The trial minimum failed the Metropolis test.
        case rejected
        /// An atom ended farther from the centroid than the container radius.
        case evaporated
        /// The quench did not converge (or its energy was not finite); nothing was recorded.
        case quenchFailed
    }

    /// Step number, from 1.
    public let step: Int
    public let outcome: Outcome
    /// Energy of the trial minimum (energy units); that of the unconverged end point when the
    /// quench failed.
    public let trialEnergy: Double
    /// Coordinates of the trial minimum, 3N numbers (length units).
    public let trialPoint: [Double]
    /// Whether the trial minimum had not been found before (false unless it was recorded).
    public let isNewMinimum: Bool
    /// Energy of the current minimum of the Markov chain after the step.
    public let currentEnergy: Double
    /// Lowest energy found so far.
    public let lowestEnergy: Double
    /// Displacement size used in the next step (length units).
    public let stepSize: Double
    /// Gradient evaluations of this step's quench.
    public let evaluations: Int
}

/// Called after every basin-hopping step, e.g. to report progress or to store minima.
public typealias BasinHoppingObserver = (BasinHoppingStep) -> Void
