import BasinIO
import BasinNNP
import BasinPotentials
import BasinOptimize
import Foundation

/// A whole training run, from data to written model, as one library job that `basin train`,
/// `basin quickstart` and any workflow call: split, normalization, model assembly, the
/// optional annealing pre-search, the updater's epochs, checkpoints, stop and resume, the
/// learning curve and the plots.
///
/// Files in `output`: `model/` (n2p2 folder, the weights of the lowest monitored loss),
/// `learning-curve.csv` (rewritten after every epoch) and `.svg`, `parity.svg` (the test set's
/// predictions, or the training set's without a test set) and, with checkpoints on,
/// `checkpoint.json`. Every file is written whole (a temporary file or folder renamed into place).
public struct TrainingJob: Sendable {
    /// The model's functions, scaling mode, architecture and (unless `normalize`) normalization.
    public var modelSettings: NNPSettings
    /// Every reference structure, prepared with `modelSettings`' symmetry functions.
    public var dataset: Dataset
    /// Share of structures held out, in [0, 1) (unused with `testDataset`).
    public var testFraction: Double
    /// The held-out structures, when given instead of a share of `dataset` (all of `dataset`
    /// is then trained on; normalization and scaling statistics use both).
    public var testDataset: Dataset?
    /// Whether mean_energy, conv_energy and conv_length come from the data, as n2p2's
    /// `normalize_data_set ref` (`Dataset.n2p2Normalization`).
    public var normalize: Bool
    /// The method, loss weights, epochs, seed, threads and the rest of the run.
    public var training: TrainingSettings
    /// The folder the job writes into (created if needed).
    public var output: URL
    /// Whether the job keeps `output/checkpoint.json` (and `checkpoint.state` for an updater
    /// with large state: the Kalman covariance, BFGS's inverse Hessian) so that `resume` can
    /// continue it: every `training.checkpointInterval` epochs and at the end (the full state),
    /// and when stopped (the full state). With an interval ≤ 0 the end writes a lean checkpoint
    /// without the large state: no covariance is written in a run that is not stopped, and
    /// resuming it (with more epochs) continues the weights, generator and learning curve but
    /// restarts the Kalman filter (P = I/ε, q0, η0) or BFGS's curvature.
    public var checkpoints: Bool
    /// The reference method's name on the parity plot's axes.
    public var referenceName: String
    /// Whether a split that leaves no test structure is refused (for a validation that needs one).
    public var requiresTestSet: Bool
    /// The seed of the train/test split; nil for `training.seed` (committee members share one
    /// split while their weight seeds differ).
    public var splitSeed: UInt64?
    /// The weights a fresh run starts from (e.g. an earlier fit's, to continue on more data);
    /// nil: the freshly shaped networks, drawn per `training.initialization`. Set
    /// `training.initialization = .keep` to start from exactly these.
    public var initialParameters: [Double]?
    /// The fixed potential the model sits on (written into the model folder as baseline.data);
    /// `dataset` must then hold the residuals, reference − baseline (`BaselineResiduals`).
    public var baseline: ModelBaseline?

    public init(
        modelSettings: NNPSettings, dataset: Dataset, testFraction: Double, normalize: Bool, training: TrainingSettings,
        output: URL, checkpoints: Bool = true, referenceName: String = "reference", requiresTestSet: Bool = false
    ) {
        self.modelSettings = modelSettings
        self.dataset = dataset
        self.testFraction = testFraction
        self.normalize = normalize
        self.training = training
        self.output = output
        self.checkpoints = checkpoints
        self.referenceName = referenceName
        self.requiresTestSet = requiresTestSet
    }

    /// What a run reports while it works.
    public enum Event: Sendable {
        /// Before the first epoch: set sizes, weight count, method, epochs in all and the epoch the
        /// run starts from (0, or a resumed checkpoint's).
        case started(trainStructures: Int, testStructures: Int, weights: Int, method: String, epochs: Int, startingEpoch: Int)
        /// A step of the annealing pre-search.
        case annealing(AnnealingProgress)
        /// An epoch's record (epoch 0 is the starting point).
        case epoch(LearningCurve.Epoch)
    }

    /// A run that ended: all epochs, early stopping or convergence (`finished`), or a stop
    /// request at an epoch boundary (checkpoint and learning curve written; the model folder
    /// left as it was).
    public struct Outcome: Sendable {
        public var finished: Bool
        /// Epochs done, the epoch of the best weights, and whether early stopping ended the run.
        public var epochs: Int
        public var bestEpoch: Int
        public var stoppedEarly: Bool
        /// Whether the method's convergence test ended the run (`TrainingUpdater.hasConverged`).
        public var converged: Bool
        /// The method's iterations in all (`TrainingUpdater.iterationCount`), for those that count them.
        public var iterations: Int?
        public var trainStructures: Int
        public var testStructures: Int
        /// The model with the best weights (lowest monitored loss).
        public var model: NNPModel
        public var learningCurve: LearningCurve
        /// Errors of the best weights on the training and test sets (nil without a test set).
        public var trainErrors: Loss.Errors
        public var testErrors: Loss.Errors?
        /// The test set's predictions by the best weights (the training set's without one).
        public var predictions: [Loss.Prediction]
    }

    public var checkpointURL: URL { output.appendingPathComponent("checkpoint.json") }
    public var learningCurveURL: URL { output.appendingPathComponent("learning-curve.csv") }
    public var modelURL: URL { output.appendingPathComponent("model") }

    /// The untrained model: `modelSettings` with the data's normalization (when `normalize`),
    /// the scaling statistics of every structure, and freshly shaped networks.
    public func assembleModel() -> NNPModel {
        var settings = modelSettings
        let dataset = Dataset(structures: self.dataset.structures + (testDataset?.structures ?? []))
        if normalize {
            settings.normalization = dataset.n2p2Normalization
                ?? EnergyNormalization(meanEnergy: dataset.meanEnergyPerAtom, convEnergy: 1, convLength: 1)
        }
        let statistics = settings.scaling.needsStatistics ? dataset.scalingStatistics(settings: settings) : []
        let networks = zip(settings.architectures, settings.symmetryFunctions).map { architecture, set in
            architecture.network(inputCount: set.functions.count, normalizesNodes: settings.normalizesNodes)
        }
        var model = NNPModel(settings: settings, statistics: statistics, networks: networks, baseline: baseline)
        if let initialParameters {
            precondition(initialParameters.count == model.parameterCount, "the initial weights do not fit the model")
            model.parameters = initialParameters
        }
        return model
    }

    /// Runs (or with `resume`, continues from `output/checkpoint.json`) until every epoch is
    /// done, early stopping ends the run, the method converges, or `shouldStop` asks at an
    /// epoch boundary.
    /// - Throws: `TrainingError` for data the method cannot take, a missing or unreadable
    ///   checkpoint, or a file that cannot be written (naming it).
    public func run(
        resume: Bool = false, events: ((Event) -> Void)? = nil, shouldStop: (() -> Bool)? = nil
    ) throws(TrainingError) -> Outcome {
        guard dataset.count > 0 else { throw TrainingError(reason: "data: the files hold no structure") }
        if training.atomEnergyWeight > 0, let missing = dataset.structures.first(where: { $0.atomEnergies == nil }) {
            throw TrainingError(reason: "\(missing.name): no per-atom energies (property '\(Frame.atomEnergiesProperty)'), needed by loss.atom_energy_weight > 0")
        }
        let (train, test) = testDataset.map { (dataset, $0) } ?? dataset.split(testFraction: testFraction, seed: splitSeed ?? training.seed)
        guard train.count > 0 else {
            throw TrainingError(reason: "test_fraction leaves no training structure (\(dataset.count) in all)")
        }
        guard test.count > 0 || !requiresTestSet else {
            throw TrainingError(reason: "\(dataset.count) structures are too few for a train/test split")
        }
        let model = assembleModel()
        var settings = training
        let interval = training.checkpointInterval
        settings.checkpointURL = checkpoints && interval > 0 ? checkpointURL : nil
        let checkpoint = resume ? try readCheckpoint(weights: model.parameterCount) : nil
        var trainer = Trainer(model: model, train: train.structures, test: test.structures, settings: settings, resumingFrom: checkpoint)
        try settings.updater.check(trainer.trainLoss)
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw TrainingError(reason: "output: cannot create \(output.path): \(error.localizedDescription)")
        }
        events?(.started(
            trainStructures: train.count, testStructures: test.count, weights: model.parameterCount, method: settings.updater.name,
            epochs: settings.epochs, startingEpoch: trainer.state.epoch))

        var curve = trainer.state.learningCurve
        let best: NNPModel
        do {
            best = try trainer.train(progress: { record in
                curve.epochs.append(record)
                try? curve.writeCSV(to: learningCurveURL)
                events?(.epoch(record))
            }, annealingProgress: { events?(.annealing($0)) }, shouldStop: shouldStop)
        } catch {
            throw TrainingError(reason: "\(checkpointURL.path): cannot write the checkpoint (\(error.localizedDescription))")
        }
        var outcome = Outcome(
            finished: trainer.isFinished, epochs: trainer.state.epoch, bestEpoch: trainer.state.bestEpoch,
            stoppedEarly: trainer.state.stoppedEarly, converged: trainer.state.updater.hasConverged,
            iterations: trainer.state.updater.iterationCount, trainStructures: train.count, testStructures: test.count, model: best,
            learningCurve: trainer.state.learningCurve, trainErrors: Loss.Errors(), testErrors: nil, predictions: [])
        if !trainer.isFinished {
            if checkpoints { try write("the checkpoint", to: checkpointURL) { try trainer.state.write(to: $0) } }
            try write("the learning curve", to: learningCurveURL) { try trainer.state.learningCurve.writeCSV(to: $0) }
            return outcome
        }
        // Without an interval the end's checkpoint leaves the large state out; a finished run
        // resumed after its end writes its checkpoint too.
        if checkpoints && interval <= 0 {
            try write("the checkpoint", to: checkpointURL) { try trainer.state.write(to: $0, largeState: false) }
        } else if checkpoints && !FileManager.default.fileExists(atPath: checkpointURL.path) {
            try? trainer.state.write(to: checkpointURL)
        }
        try write("the learning curve", to: learningCurveURL) { try trainer.state.learningCurve.writeCSV(to: $0) }
        do {
            try best.replaceFolder(modelURL)
        } catch {
            throw TrainingError(reason: "\(error)")
        }
        // Each set's predictions are made once, for its errors and (one of them) the parity plot.
        let trainPredictions = trainer.trainLoss.predictions(parameters: best.parameters)
        outcome.trainErrors = trainer.trainLoss.errors(of: trainPredictions)
        let shown = test.count > 0 ? trainer.testLoss : trainer.trainLoss
        outcome.predictions = test.count > 0 ? shown.predictions(parameters: best.parameters) : trainPredictions
        outcome.testErrors = test.count > 0 ? trainer.testLoss.errors(of: outcome.predictions) : nil
        let parity = TrainingPlots.parity(test: shown.structures, predictions: outcome.predictions, reference: referenceName)
        let plots = [("learning-curve.svg", TrainingPlots.learningCurve(trainer.state.learningCurve).svg), ("parity.svg", parity)]
        for (name, text) in plots {
            try write("the plot", to: output.appendingPathComponent(name)) { try Data(text.utf8).write(to: $0, options: .atomic) }
        }
        return outcome
    }

    /// The checkpoint in `output` for a model of `weights` weights.
    func readCheckpoint(weights: Int) throws(TrainingError) -> TrainingCheckpoint {
        guard FileManager.default.fileExists(atPath: checkpointURL.path) else {
            throw TrainingError(reason: "--resume: no checkpoint at \(checkpointURL.path)")
        }
        let checkpoint: TrainingCheckpoint
        do {
            checkpoint = try TrainingCheckpoint.read(from: checkpointURL)
        } catch let error as TrainingCheckpoint.FormatError {
            throw TrainingError(reason: "\(checkpointURL.path): \(error)")
        } catch {
            throw TrainingError(reason: "\(checkpointURL.path): cannot read the checkpoint (\(error.localizedDescription))")
        }
        guard checkpoint.parameters.count == weights else {
            throw TrainingError(reason: "\(checkpointURL.path): the checkpoint has \(checkpoint.parameters.count) weights, the configured model \(weights)")
        }
        guard checkpoint.updater.name == training.updater.name else {
            throw TrainingError(reason: "\(checkpointURL.path): the checkpoint continues \(checkpoint.updater.name), the configuration names \(training.updater.name)")
        }
        return checkpoint
    }

    /// Runs `body` on `url`, turning its error into one naming the file.
    func write(_ what: String, to url: URL, _ body: (URL) throws -> Void) throws(TrainingError) {
        do {
            try body(url)
        } catch {
            throw TrainingError(reason: "\(url.path): cannot write \(what) (\(error.localizedDescription))")
        }
    }
}
