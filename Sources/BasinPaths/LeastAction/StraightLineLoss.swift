/// The pre-training loss: the mean squared distance of the network from the straight line
/// between the end points over the grid, (1/K) Σ_k |Q(t_k) − [(1 − t_k/T) Q₀ + (t_k/T) Q_T]|².
/// It needs no potential, so a few thousand steps cost little, and it leaves the main training
/// a network that already meets both end points.
public final class StraightLineLoss: @unchecked Sendable {
    public let workspace: TrajectoryWorkspace
    /// The line at the grid times (K × D, row-major).
    let targets: [Double]

    public init(problem: LeastActionProblem, hiddenCount: Int) {
        workspace = TrajectoryWorkspace(hiddenCount: hiddenCount, outputCount: 3 * problem.atomCount, times: problem.gridTimes)
        targets = problem.gridTimes.flatMap { problem.straightLine(at: $0) }
    }

    /// The loss at `network`'s parameters, with its gradient written to `gradient`.
    public func evaluate(_ network: TrajectoryNetwork, gradient: inout [Double]) -> Double {
        network.evaluate(into: workspace)
        let k = workspace.timeCount, d = workspace.outputCount
        let scale = 1 / Double(k)
        var sum = 0.0
        for o in 0..<workspace.adjoints.count { workspace.adjoints[o] = 0 }
        for o in 0..<k * d {
            let difference = workspace.outputs[o] - targets[o]
            sum += difference * difference
            workspace.adjoints[o] = 2 * scale * difference
        }
        network.backpropagate(workspace, into: &gradient)
        return scale * sum
    }
}
