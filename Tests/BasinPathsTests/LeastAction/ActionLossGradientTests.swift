import BasinAtoms
import BasinMath
import BasinPaths
import BasinPotentials
import Testing

@Suite("Least-action loss gradient")
struct ActionLossGradientTests {
    /// Each term alone, all together, and all but one.
    static let weightSets: [ActionWeights] = [
        ActionWeights(action: 1, start: 0, end: 0, energy: 0),
        ActionWeights(action: 0, start: 1, end: 0, energy: 0),
        ActionWeights(action: 0, start: 0, end: 1, energy: 0),
        ActionWeights(action: 0, start: 0, end: 0, energy: 1),
        ActionWeights(action: 0, start: 0, end: 0, energy: 0, startVelocity: 1),
        ActionWeights(action: 0, start: 0, end: 0, energy: 0, endVelocity: 1),
        ActionWeights(action: 0.7, start: 3, end: 2, energy: 0.5, startVelocity: 0.2, endVelocity: 0.3),
        ActionWeights(action: 0, start: 3, end: 2, energy: 0.5, startVelocity: 0.2, endVelocity: 0.3),
        ActionWeights(action: 0.7, start: 3, end: 2, energy: 0, startVelocity: 0.2, endVelocity: 0.3),
    ]

    @Test("a Lennard-Jones cluster: every weight's derivative equals central differences", arguments: weightSets)
    func cluster(weights: ActionWeights) throws {
        let (start, end) = PathFixtures.clusterEnds()
        let problem = try LeastActionProblem(
            start: start, end: end, potential: PathFixtures.lennardJones(), duration: 0.8, intervals: 5, weights: weights)
        try checkGradient(problem, activation: .sigmoid)
    }

    @Test("a periodic Morse crystal (metal units): every weight's derivative equals central differences", arguments: weightSets)
    func periodic(weights: ActionWeights) throws {
        let (start, end) = PathFixtures.periodicEnds()
        let problem = try LeastActionProblem(
            start: start, end: end, potential: PathFixtures.morse(), duration: 0.05, intervals: 4, weights: weights,
            energyReference: .pathMean)
        try checkGradient(problem, activation: .tanh)
    }

    @Test("the energy term against a fixed E₀ and with tanh in a cluster")
    func fixedEnergy() throws {
        let (start, end) = PathFixtures.clusterEnds(seed: 3)
        let problem = try LeastActionProblem(
            start: start, end: end, potential: PathFixtures.lennardJones(), duration: 1.2, intervals: 4,
            weights: ActionWeights(action: 1, start: 1, end: 1, energy: 2), energyReference: .fixed(-7.5))
        try checkGradient(problem, activation: .tanh)
    }

    /// Compares the analytic gradient with Richardson-extrapolated central differences,
    /// parameter by parameter: |g − g_fd| ≤ 10⁻⁶ max(|g|, 10⁻³ ‖g‖∞).
    func checkGradient(_ problem: LeastActionProblem, activation: TimeActivation) throws {
        let loss = ActionLoss(problem: problem, hiddenCount: 4, threads: 2)
        var network = PathFixtures.network(for: problem, activation: activation)
        var gradient: [Double] = []
        let value = try loss.evaluate(network, gradient: &gradient)
        #expect(value.total > 0)
        let largest = gradient.map(abs).max()!
        let original = network.parameters
        func central(_ p: Int, _ h: Double) throws -> Double {
            network.parameters[p] = original[p] + h
            let up = try loss.value(network).total
            network.parameters[p] = original[p] - h
            let down = try loss.value(network).total
            network.parameters[p] = original[p]
            return (up - down) / (2 * h)
        }
        var worst = 0.0
        for p in original.indices {
            let h = 1e-4 * max(1, abs(original[p]))
            let difference = (4 * (try central(p, h / 2)) - (try central(p, h))) / 3
            let error = abs(difference - gradient[p]) / max(abs(gradient[p]), 1e-3 * largest)
            worst = max(worst, error)
        }
        #expect(worst <= 1e-6, "largest relative error \(worst)")
    }
}
