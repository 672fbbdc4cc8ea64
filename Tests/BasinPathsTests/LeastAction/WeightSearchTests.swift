import BasinPaths
import Foundation
import Testing

@Suite("Least-action weight search")
struct WeightSearchTests {
    static let search = WeightSearch(trials: 4, steps: 15, decades: 3, seed: 7)

    /// The pre-trained state the trials start from, and the problem.
    static func start() throws -> (LeastActionProblem, LeastActionState) {
        let training = try LeastActionTraining(problem: try LeastActionTrainingTests.problem(), settings: LeastActionTrainingTests.settings)
        training.pretrain()
        return (training.problem, training.state)
    }

    @Test("the trials' weights come from the seed, log-uniform within D decades of the given ones")
    func weightsFromTheSeed() throws {
        let base = try LeastActionTrainingTests.problem().weights
        let first = Self.search.sampledWeights(around: base)
        #expect(first == Self.search.sampledWeights(around: base))
        var other = Self.search
        other.seed = 8
        #expect(other.sampledWeights(around: base) != first)
        for weights in first {
            #expect(weights.action == base.action && weights.startVelocity == base.startVelocity)
            for (value, given) in [(weights.start, base.start), (weights.end, base.end), (weights.energy, base.energy)] {
                #expect(abs(log10(value / given)) <= 1.5)
            }
        }
        #expect(Set(first.map(\.start)).count == 4)
    }

    @Test("a search is reproducible and keeps the trial with the lowest loss at the given weights")
    func picksTheBestTrial() throws {
        let (problem, start) = try Self.start()
        let outcome = try #require(try Self.search.run(problem: problem, from: start))
        #expect(try Self.search.run(problem: problem, from: start) == outcome)
        let scores = outcome.trials.map(\.score)
        #expect(outcome.trials.count == 4 && Set(scores).count == 4)
        #expect(outcome.best.score == scores.min())
        // Training the kept weights alone from the same start gives the same score.
        let alone = try LeastActionTraining(problem: try problem.reweighted(outcome.best.weights), state: start)
        try alone.train(steps: Self.search.steps)
        #expect(try ActionLoss(problem: problem, hiddenCount: start.network.hiddenCount).value(alone.state.bestNetwork).total == outcome.best.score)
    }

    @Test("a stop ends the search with the trials completed")
    func stops() throws {
        let (problem, start) = try Self.start()
        var calls = 0
        let outcome = try #require(try Self.search.run(problem: problem, from: start, shouldStop: { calls += 1; return calls > 35 }))
        #expect(outcome.trials.count == 2)
        #expect(throws: LeastActionError.self) { try WeightSearch(trials: 0, steps: 5).run(problem: problem, from: start) }
    }
}
