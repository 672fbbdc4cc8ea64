import BasinMath
import Foundation

/// A seeded random search of the boundary and energy weights λ₁, λ₂ and λ₃, as Wang et al.
/// (J. Chem. Inf. Model. 62, 3346, 2022) choose them.
///
/// Each trial draws λᵢ = λᵢ⁰ · 10^(D (u − ½)), u uniform in [0, 1), i.e. log-uniformly over D
/// decades centred on the given weight λᵢ⁰ (a zero weight stays zero; the action and velocity
/// weights are kept). Every trial trains `steps` NAdam steps from the same network and
/// optimizer state (the pre-trained one), and is scored by the loss of its best network at
/// the given weights λ⁰: the action residual Σ|M Q̈ + ∇V|²Δt together with the end-point and
/// energy terms at fixed weights, so that trials compare on one yardstick (the bare action
/// residual alone would favour trials that give up the end points). The trial with the
/// lowest score wins; ties go to the earlier trial.
public struct WeightSearch: Sendable, Codable, Equatable {
    /// Number of trials.
    public var trials: Int
    /// NAdam steps per trial.
    public var steps: Int
    /// D, the width of the sampling interval in decades.
    public var decades: Double
    /// The widest interval allowed: a weight moves by at most 10^(D/2) either way, which keeps
    /// any finite weight a user can give finite.
    public static let maximumDecades = 20.0
    /// Seed of the sampled weights.
    public var seed: UInt64

    public init(trials: Int, steps: Int, decades: Double = 2, seed: UInt64 = 1) {
        self.trials = trials
        self.steps = steps
        self.decades = decades
        self.seed = seed
    }

    /// One trial: its weights and its score.
    public struct Trial: Sendable, Codable, Equatable {
        public var weights: ActionWeights
        /// Loss at the given weights of the trial's best network after its steps.
        public var score: Double
    }

    /// The trials run and the winner.
    public struct Outcome: Sendable, Codable, Equatable {
        public var trials: [Trial]
        /// Index in `trials` of the lowest score.
        public var bestIndex: Int
        public var best: Trial { trials[bestIndex] }
    }

    public func validate() throws(LeastActionError) {
        guard trials >= 1 else { throw .invalidSetting("the weight search needs at least one trial, got \(trials)") }
        guard steps >= 1 else { throw .invalidSetting("the weight search needs at least one step per trial, got \(steps)") }
        guard decades >= 0, decades <= WeightSearch.maximumDecades else {
            throw .invalidSetting("the weight search's decades must be from 0 to \(Int(WeightSearch.maximumDecades)), got \(decades)")
        }
    }

    /// The weights of every trial, drawn from the seed around `base`.
    public func sampledWeights(around base: ActionWeights) -> [ActionWeights] {
        var generator = SeededGenerator(seed: seed)
        return (0..<trials).map { _ in
            var weights = base
            weights.start *= pow(10, decades * (generator.uniform() - 0.5))
            weights.end *= pow(10, decades * (generator.uniform() - 0.5))
            weights.energy *= pow(10, decades * (generator.uniform() - 0.5))
            return weights
        }
    }

    /// Runs the trials of `problem` from `start` (a pre-trained state before its first main
    /// step), which is left as it was.
    /// - Parameters:
    ///   - shouldStop: checked before each step; a stop ends the search after the trials done.
    ///   - progress: sees the number of steps done over all trials.
    /// - Returns: the trials done and their winner; nil if none was completed.
    public func run(
        problem: LeastActionProblem, from start: LeastActionState, threads: Int = 1,
        shouldStop: () -> Bool = { false }, progress: (Int) -> Void = { _ in }
    ) throws(LeastActionError) -> Outcome? {
        try validate()
        precondition(start.isPretrained && start.step == 0, "search from a pre-trained state before the main training")
        let yardstick = ActionLoss(problem: problem, hiddenCount: start.network.hiddenCount, threads: threads)
        var done: [Trial] = []
        for weights in sampledWeights(around: problem.weights) {
            let training = try LeastActionTraining(problem: try problem.reweighted(weights), state: start, threads: threads)
            let offset = done.count * steps
            try training.train(steps: steps, shouldStop: shouldStop) { step, _ in progress(offset + step) }
            guard training.state.step == steps else { break }
            let score = try yardstick.value(training.state.bestNetwork).total
            done.append(Trial(weights: weights, score: score.isNaN ? .infinity : score))
        }
        guard !done.isEmpty else { return nil }
        let best = done.indices.min { done[$0].score < done[$1].score }!
        return Outcome(trials: done, bestIndex: best)
    }
}
