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

        public init(
            epoch: Int, trainEnergyRMSE: Double, testEnergyRMSE: Double, trainForceRMSE: Double, testForceRMSE: Double,
            trainLoss: Double, testLoss: Double, learningRate: Double, seconds: Double
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
        }
    }

    public var epochs: [Epoch]

    public init(epochs: [Epoch] = []) {
        self.epochs = epochs
    }

    public static let csvHeader =
        "epoch,train_energy_rmse,test_energy_rmse,train_force_rmse,test_force_rmse,loss,test_loss,learning_rate,seconds"

    /// CSV text: a header line, then one line per epoch, numbers in full precision.
    public var csv: String {
        var text = Self.csvHeader + "\n"
        for e in epochs {
            let numbers = [
                e.trainEnergyRMSE, e.testEnergyRMSE, e.trainForceRMSE, e.testForceRMSE, e.trainLoss, e.testLoss,
                e.learningRate, e.seconds,
            ]
            text += "\(e.epoch)," + numbers.map { "\($0)" }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Writes `csv` to `url` atomically.
    public func writeCSV(to url: URL) throws {
        try Data(csv.utf8).write(to: url, options: .atomic)
    }
}
