import BasinMath
import BasinNN
import BasinNNP
import BasinOptimize
import Foundation

/// How a `Trainer` sets the initial weights of a fresh run (drawn from the run's seeded
/// generator, before any annealing).
public enum WeightInitialization: Codable, Sendable, Equatable {
    /// Keep the model's weights.
    case keep
    /// Every weight and bias uniform in [lower, upper].
    case uniform(lower: Double, upper: Double)
    /// n2p2's Nguyen–Widrow scheme (`NeuralNetwork.Initialization.nguyenWidrow`).
    case nguyenWidrow

    /// Redraws every network's parameters of `model` (element after element) from `generator`.
    public func apply(to model: inout NNPModel, using generator: inout SeededGenerator) {
        let scheme: NeuralNetwork.Initialization
        switch self {
        case .keep: return
        case .uniform(let lower, let upper): scheme = .uniform(lower: lower, upper: upper)
        case .nguyenWidrow: scheme = .nguyenWidrow
        }
        for e in model.networks.indices { model.networks[e].randomize(scheme, using: &generator) }
    }
}

/// The settings of a training run.
public struct TrainingSettings: Sendable {
    /// The method, with its initial state (e.g. `GradientStepperTraining<Adam>(learningRate: 1e-3)`).
    public var updater: any TrainingUpdater
    /// Total number of epochs (a resumed run continues up to this count).
    public var epochs: Int
    /// Structures per mini-batch (steppers only); ≤ 0 or ≥ the training-set size means one
    /// full batch per epoch. The last batch of an epoch may be smaller.
    public var batchSize: Int
    /// β, α, γ and λ of the loss (`Loss`).
    public var energyWeight: Double
    public var forceWeight: Double
    public var atomEnergyWeight: Double
    public var regularization: Double
    /// Seed of the run's single generator (initialization, annealing, shuffling).
    public var seed: UInt64
    /// Concurrent parts of each loss evaluation (results depend on it only through summation
    /// order: the same count gives identical runs).
    public var threads: Int
    public var initialization: WeightInitialization
    /// A simulated-annealing search over the weights with the training loss Γ before the first
    /// epoch; its best state starts the optimizer. Nil: none.
    public var annealing: SimulatedAnnealing?
    /// Stop after this many epochs in a row without a better best-epoch score (see
    /// `selectionScales`). Nil: run all epochs.
    public var earlyStoppingPatience: Int?
    /// What makes an epoch the best, whose weights the run returns: nil, the lowest monitored
    /// loss (the test loss, or the training loss without test structures); otherwise the lowest
    /// `ErrorScales.score` of the same set's RMSEs.
    public var selectionScales: ErrorScales?
    /// Write a checkpoint to `checkpointURL` every this many epochs (and after the last one);
    /// ≤ 0: only after the last one. Nothing is written without a URL.
    public var checkpointInterval: Int
    public var checkpointURL: URL?
    /// Whether, at every epoch's end (epoch 0 included), the output biases are shifted so that
    /// the mean signed error of E_j/N_j over the training structures is zero (the least-squares
    /// constant; forces unchanged). The energy term alone sets this offset, and where the
    /// reference energies per atom barely vary (a crystal at 300 K: σ ≈ 4 meV/atom, so
    /// conv_energy ≈ 270) it is a distance of many normalized units that bounded Adam steps
    /// do not travel, while the force term dominates the loss. Needs identity outputs.
    public var fitsEnergyOffset = false

    public init(
        updater: any TrainingUpdater = GradientStepperTraining<Adam>(), epochs: Int = 100, batchSize: Int = 8,
        energyWeight: Double = 1, forceWeight: Double = 1, atomEnergyWeight: Double = 0, regularization: Double = 0,
        seed: UInt64 = 1, threads: Int = 1,
        initialization: WeightInitialization = .keep, annealing: SimulatedAnnealing? = nil, earlyStoppingPatience: Int? = nil,
        checkpointInterval: Int = 0, checkpointURL: URL? = nil, fitsEnergyOffset: Bool = false, selectionScales: ErrorScales? = nil
    ) {
        precondition(
            epochs >= 0 && energyWeight >= 0 && forceWeight >= 0 && atomEnergyWeight >= 0 && regularization >= 0,
            "need non-negative settings")
        precondition(earlyStoppingPatience.map { $0 >= 1 } ?? true, "the patience must be at least 1")
        self.updater = updater
        self.epochs = epochs
        self.batchSize = batchSize
        self.energyWeight = energyWeight
        self.forceWeight = forceWeight
        self.atomEnergyWeight = atomEnergyWeight
        self.regularization = regularization
        self.seed = seed
        self.threads = max(1, threads)
        self.initialization = initialization
        self.annealing = annealing
        self.earlyStoppingPatience = earlyStoppingPatience
        self.checkpointInterval = checkpointInterval
        self.checkpointURL = checkpointURL
        self.fitsEnergyOffset = fitsEnergyOffset
        self.selectionScales = selectionScales
    }
}

/// Trains the weights of a Behler–Parrinello model on reference structures.
///
/// A run: (fresh runs only) seeded weight initialization, then optional simulated annealing
/// with the training loss, then an epoch-0 record of the starting point, then per epoch
///
/// the updates of the `TrainingUpdater` (mini-batch steps, quasi-Newton iterations,
/// Levenberg–Marquardt steps or Kalman-filter updates; each type documents its epoch), then
/// the train/test errors are recorded in the learning curve, the schedule sees the
/// monitored loss (test loss, or training loss without test structures), the best weights and
/// early-stopping counters are updated, and a checkpoint may be written. The run ends after all
/// epochs, by early stopping, or once the updater reports convergence (BFGS and L-BFGS with a
/// gradient tolerance). The run's whole state is `state`, a `TrainingCheckpoint`; starting from
/// one continues the run exactly.
public struct Trainer: Sendable {
    public let settings: TrainingSettings
    /// The model whose settings and statistics are used (weights: see `model`).
    public let baseModel: NNPModel
    /// Γ over the training and the test structures.
    public let trainLoss: Loss
    public let testLoss: Loss
    /// The run's complete state.
    public private(set) var state: TrainingCheckpoint
    /// The outcome of the annealing pre-search, once this trainer has run it.
    public private(set) var annealingResult: AnnealingResult?

    /// - Parameters:
    ///   - model: architecture, settings and scaling statistics already set; its weights are
    ///     the start unless `settings.initialization` redraws them.
    ///   - train, test: structures prepared with the model's symmetry functions.
    ///   - checkpoint: a state to continue from (then neither initialization nor annealing
    ///     is repeated).
    public init(
        model: NNPModel, train: [TrainingStructure], test: [TrainingStructure], settings: TrainingSettings,
        resumingFrom checkpoint: TrainingCheckpoint? = nil
    ) {
        precondition(!train.isEmpty, "training needs structures")
        self.settings = settings
        baseModel = model
        trainLoss = Loss(
            model: model, structures: train, energyWeight: settings.energyWeight, forceWeight: settings.forceWeight,
            atomEnergyWeight: settings.atomEnergyWeight, regularization: settings.regularization, threads: settings.threads)
        testLoss = Loss(
            model: model, structures: test, energyWeight: settings.energyWeight, forceWeight: settings.forceWeight,
            atomEnergyWeight: settings.atomEnergyWeight, regularization: 0, threads: settings.threads)
        if let checkpoint {
            precondition(checkpoint.parameters.count == model.parameterCount, "the checkpoint is for another architecture")
            state = checkpoint
        } else {
            var generator = SeededGenerator(seed: settings.seed)
            var start = model
            settings.initialization.apply(to: &start, using: &generator)
            state = TrainingCheckpoint(
                epoch: 0, parameters: start.parameters, updater: settings.updater, generator: generator,
                bestParameters: start.parameters)
        }
    }

    /// The model with the current weights.
    public var model: NNPModel {
        var m = baseModel
        m.parameters = state.parameters
        return m
    }

    /// The model with the weights of the lowest monitored loss so far (the current ones
    /// before epoch 0 is recorded).
    public var bestModel: NNPModel {
        var m = baseModel
        m.parameters = state.learningCurve.epochs.isEmpty ? state.parameters : state.bestParameters
        return m
    }

    /// Whether the run has finished (all epochs, stopped early, or the method converged).
    public var isFinished: Bool {
        state.stoppedEarly || state.updater.hasConverged || (state.epoch >= settings.epochs && !state.learningCurve.epochs.isEmpty)
    }

    /// Runs the annealing pre-search if it is configured and not yet done: the best state
    /// found (never worse than the start) becomes the current weights.
    public mutating func anneal(progress: ((AnnealingProgress) -> Void)? = nil) {
        guard !state.annealed else { return }
        state.annealed = true
        guard let annealing = settings.annealing else { return }
        let loss = trainLoss
        let result = annealing.minimize({ loss.value(parameters: $0).total }, from: state.parameters, generator: &state.generator, progress: progress)
        annealingResult = result
        state.parameters = result.point
        state.bestParameters = result.point
    }

    /// Trains until `settings.epochs` epochs are done, early stopping ends the run, the method
    /// converges (`TrainingUpdater.hasConverged`), or `shouldStop` asks to stop.
    /// - Parameters:
    ///   - progress: called with each epoch's record (epoch 0 included).
    ///   - annealingProgress: passed to the annealing pre-search.
    ///   - shouldStop: asked at every epoch boundary (after the epoch-0 record and after each
    ///     epoch, once its record, schedule and checkpoint are done) while epochs remain; true
    ///     returns at once with `state` at that boundary, so writing `state` as a checkpoint
    ///     and resuming from it continues exactly as if the run had not stopped. An epoch is
    ///     never cut short: the checkpoint cannot represent a position inside one (the batch
    ///     order and the step reached are not part of it), so a request waits for the
    ///     current epoch (or the annealing pre-search and epoch 0) to end. `isFinished` tells
    ///     a stopped run from a finished one.
    /// - Returns: the model with the best weights (lowest monitored loss) so far.
    /// - Throws: an error from writing a checkpoint.
    @discardableResult
    public mutating func train(
        progress: ((LearningCurve.Epoch) -> Void)? = nil, annealingProgress: ((AnnealingProgress) -> Void)? = nil,
        shouldStop: (() -> Bool)? = nil
    ) throws -> NNPModel {
        anneal(progress: annealingProgress)
        if state.learningCurve.epochs.isEmpty {
            let record = finishEpoch(epoch: 0, learningRate: state.updater.learningRate ?? 0, started: .now, schedule: false)
            progress?(record)
        }
        while !state.stoppedEarly && !state.updater.hasConverged && state.epoch < settings.epochs {
            if let shouldStop, shouldStop() { break }
            let started = ContinuousClock.now
            let rate = state.updater.learningRate ?? 0
            runEpoch()
            let record = finishEpoch(epoch: state.epoch + 1, learningRate: rate, started: started, schedule: true)
            progress?(record)
            if let patience = settings.earlyStoppingPatience, state.epochsWithoutImprovement >= patience {
                state.stoppedEarly = true
            }
            let interval = settings.checkpointInterval
            if let url = settings.checkpointURL,
               (interval > 0 && state.epoch % interval == 0) || state.epoch == settings.epochs || state.stoppedEarly
                || state.updater.hasConverged
            {
                try state.write(to: url)
            }
        }
        return bestModel
    }

    /// The updater's work for one epoch.
    mutating func runEpoch() {
        var epoch = TrainingEpoch(loss: trainLoss, parameters: state.parameters, generator: state.generator, batchSize: settings.batchSize)
        state.updater.runEpoch(&epoch)
        state.parameters = epoch.parameters
        state.generator = epoch.generator
    }

    /// Records epoch `epoch` at the current weights and updates the schedule, the best
    /// weights and the early-stopping counter.
    mutating func finishEpoch(epoch: Int, learningRate: Double, started: ContinuousClock.Instant, schedule: Bool) -> LearningCurve.Epoch {
        var train = trainLoss.evaluation(parameters: state.parameters)
        if settings.fitsEnergyOffset && settings.energyWeight > 0 && train.errors.energyPerAtomMeanError != 0 {
            state.parameters = baseModel.parameters(state.parameters, shiftingAtomEnergiesBy: -train.errors.energyPerAtomMeanError)
            train = trainLoss.evaluation(parameters: state.parameters)
        }
        let hasTest = !testLoss.structures.isEmpty
        let test = hasTest ? testLoss.evaluation(parameters: state.parameters) : (value: Loss.Value(), errors: Loss.Errors())
        let trainLossValue = train.value.total / Double(trainLoss.structures.count)
        let testLossValue = hasTest ? test.value.total / Double(testLoss.structures.count) : .nan
        let monitored = hasTest ? testLossValue : trainLossValue
        state.updater.observeTrainingErrors(train.errors)
        if schedule {
            state.updater.endEpoch(monitoredLoss: monitored)
            state.epoch = epoch
        }
        let score = settings.selectionScales.map { $0.score(hasTest ? test.errors : train.errors) } ?? monitored
        if score < state.bestLoss {
            state.bestLoss = score
            state.bestParameters = state.parameters
            state.bestEpoch = epoch
            state.epochsWithoutImprovement = 0
        } else if epoch > 0 {
            state.epochsWithoutImprovement += 1
        }
        let elapsed = ContinuousClock.now - started
        let record = LearningCurve.Epoch(
            epoch: epoch, trainEnergyRMSE: train.errors.energyPerAtomRMSE, testEnergyRMSE: test.errors.energyPerAtomRMSE,
            trainForceRMSE: train.errors.forceRMSE, testForceRMSE: test.errors.forceRMSE, trainLoss: trainLossValue,
            testLoss: testLossValue, learningRate: learningRate,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            iterations: state.updater.iterationCount ?? 0, converged: state.updater.hasConverged)
        state.learningCurve.epochs.append(record)
        return record
    }
}
