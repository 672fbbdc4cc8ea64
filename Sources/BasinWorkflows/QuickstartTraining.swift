import BasinNN
import BasinNNP
import BasinOptimize
import BasinPotentials
import BasinTraining
import Foundation

/// The training stage both quickstarts share: its settings, the run (`TrainingJob` with Adam
/// and an exponentially decaying rate, or n2p2's Kalman filter) and what it reports.
public enum QuickstartTraining {
    /// The optimizer.
    public enum Method: String, Sendable, Codable {
        /// Mini-batches of `batchSize`, η decaying exponentially from `learningRate` to `finalLearningRate`.
        case adam
        /// n2p2's extended Kalman filter (`KalmanTraining`, n2p2's example parameters): every
        /// energy and `kalmanForceFraction` of the force components per epoch, one per update.
        case kalman
    }

    /// The networks and the optimizer of a quickstart.
    public struct Settings: Sendable, Codable, Equatable {
        /// Hidden layers of each element's network (tanh; linear output).
        public var hiddenLayers: [Int]
        public var method: Method
        public var epochs: Int
        public var batchSize: Int
        /// η of the first epoch; the rate decays exponentially from it to `finalLearningRate`
        /// at the last epoch (Adam).
        public var learningRate: Double
        public var finalLearningRate: Double
        /// Share of the training set's force components that make updates in an epoch (Kalman).
        public var kalmanForceFraction: Double
        /// α of the loss's force term (Kalman: n2p2's `force_weight`, the force updates' factor).
        public var forceWeight: Double
        /// Share of the frames held out for the test errors, in (0, 1).
        public var testFraction: Double
        /// Whether every epoch ends by shifting the output biases so that the training
        /// structures' mean signed energy error per atom is zero (`TrainingSettings.fitsEnergyOffset`).
        public var fitsEnergyOffset: Bool
        /// How the best epoch is chosen: nil, the lowest test loss; otherwise the lowest test
        /// (E/E_s)² + (F/F_s)² (`TrainingSettings.selectionScales`; eV/atom and eV/Å).
        public var selectionScales: ErrorScales?

        public init(
            hiddenLayers: [Int], method: Method = .adam, epochs: Int, batchSize: Int, learningRate: Double, finalLearningRate: Double,
            kalmanForceFraction: Double = 0.02, forceWeight: Double = 1, testFraction: Double = 0.1, fitsEnergyOffset: Bool = false,
            selectionScales: ErrorScales? = nil
        ) {
            self.hiddenLayers = hiddenLayers
            self.method = method
            self.kalmanForceFraction = kalmanForceFraction
            self.epochs = epochs
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.finalLearningRate = finalLearningRate
            self.forceWeight = forceWeight
            self.testFraction = testFraction
            self.fitsEnergyOffset = fitsEnergyOffset
            self.selectionScales = selectionScales
        }

        /// Two epochs of a 4-node network: the smoke-test presets.
        public static var tiny: Settings {
            Settings(hiddenLayers: [4], epochs: 2, batchSize: 4, learningRate: 0.005, finalLearningRate: 0.0001, testFraction: 0.2)
        }

        /// The shape of every element's network.
        var architecture: NetworkArchitecture {
            NetworkArchitecture(hiddenLayers: hiddenLayers, activations: Array(repeating: .tanh, count: hiddenLayers.count) + [.identity])
        }

        public func validate() throws(TrainingError) {
            guard !hiddenLayers.isEmpty, hiddenLayers.allSatisfy({ $0 > 0 }) else { throw TrainingError(reason: "give positive hidden layer widths") }
            guard epochs >= 1, batchSize >= 1, learningRate > 0, finalLearningRate > 0, finalLearningRate <= learningRate else {
                throw TrainingError(reason: "need epochs ≥ 1, batch size ≥ 1 and 0 < final learning rate ≤ learning rate")
            }
            guard forceWeight >= 0, kalmanForceFraction >= 0 else { throw TrainingError(reason: "the force weight and Kalman force fraction must not be negative") }
            guard testFraction > 0, testFraction < 1 else { throw TrainingError(reason: "the test fraction must lie in (0, 1)") }
        }
    }

    /// What the training stage measured: set sizes, weights, epochs and the RMSEs of the best
    /// weights (eV/atom, eV/Å); errors are NaN until training has run.
    public struct Summary: Sendable, Codable {
        public var trainStructures = 0
        public var testStructures = 0
        public var parameterCount = 0
        public var epochs = 0
        public var bestEpoch = 0
        public var testEnergyRMSE = Double.nan
        public var testForceRMSE = Double.nan
        public var trainEnergyRMSE = Double.nan
        public var trainForceRMSE = Double.nan

        public init() {}

        init(_ outcome: TrainingJob.Outcome) {
            trainStructures = outcome.trainStructures
            testStructures = outcome.testStructures
            parameterCount = outcome.model.parameterCount
            epochs = outcome.epochs
            bestEpoch = outcome.bestEpoch
            testEnergyRMSE = outcome.testErrors?.energyPerAtomRMSE ?? .nan
            testForceRMSE = outcome.testErrors?.forceRMSE ?? .nan
            trainEnergyRMSE = outcome.trainErrors.energyPerAtomRMSE
            trainForceRMSE = outcome.trainErrors.forceRMSE
        }

        /// The report's line on the fit.
        func reportLine(_ settings: Settings) -> String {
            func f(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }
            let method = switch settings.method {
            case .adam: "Adam, batch \(settings.batchSize), η \(settings.learningRate) → \(settings.finalLearningRate) (exponential)"
            case .kalman: "n2p2's Kalman filter, all energies and \(settings.kalmanForceFraction) of the force components per epoch"
            }
            let selection = settings.selectionScales.map {
                "lowest test (E/\(f(1000 * $0.energyPerAtom, 1)) meV/atom)² + (F/\(f(1000 * $0.force, 0)) meV/Å)²"
            } ?? "lowest test loss"
            return """
                - Training: \(method)\(settings.fitsEnergyOffset ? ", mean energy error removed after each epoch" : ""), force weight α = \(settings.forceWeight), \(epochs) epochs, best epoch \(bestEpoch) (\(selection)), test fraction \(settings.testFraction)
                - Train RMSE: \(f(1000 * trainEnergyRMSE, 3)) meV/atom, \(f(1000 * trainForceRMSE, 1)) meV/Å; test RMSE: \(f(1000 * testEnergyRMSE, 3)) meV/atom, \(f(1000 * testForceRMSE, 1)) meV/Å
                """
        }
    }

    /// Fits `model` to `dataset` on a split seeded by `seed` (or, with `heldOut`, on all of
    /// `dataset`, tested on `heldOut`) and writes `model/` (with `baseline`, when given, in
    /// baseline.data), the learning curve and the parity plot into `directory`.
    /// - Parameter epochDone: the epoch number and a line with its errors.
    static func run(
        _ settings: Settings, model: NNPSettings, dataset: Dataset, heldOut: Dataset? = nil, baseline: ModelBaseline? = nil, referenceName: String,
        seed: UInt64, threads: Int, directory: URL, epochDone: @escaping (Int, String) -> Void
    ) throws -> (outcome: TrainingJob.Outcome, summary: Summary) {
        let s = settings
        let updater: any TrainingUpdater
        switch s.method {
        case .adam:
            let factor = s.epochs > 1 ? pow(s.finalLearningRate / s.learningRate, 1 / Double(s.epochs - 1)) : 1
            updater = GradientStepperTraining<Adam>(
                schedule: .exponentialDecay(ExponentialDecay(initialLearningRate: s.learningRate, factor: min(1, factor))))
        case .kalman:
            updater = KalmanTraining(forceFraction: s.kalmanForceFraction)
        }
        var job = TrainingJob(
            modelSettings: model, dataset: dataset, testFraction: s.testFraction, normalize: true,
            training: TrainingSettings(
                updater: updater, epochs: s.epochs, batchSize: s.batchSize, energyWeight: 1, forceWeight: s.forceWeight,
                seed: seed, threads: threads, initialization: .nguyenWidrow, fitsEnergyOffset: s.fitsEnergyOffset,
                selectionScales: s.selectionScales),
            output: directory, checkpoints: false, referenceName: referenceName, requiresTestSet: true)
        job.baseline = baseline
        job.testDataset = heldOut
        let outcome = try job.run(events: { event in
            guard case .epoch(let e) = event else { return }
            let line = String(
                format: "epoch %ld/%ld  train E %.3f meV/atom F %.1f meV/Å  test E %.3f meV/atom F %.1f meV/Å",
                e.epoch, s.epochs, 1000 * e.trainEnergyRMSE, 1000 * e.trainForceRMSE, 1000 * e.testEnergyRMSE, 1000 * e.testForceRMSE)
            epochDone(e.epoch, s.method == .adam ? line + String(format: "  η %.2e", e.learningRate) : line)
        })
        return (outcome, Summary(outcome))
    }
}

/// What a command sets on either quickstart's settings: the seed, the threads and the training.
public protocol QuickstartSettings: Sendable {
    var seed: UInt64 { get set }
    var threads: Int { get set }
    var training: QuickstartTraining.Settings { get set }
}

extension SiliconQuickstart.Settings: QuickstartSettings {}
extension SilicaQuickstart.Settings: QuickstartSettings {}
