import BasinAtoms
import BasinMath
import BasinPaths
import BasinPotentials
import Foundation
import Testing

@Suite("Least-action training")
struct LeastActionTrainingTests {
    static func problem() throws -> LeastActionProblem {
        let (start, end) = PathFixtures.clusterEnds()
        return try LeastActionProblem(
            start: start, end: end, potential: PathFixtures.lennardJones(), duration: 0.5, intervals: 8,
            weights: ActionWeights(action: 0.1, start: 10, end: 10, energy: 0.1))
    }

    static let settings = LeastActionSettings(hiddenCount: 6, pretrainingSteps: 300, pretrainingLearningRate: 0.02, learningRate: 0.003, seed: 4)

    @Test("pre-training meets the straight line and training lowers the loss, keeping the best network")
    func lowersLoss() throws {
        let training = try LeastActionTraining(problem: try Self.problem(), settings: Self.settings)
        var lineLosses: [Double] = []
        training.pretrain(progress: { _, loss in lineLosses.append(loss) })
        #expect(lineLosses.count == 300)
        #expect(lineLosses.last! < 0.05 * lineLosses.first!)
        let first = try training.loss.value(training.state.network).total
        try training.train(steps: 200)
        #expect(training.state.step == 200)
        #expect(training.state.bestLoss < 0.5 * first)
        let best = try training.loss.value(training.state.bestNetwork).total
        #expect(best == training.state.bestLoss)
        #expect(training.state.history.map(\.step) == [0, 100])
    }

    @Test("a saved run resumes bit for bit")
    func resumes() throws {
        let problem = try Self.problem()
        let straight = try Self.trained(problem, steps: 40)
        let first = try Self.trained(problem, steps: 25)
        let state = try LeastActionState(jsonData: try first.state.jsonData())
        let second = try LeastActionTraining(problem: problem, state: state)
        try second.train(steps: 40)
        #expect(second.state.network.parameters == straight.state.network.parameters)
        #expect(second.state.bestLoss == straight.state.bestLoss)
    }

    @Test("a run resumed with other loss weights starts its best network afresh")
    func otherWeightsResetTheBest() throws {
        let problem = try Self.problem()
        let first = try Self.trained(problem, steps: 20)
        let same = try LeastActionTraining(problem: problem, state: first.state)
        #expect(same.state.bestLoss == first.state.bestLoss)
        var heavier = problem.weights
        heavier.energy *= 100
        let other = try LeastActionProblem(
            start: problem.template, end: Self.endConfiguration(), potential: problem.potential, duration: problem.duration,
            intervals: problem.intervals, weights: heavier, energyReference: problem.energyReference)
        let resumed = try LeastActionTraining(problem: other, state: first.state)
        #expect(resumed.state.bestLoss == .infinity && resumed.state.bestParameters.isEmpty)
        #expect(resumed.state.network.parameters == first.state.network.parameters)
        try resumed.train(steps: 21)
        #expect(resumed.state.bestLoss < .infinity && resumed.state.bestLossWeights == heavier)
    }

    /// A new run, pre-trained and trained for `steps` steps.
    static func trained(_ problem: LeastActionProblem, steps: Int) throws -> LeastActionTraining {
        let training = try LeastActionTraining(problem: problem, settings: settings)
        training.pretrain()
        try training.train(steps: steps)
        return training
    }

    static func endConfiguration() -> Configuration { PathFixtures.clusterEnds().1 }

    @Test("an interrupted pre-training resumes where it stopped")
    func stopsAndResumes() throws {
        let training = try LeastActionTraining(problem: try Self.problem(), settings: Self.settings)
        var calls = 0
        training.pretrain(shouldStop: { calls += 1; return calls > 50 })
        #expect(training.state.pretrainingStep == 50)
        #expect(!training.state.isPretrained)
        let saved = try LeastActionState(jsonData: try training.state.jsonData())
        #expect(saved.bestLoss == .infinity && saved.pretrainingStep == 50)
        training.pretrain()
        #expect(training.state.pretrainingStep == 300)
    }

    @Test("a saved state of another system is refused")
    func incompatibleState() throws {
        let training = try LeastActionTraining(problem: try Self.problem(), settings: Self.settings)
        let (start, end) = PathFixtures.periodicEnds()
        let other = try LeastActionProblem(start: start, end: end, potential: PathFixtures.morse(), duration: 0.5, intervals: 8)
        #expect(throws: LeastActionError.self) { try LeastActionTraining(problem: other, state: training.state) }
    }
}
