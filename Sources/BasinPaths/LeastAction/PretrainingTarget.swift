/// What the network is fitted to before the main training.
public enum PretrainingTarget: String, Sendable, Codable, CaseIterable {
    /// The straight line between the end points at the grid times (`StraightLineLoss`).
    case line
    /// The end points and the end velocities, V₀ over the first half of T and V_T over the
    /// second, on a grid 20 times finer than the loss grid (`EndVelocityLoss`): the
    /// pre-training of Wang et al.'s public code for liquid argon. Needs velocities in both
    /// end structures.
    case velocities

    /// The loss of this target for `problem`, or an error naming what it needs.
    func loss(problem: LeastActionProblem, hiddenCount: Int) throws(LeastActionError) -> any PretrainingLoss {
        switch self {
        case .line:
            return StraightLineLoss(problem: problem, hiddenCount: hiddenCount)
        case .velocities:
            guard let start = problem.startVelocities, let end = problem.endVelocities else {
                throw .invalidSetting("the velocity pre-training needs velocities in the start and the end structure")
            }
            return EndVelocityLoss(problem: problem, hiddenCount: hiddenCount, startVelocities: start, endVelocities: end)
        }
    }
}

/// A loss that needs no potential, fitted before the main training.
public protocol PretrainingLoss: AnyObject {
    /// The loss at `network`'s parameters, with its gradient written to `gradient`.
    func evaluate(_ network: TrajectoryNetwork, gradient: inout [Double]) -> Double
}

extension StraightLineLoss: PretrainingLoss {}
