import BasinMath

/// One training method, as n2p2's `Updater`: it owns its settings and running state (moments,
/// schedule position, curvature, damping, covariance), runs the updates of one epoch, and is
/// `Codable` so that a checkpoint stores that state and a resumed run continues bit for bit.
///
/// Adding a method is one file with a type that conforms, plus one line in
/// `TrainingUpdaters.all`; the `optimizer` section of a training configuration then accepts
/// its `name` and its `optionKeys`.
public protocol TrainingUpdater: Codable, Sendable, Equatable {
    /// The keyword of `optimizer.name` (e.g. `adam`, `levenberg-marquardt`).
    static var name: String { get }
    /// The keys of the `optimizer` section the method reads, besides `name`; any other key is an
    /// error naming them.
    static var optionKeys: [String] { get }
    /// The method with the settings of a configuration's `optimizer` section.
    init(options: TrainingUpdaterOptions) throws(TrainingError)
    /// η of the current epoch, for the learning curve (nil for methods without one).
    var learningRate: Double? { get }
    /// Whether the method's own convergence test is met (BFGS and L-BFGS with a gradient
    /// tolerance); the trainer then ends the run.
    var hasConverged: Bool { get }
    /// Iterations (accepted line searches) since the run began, for the methods that count
    /// them (BFGS, L-BFGS); nil for the others.
    var iterationCount: Int? { get }
    /// Refuses a training problem the method cannot take (e.g. too many weights for a dense
    /// covariance); called before the first epoch.
    func check(_ loss: Loss) throws(TrainingError)
    /// The updates of one epoch on `epoch.parameters`.
    mutating func runEpoch(_ epoch: inout TrainingEpoch)
    /// Sees the monitored loss (test loss, or training loss without test structures) at the end
    /// of each epoch, after the epoch's record (learning-rate schedules use it).
    mutating func endEpoch(monitoredLoss: Double)
    /// Sees the training set's errors at every record (epoch 0 included), before any checkpoint
    /// of that epoch (n2p2's Kalman selection compares candidates with them).
    mutating func observeTrainingErrors(_ errors: Loss.Errors)
    /// Hands over the large numeric state (e.g. a covariance of weights² numbers), as named
    /// arrays, for a checkpoint to keep in a binary file beside its JSON, leaving none in the
    /// value (which is then only for encoding).
    mutating func takeLargeState() -> [LargeStateArray]
    /// Puts back what `takeLargeState` handed over, by name.
    mutating func restoreLargeState(_ arrays: [String: [Double]]) throws(TrainingError)
    /// Forgets the large state and what belongs to it (a lean checkpoint): the next epoch
    /// starts it afresh (the Kalman filter at P = I/ε, q0, η0; BFGS at the identity).
    mutating func dropLargeState()
}

extension TrainingUpdater {
    public var learningRate: Double? { nil }
    public var hasConverged: Bool { false }
    public var iterationCount: Int? { nil }
    public func check(_ loss: Loss) throws(TrainingError) {}
    public mutating func endEpoch(monitoredLoss: Double) {}
    public mutating func observeTrainingErrors(_ errors: Loss.Errors) {}
    public mutating func takeLargeState() -> [LargeStateArray] { [] }
    public mutating func dropLargeState() {}
    public mutating func restoreLargeState(_ arrays: [String: [Double]]) throws(TrainingError) {
        guard arrays.isEmpty else { throw TrainingError(reason: "\(Self.name) keeps no large state, the checkpoint has \(arrays.keys.sorted())") }
    }

    /// The method's name (`Self.name`) on a value of any updater type.
    public var name: String { Self.name }

    /// Equality with an updater of any type: false unless both have the same type.
    public func isEqual(to other: any TrainingUpdater) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

/// What an updater works on during one epoch: the training loss, the weights it moves, the
/// run's only source of randomness and the mini-batch size.
public struct TrainingEpoch {
    /// Γ over the training structures.
    public let loss: Loss
    /// The flat weights (`NNPModel.parameters`), moved in place.
    public var parameters: [Double]
    /// The run's seeded generator (batch order, force components), part of the checkpoint.
    public var generator: SeededGenerator
    /// Structures per mini-batch; ≤ 0 or ≥ the training-set size means one full batch.
    public let batchSize: Int

    public init(loss: Loss, parameters: [Double], generator: SeededGenerator, batchSize: Int) {
        self.loss = loss
        self.parameters = parameters
        self.generator = generator
        self.batchSize = batchSize
    }

    /// 0..<count in a Fisher–Yates order drawn from the run's generator.
    public mutating func shuffledOrder(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = min(i, Int(generator.uniform() * Double(i + 1)))
                order.swapAt(i, j)
            }
        }
        return order
    }
}
