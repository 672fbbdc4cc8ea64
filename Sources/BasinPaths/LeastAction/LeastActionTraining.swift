import BasinMath
import BasinOptimize

/// Trains a trajectory network on a least-action problem: NAdam on the pre-training target
/// first (the straight line or the end velocities), then NAdam with a step-decay schedule on the
/// full loss, keeping the best network met.
///
/// The run is a value of `state`, which can be saved and resumed between any two steps.
public final class LeastActionTraining: @unchecked Sendable {
    public let problem: LeastActionProblem
    public let loss: ActionLoss
    public private(set) var state: LeastActionState
    /// Steps between loss-history entries.
    public var historyInterval = 100
    private var gradient: [Double] = []
    private let pretrainingLoss: any PretrainingLoss

    /// A new run with random initial weights (b₁ = Q₀).
    public convenience init(problem: LeastActionProblem, settings: LeastActionSettings, threads: Int = 1) throws(LeastActionError) {
        try settings.validate()
        var generator = SeededGenerator(seed: settings.seed)
        let network = TrajectoryNetwork(
            hiddenCount: settings.hiddenCount, outputCount: 3 * problem.atomCount, duration: problem.duration,
            activation: settings.activation, slope: settings.initialSlope, offset: problem.startPositions, generator: &generator)
        try self.init(problem: problem, state: LeastActionState(settings: settings, network: network), threads: threads)
    }

    /// Continues a saved run.
    public init(problem: LeastActionProblem, state: LeastActionState, threads: Int = 1) throws(LeastActionError) {
        try state.settings.validate()
        guard state.network.outputCount == 3 * problem.atomCount else {
            throw .incompatibleState("it has \(state.network.outputCount / 3) atoms, the end points \(problem.atomCount)")
        }
        guard state.network.duration == problem.duration else {
            throw .incompatibleState("it spans T = \(state.network.duration), the run T = \(problem.duration)")
        }
        guard state.network.hiddenCount == state.settings.hiddenCount, state.network.parameterCount == state.network.parameters.count else {
            throw .incompatibleState("its network does not match its settings")
        }
        pretrainingLoss = try state.settings.pretrainingTarget.loss(problem: problem, hiddenCount: state.network.hiddenCount)
        self.problem = problem
        var state = state
        if state.bestLossWeights != problem.weights || state.bestLossReference != problem.energyReference {
            state.bestLoss = .infinity
            state.bestParameters = []
            state.bestLossWeights = problem.weights
            state.bestLossReference = problem.energyReference
        }
        self.state = state
        loss = ActionLoss(problem: problem, hiddenCount: state.network.hiddenCount, threads: threads)
    }

    /// Runs the remaining pre-training steps, or until `shouldStop` returns true (checked
    /// before each step). `progress` sees each completed step and its loss.
    public func pretrain(shouldStop: () -> Bool = { false }, progress: (Int, Double) -> Void = { _, _ in }) {
        guard !state.isPretrained else { return }
        while !state.isPretrained, !shouldStop() {
            let value = pretrainingLoss.evaluate(state.network, gradient: &gradient)
            step(learningRate: state.settings.pretrainingLearningRate)
            state.pretrainingStep += 1
            progress(state.pretrainingStep, value)
            if state.isPretrained { state.optimizer = state.settings.makeOptimizer() }
        }
    }

    /// Takes main-training steps until `state.step` reaches `steps` or `shouldStop` returns true
    /// (checked before each step). Each step evaluates the loss and gradient at the current
    /// network, records it if it is the best so far, and moves the weights.
    /// - Returns: the loss at the last evaluated network (nil if no step was taken).
    @discardableResult
    public func train(
        steps: Int, shouldStop: () -> Bool = { false }, progress: (Int, ActionLossValue) -> Void = { _, _ in }
    ) throws(LeastActionError) -> ActionLossValue? {
        precondition(state.isPretrained, "pre-train first")
        var last: ActionLossValue?
        while state.step < steps, !shouldStop() {
            let value = try loss.evaluate(state.network, gradient: &gradient)
            if value.total < state.bestLoss {
                state.bestLoss = value.total
                state.bestParameters = state.network.parameters
            }
            if state.step % historyInterval == 0 { state.history.append(.init(step: state.step, loss: value)) }
            step(learningRate: state.learningRate)
            state.step += 1
            last = value
            progress(state.step, value)
        }
        return last
    }

    /// One NAdam step with the current gradient. The optimizer and the parameters are moved
    /// out of `state` for the step (two inout accesses to one stored property would conflict),
    /// which copies no array.
    private func step(learningRate: Double) {
        var optimizer = state.optimizer
        var parameters = state.network.parameters
        state.optimizer = NAdam()
        state.network.parameters = []
        optimizer.step(&parameters, gradient: gradient, learningRate: learningRate)
        state.optimizer = optimizer
        state.network.parameters = parameters
    }
}
