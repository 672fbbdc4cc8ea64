import BasinMath
import BasinNN
import BasinOptimize

/// How `ToyTrainer` fits a `ToyNetwork`.
public struct NetworkTraining: Sendable, Codable, Equatable {
    public enum Loss: String, Sendable, Codable, CaseIterable {
        /// Mean absolute error, as the thesis.
        case mae
        /// Mean squared error.
        case mse
    }

    public enum Optimizer: String, Sendable, Codable, CaseIterable {
        case adam, rmsprop
    }

    /// Hidden-layer widths (softplus); empty: a linear model.
    public var hiddenLayers: [Int]
    public var loss: Loss
    public var optimizer: Optimizer
    /// η of every step.
    public var learningRate: Double
    public var epochs: Int
    public var batchSize: Int
    /// The fraction of records held out for validation, in [0, 1).
    public var validationFraction: Double
    public var seed: UInt64

    public init(
        hiddenLayers: [Int] = [], loss: Loss = .mae, optimizer: Optimizer = .adam, learningRate: Double = 1e-3,
        epochs: Int = 100, batchSize: Int = 32, validationFraction: Double = 0.2, seed: UInt64 = 1
    ) throws(ToyModelError) {
        guard hiddenLayers.allSatisfy({ (1...100_000).contains($0) }) else { throw .invalidParameter("hidden layers need 1 to 100000 neurons each") }
        guard learningRate > 0, learningRate.isFinite else { throw .invalidParameter("the learning rate must be positive, got \(learningRate)") }
        guard epochs >= 1 else { throw .invalidParameter("training needs at least one epoch, got \(epochs)") }
        guard batchSize >= 1 else { throw .invalidParameter("the batch size must be at least 1, got \(batchSize)") }
        guard validationFraction >= 0, validationFraction < 1 else {
            throw .invalidParameter("the validation fraction must lie in [0, 1), got \(validationFraction)")
        }
        self.hiddenLayers = hiddenLayers
        self.loss = loss
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.epochs = epochs
        self.batchSize = batchSize
        self.validationFraction = validationFraction
        self.seed = seed
    }
}

/// Errors of one epoch (energy unit of E_c).
public struct EpochErrors: Sendable, Codable, Equatable {
    public var epoch: Int
    public var trainingMAE: Double
    public var validationMAE: Double
}

/// What `ToyTrainer.train` returns.
public struct TrainingOutcome: Sendable, Codable, Equatable {
    /// The network after the epoch with the lowest validation MAE (the last with no validation set).
    public var network: ToyNetwork
    public var history: [EpochErrors]
    /// MAE of `network` on the training and validation records.
    public var trainingMAE: Double
    public var validationMAE: Double
    /// MAE on the validation records of predicting the training targets' mean.
    public var meanPredictorMAE: Double
    public var trainingCount: Int
    public var validationCount: Int
}
