import BasinMath
import BasinPaths
import Testing

@Suite("Trajectory network")
struct TrajectoryNetworkTests {
    @Test("Q̇ and Q̈ equal central differences of Q(t)", arguments: TimeActivation.allCases)
    func timeDerivatives(activation: TimeActivation) {
        var generator = SeededGenerator(seed: 11)
        let network = TrajectoryNetwork(
            hiddenCount: 7, outputCount: 6, duration: 2.5, activation: activation, slope: 6, outputScale: 0.5, generator: &generator)
        let h = 1e-4
        for t in [0.0, 0.4, 1.3, 2.5] {
            let centre = network.state(at: t)
            let plus = network.state(at: t + h), minus = network.state(at: t - h)
            for o in 0..<6 {
                let velocity = (plus.positions[o] - minus.positions[o]) / (2 * h)
                let acceleration = (plus.positions[o] - 2 * centre.positions[o] + minus.positions[o]) / (h * h)
                let velocityFromVelocities = (plus.velocities[o] - minus.velocities[o]) / (2 * h)
                #expect(abs(velocity - centre.velocities[o]) <= 1e-7 * max(1, abs(velocity)))
                #expect(abs(acceleration - centre.accelerations[o]) <= 1e-5 * max(1, abs(acceleration)))
                #expect(abs(velocityFromVelocities - centre.accelerations[o]) <= 1e-7 * max(1, abs(velocityFromVelocities)))
            }
        }
    }

    @Test("the weight gradient of a linear function of Q, Q̇, Q̈ equals central differences", arguments: TimeActivation.allCases)
    func backpropagation(activation: TimeActivation) {
        var generator = SeededGenerator(seed: 12)
        var network = TrajectoryNetwork(
            hiddenCount: 5, outputCount: 4, duration: 1.7, activation: activation, slope: 5, outputScale: 0.7, generator: &generator)
        let times = [0, 0.3, 0.9, 1.7]
        let workspace = TrajectoryWorkspace(network: network, times: times)
        let adjoints = workspace.adjoints.map { _ in 2 * generator.uniform() - 1 }
        func value(_ net: TrajectoryNetwork) -> Double {
            net.evaluate(into: workspace)
            return zip(workspace.outputs, adjoints).reduce(0) { $0 + $1.0 * $1.1 }
        }
        network.evaluate(into: workspace)
        workspace.adjoints = adjoints
        var gradient: [Double] = []
        network.backpropagate(workspace, into: &gradient)
        let original = network.parameters
        for p in original.indices {
            let h = 1e-6 * max(1, abs(original[p]))
            network.parameters[p] = original[p] + h
            let up = value(network)
            network.parameters[p] = original[p] - h
            let down = value(network)
            network.parameters[p] = original[p]
            let difference = (up - down) / (2 * h)
            #expect(abs(difference - gradient[p]) <= 1e-6 * max(1, abs(gradient[p])), "parameter \(p)")
        }
    }
}

@Suite("Trajectory network threads")
struct TrajectoryNetworkThreadTests {
    @Test("outputs and weight gradient do not depend on the thread count")
    func threadIndependent() {
        var generator = SeededGenerator(seed: 13)
        let network = TrajectoryNetwork(hiddenCount: 9, outputCount: 301, duration: 1.3, slope: 5, outputScale: 0.4, generator: &generator)
        let times = (0..<7).map { 1.3 * Double($0) / 6 }
        let adjoints = (0..<3 * 7 * 301).map { _ in 2 * generator.uniform() - 1 }
        func run(_ threads: Int) -> ([Double], [Double]) {
            let workspace = TrajectoryWorkspace(network: network, times: times)
            network.evaluate(into: workspace, threads: threads)
            workspace.adjoints = adjoints
            var gradient: [Double] = []
            network.backpropagate(workspace, into: &gradient, threads: threads)
            return (workspace.outputs, gradient)
        }
        let serial = run(1)
        for threads in [2, 3] {
            let parallel = run(threads)
            #expect(parallel.0 == serial.0)
            #expect(parallel.1 == serial.1)
        }
    }
}
