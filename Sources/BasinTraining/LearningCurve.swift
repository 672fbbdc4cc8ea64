import Foundation

/// The errors of a training run, one row per epoch (model units).
public struct LearningCurve: Codable, Sendable, Equatable {
    /// One epoch's record. Epoch 0 is the state before the first step (after any annealing).
    public struct Epoch: Codable, Sendable, Equatable {
        public var epoch: Int
        /// RMSE of E_j/N_j over the training and test structures (0 for an empty set).
        public var trainEnergyRMSE: Double
        public var testEnergyRMSE: Double
        /// RMSE over all Cartesian force components.
        public var trainForceRMSE: Double
        public var testForceRMSE: Double
        /// Γ per training structure, regularization included.
        public var trainLoss: Double
        /// Γ per test structure, without regularization (the early-stopping monitor); NaN
        /// without test structures.
        public var testLoss: Double
        /// η used in the epoch (0 for full-batch methods).
        public var learningRate: Double
        /// Wall-clock seconds the epoch took (steps and evaluation).
        public var seconds: Double
        /// The method's iterations since the run began (`TrainingUpdater.iterationCount`; 0 for
        /// methods that do not count them).
        public var iterations: Int
        /// Whether the method's convergence test was met by the end of the epoch (the run's last
        /// epoch then).
        public var converged: Bool

        public init(
            epoch: Int, trainEnergyRMSE: Double, testEnergyRMSE: Double, trainForceRMSE: Double, testForceRMSE: Double,
            trainLoss: Double, testLoss: Double, learningRate: Double, seconds: Double, iterations: Int = 0,
            converged: Bool = false
        ) {
            self.epoch = epoch
            self.trainEnergyRMSE = trainEnergyRMSE
            self.testEnergyRMSE = testEnergyRMSE
            self.trainForceRMSE = trainForceRMSE
            self.testForceRMSE = testForceRMSE
            self.trainLoss = trainLoss
            self.testLoss = testLoss
            self.learningRate = learningRate
            self.seconds = seconds
            self.iterations = iterations
            self.converged = converged
        }

        enum CodingKeys: String, CodingKey {
            case epoch, trainEnergyRMSE, testEnergyRMSE, trainForceRMSE, testForceRMSE, trainLoss, testLoss, learningRate
            case seconds, iterations, converged
        }

        /// Decodes a record; `iterations` and `converged` may be absent (records written
        /// before they existed), meaning 0 and false.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                epoch: try c.decode(Int.self, forKey: .epoch), trainEnergyRMSE: try c.decode(Double.self, forKey: .trainEnergyRMSE),
                testEnergyRMSE: try c.decode(Double.self, forKey: .testEnergyRMSE),
                trainForceRMSE: try c.decode(Double.self, forKey: .trainForceRMSE),
                testForceRMSE: try c.decode(Double.self, forKey: .testForceRMSE), trainLoss: try c.decode(Double.self, forKey: .trainLoss),
                testLoss: try c.decode(Double.self, forKey: .testLoss), learningRate: try c.decode(Double.self, forKey: .learningRate),
                seconds: try c.decode(Double.self, forKey: .seconds),
                iterations: try c.decodeIfPresent(Int.self, forKey: .iterations) ?? 0,
                converged: try c.decodeIfPresent(Bool.self, forKey: .converged) ?? false)
        }
    }

    public var epochs: [Epoch]

    public init(epochs: [Epoch] = []) {
        self.epochs = epochs
    }

    public static let csvHeader =
        "epoch,train_energy_rmse,test_energy_rmse,train_force_rmse,test_force_rmse,loss,test_loss,learning_rate,seconds,iterations,converged"

    /// CSV text: a header line, then one line per epoch, numbers in full precision (`converged`
    /// as 0 or 1).
    public var csv: String {
        var text = Self.csvHeader + "\n"
        for e in epochs {
            let numbers = [
                e.trainEnergyRMSE, e.testEnergyRMSE, e.trainForceRMSE, e.testForceRMSE, e.trainLoss, e.testLoss,
                e.learningRate, e.seconds,
            ]
            text += "\(e.epoch)," + numbers.map { "\($0)" }.joined(separator: ",") + ",\(e.iterations),\(e.converged ? 1 : 0)\n"
        }
        return text
    }

    /// Writes `csv` to `url` atomically.
    public func writeCSV(to url: URL) throws {
        try Data(csv.utf8).write(to: url, options: .atomic)
    }
}
