import BasinAtoms
import BasinMath
import BasinPaths
import BasinPotentials
import Foundation
import Testing

@Suite("Least-action pre-training targets and optimizer settings")
struct PretrainingTargetTests {
    /// The cluster ends, moved so that Q_T = Q₀ + T (V₀ + V_T)/2: a velocity profile that
    /// steps from V₀ to V_T at T/2 then also joins the end positions.
    static func problem(withVelocities: Bool = true) throws -> LeastActionProblem {
        var (start, end) = PathFixtures.clusterEnds()
        end.positions = (0..<start.count).map { start.positions[$0] + 0.25 * (start.velocities![$0] + end.velocities![$0]) }
        if !withVelocities { start.velocities = nil; end.velocities = nil }
        return try LeastActionProblem(
            start: start, end: end, potential: PathFixtures.lennardJones(), duration: 0.5, intervals: 4,
            weights: ActionWeights(action: 0.1, start: 10, end: 10, energy: 0), energyReference: .pathMean)
    }

    @Test("the end-velocity loss's gradient equals central differences")
    func gradient() throws {
        let problem = try Self.problem()
        let loss = EndVelocityLoss(
            problem: problem, hiddenCount: 4, startVelocities: problem.startVelocities!, endVelocities: problem.endVelocities!)
        #expect(loss.workspace.timeCount == 20 * 4 + 1)
        var network = PathFixtures.network(for: problem)
        var gradient: [Double] = []
        let value = loss.evaluate(network, gradient: &gradient)
        #expect(value > 0)
        let original = network.parameters, h = 1e-5
        var scratch: [Double] = []
        let largest = gradient.map(abs).max()!
        for p in original.indices {
            network.parameters[p] = original[p] + h
            let up = loss.evaluate(network, gradient: &scratch)
            network.parameters[p] = original[p] - h
            let down = loss.evaluate(network, gradient: &scratch)
            network.parameters[p] = original[p]
            #expect(abs((up - down) / (2 * h) - gradient[p]) <= 1e-6 * max(abs(gradient[p]), 1e-3 * largest), "parameter \(p)")
        }
    }

    @Test("velocity pre-training meets the end points and end velocities with the settings' NAdam")
    func meetsEndVelocities() throws {
        let problem = try Self.problem()
        let settings = LeastActionSettings(
            hiddenCount: 8, initialSlope: 0.5, pretrainingTarget: .velocities, pretrainingSteps: 1000,
            pretrainingLearningRate: 0.03, beta1: 0.95, momentumDecay: 1000, seed: 2)
        let training = try LeastActionTraining(problem: problem, settings: settings)
        #expect(training.state.optimizer.beta1 == 0.95)
        #expect(training.state.network.parameters[0..<8].allSatisfy { abs($0) <= 0.5 })
        var losses: [Double] = []
        training.pretrain(progress: { _, loss in losses.append(loss) })
        #expect(losses.last! < 0.1 * losses.first!)
        #expect(training.state.optimizer.beta1 == 0.95 && training.state.optimizer.stepCount == 0)
        let workspace = TrajectoryWorkspace(network: training.state.network, times: [0, problem.duration])
        training.state.network.evaluate(into: workspace)
        let d = workspace.outputCount
        func distance(_ row: Int, _ target: [Double]) -> Double {
            (0..<d).map { pow(workspace.outputs[row * d + $0] - target[$0], 2) }.reduce(0, +).squareRoot()
        }
        let startSpeed = problem.startVelocities!.map { $0 * $0 }.reduce(0, +).squareRoot()
        let apart = distance(0, problem.endPositions)
        #expect(distance(0, problem.startPositions) < 0.1 * apart, "\(distance(0, problem.startPositions)) of \(apart)")
        #expect(distance(1, problem.endPositions) < 0.1 * apart, "\(distance(1, problem.endPositions)) of \(apart)")
        #expect(distance(2, problem.startVelocities!) < 0.25 * startSpeed)
        #expect(distance(3, problem.endVelocities!) < 0.25 * startSpeed)
    }

    @Test("velocity pre-training without velocities is refused")
    func needsVelocities() throws {
        let settings = LeastActionSettings(hiddenCount: 4, pretrainingTarget: .velocities)
        #expect(throws: LeastActionError.invalidSetting("the velocity pre-training needs velocities in the start and the end structure")) {
            try LeastActionTraining(problem: try Self.problem(withVelocities: false), settings: settings)
        }
        #expect(throws: LeastActionError.self) { try LeastActionSettings(beta1: 1).validate() }
    }

    @Test("settings saved before the pre-training target and NAdam settings existed decode with the defaults")
    func decodesOlderSettings() throws {
        let older = #"{"hiddenCount":6,"activation":"tanh","pretrainingSteps":10,"pretrainingLearningRate":0.01,"learningRate":0.001,"decayFactor":1,"decayInterval":1000,"seed":3}"#
        let settings = try JSONDecoder().decode(LeastActionSettings.self, from: Data(older.utf8))
        #expect(settings == LeastActionSettings(hiddenCount: 6, activation: .tanh, pretrainingSteps: 10, seed: 3))
        let custom = LeastActionSettings(initialSlope: 0.1, pretrainingTarget: .velocities, beta1: 0.999, momentumDecay: 1000)
        #expect(try JSONDecoder().decode(LeastActionSettings.self, from: JSONEncoder().encode(custom)) == custom)
    }
}
