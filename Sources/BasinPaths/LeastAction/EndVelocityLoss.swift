/// The pre-training loss of Wang et al.'s public code for liquid argon (their `loss_0`): the
/// end positions, and velocities held at the end velocities over each half of the run,
///
///     L = |Q(0) − Q₀|² + |Q(T) − Q_T|² + Σ_{i < M/2 − 2} |Q̇(τ_i) − V₀|² + Σ_{i ≥ M/2 + 2} |Q̇(τ_i) − V_T|²,
///
/// on the fine grid τ_i = i T / M, i = 0 … M, M = `refinement` · N_t (their MD frames, 0.001 τ
/// apart against a 0.02 τ loss grid); the four times around T/2 are left free, as in their
/// code. It uses only the two end structures — no frame between them — and no potential.
/// Lengths and velocities in the problem's units.
public final class EndVelocityLoss: @unchecked Sendable {
    /// Fine-grid intervals per loss-grid interval.
    public static let refinement = 20
    public let workspace: TrajectoryWorkspace
    let startPositions: [Double]
    let endPositions: [Double]
    let startVelocities: [Double]
    let endVelocities: [Double]

    public init(problem: LeastActionProblem, hiddenCount: Int, startVelocities: [Double], endVelocities: [Double]) {
        let count = Self.refinement * problem.intervals
        let step = problem.duration / Double(count)
        workspace = TrajectoryWorkspace(
            hiddenCount: hiddenCount, outputCount: 3 * problem.atomCount, times: (0...count).map { Double($0) * step })
        startPositions = problem.startPositions
        endPositions = problem.endPositions
        self.startVelocities = startVelocities
        self.endVelocities = endVelocities
    }

    /// The loss at `network`'s parameters, with its gradient written to `gradient`.
    public func evaluate(_ network: TrajectoryNetwork, gradient: inout [Double]) -> Double {
        network.evaluate(into: workspace)
        let k = workspace.timeCount, half = (k - 1) / 2
        for o in 0..<workspace.adjoints.count { workspace.adjoints[o] = 0 }
        var sum = squaredDistance(row: 0, to: startPositions)
        sum += squaredDistance(row: k - 1, to: endPositions)
        for i in 0..<k where i < half - 2 || i >= half + 2 {
            sum += squaredDistance(row: k + i, to: i < half ? startVelocities : endVelocities)
        }
        network.backpropagate(workspace, into: &gradient)
        return sum
    }

    /// |row − target|² of one output row, adding its gradient to the row's adjoints.
    private func squaredDistance(row: Int, to target: [Double]) -> Double {
        let d = workspace.outputCount, base = row * d
        var sum = 0.0
        for o in 0..<d {
            let difference = workspace.outputs[base + o] - target[o]
            sum += difference * difference
            workspace.adjoints[base + o] += 2 * difference
        }
        return sum
    }
}

extension EndVelocityLoss: PretrainingLoss {}
