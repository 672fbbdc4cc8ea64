import ArgumentParser
import BasinIO
import BasinToyModel
import BasinPlots
import Foundation

/// `basin toy train`: a small network on proximity-matrix eigenvalues of a toy database.
struct ToyTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a linear or small softplus network on the eigenvalue descriptors of a toy database.",
        discussion: """
            Inputs and target are standardized on the training set; the network kept is the one \
            of the epoch with the lowest validation MAE, which is reported against the MAE of \
            predicting the mean. Example (one hidden layer of 12 on orders −2..−4):
              basin toy train db.json --orders=-2,-3,-4 --hidden 12 --epochs 100 --output net.json
            """)

    @Argument(help: "A toy database (basin toy generate).")
    var input: String

    @Option(help: "Comma-separated orders o ≤ −2 of the proximity matrices.")
    var orders: String = "-2,-3"
    @Option(help: "Proximity cutoff R₀p (units of R_c).")
    var proximityCutoff: Double = 20
    @Option(help: "Comma-separated hidden-layer widths (softplus); empty for a linear model.")
    var hidden: String = ""
    @Option(help: "Loss: mae (as the thesis) or mse.")
    var loss: NetworkTraining.Loss = .mae
    @Option(help: "Optimizer: adam or rmsprop.")
    var optimizer: NetworkTraining.Optimizer = .adam
    @Option(help: "Learning rate η.")
    var learningRate: Double = 1e-3
    @Option(help: "Epochs over the training set.")
    var epochs: Int = 100
    @Option(help: "Records per gradient step.")
    var batchSize: Int = 32
    @Option(help: "Fraction of the records held out for validation.")
    var validationFraction: Double = 0.2
    @Option(help: "Seed of the split, the initial weights and the batches.")
    var seed: UInt64 = 1
    @Option(help: "Write the trained network here (JSON).")
    var output: String
    @Option(help: "Write the learning curve here (SVG).")
    var curve: String?
    @Flag(help: "Print one JSON document.")
    var json = false

    func descriptor() throws -> ProximityDescriptor {
        try ProximityDescriptor(orders: try Self.integers(orders, option: "--orders"), cutoff: proximityCutoff)
    }

    func training() throws -> NetworkTraining {
        try NetworkTraining(
            hiddenLayers: try Self.integers(hidden, option: "--hidden"), loss: loss, optimizer: optimizer, learningRate: learningRate,
            epochs: epochs, batchSize: batchSize, validationFraction: validationFraction, seed: seed)
    }

    /// Comma-separated integers; empty text is an empty list.
    static func integers(_ text: String, option: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let value = Int(trimmed) else { throw ValidationError("\(option): '\(trimmed)' is not an integer") }
            return value
        }
    }

    func validate() throws {
        _ = try descriptor()
        _ = try training()
    }

    struct Report: Encodable {
        var trainingCount: Int
        var validationCount: Int
        var inputs: Int
        var trainingMAE: Double
        var validationMAE: Double
        var meanPredictorMAE: Double
        var seconds: Double
    }

    func run() throws {
        let descriptor = try descriptor(), training = try training()
        let database = try ToyDatabase.read(from: URL(fileURLWithPath: input))
        let start = Date()
        let structures = try database.records.map { try $0.structure(dimension: database.settings.dimension) }
        for (k, structure) in structures.enumerated() {
            do { try descriptor.checkImages(structure) } catch { throw CommandError("\(input): record \(k): \(error)") }
        }
        let rows = descriptor.values(of: structures, threads: ProcessInfo.processInfo.activeProcessorCount)
        let progress = ProgressReporter(label: "train", total: training.epochs)
        let outcome = try ToyTrainer.train(
            rows: rows, energies: database.records.map(\.energyPerParticle), descriptor: descriptor, settings: database.settings,
            training: training) { epoch, _, _ in progress.update(epoch) }
        progress.finish()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(outcome.network), to: URL(fileURLWithPath: output))
        if let curve {
            var plot = SVGPlot(title: "Learning curve", xLabel: "epoch", yLabel: "MAE (E_c)", logY: true)
            plot.add(.init(name: "training", points: outcome.history.map { (x: Double($0.epoch), y: $0.trainingMAE) }))
            if outcome.validationCount > 0 {
                plot.add(.init(name: "validation", points: outcome.history.map { (x: Double($0.epoch), y: $0.validationMAE) }))
                plot.add(.init(name: "mean predictor", points: [(1, outcome.meanPredictorMAE), (Double(training.epochs), outcome.meanPredictorMAE)], dashed: true))
            }
            try plot.write(to: URL(fileURLWithPath: curve))
        }
        let report = Report(
            trainingCount: outcome.trainingCount, validationCount: outcome.validationCount, inputs: rows.first?.count ?? 0,
            trainingMAE: outcome.trainingMAE, validationMAE: outcome.validationMAE, meanPredictorMAE: outcome.meanPredictorMAE,
            seconds: Date().timeIntervalSince(start))
        if json { return try Output.json(report) }
        print(String(format: "%ld training and %ld validation records, %ld inputs, %.1f s", report.trainingCount, report.validationCount, report.inputs, report.seconds))
        print(String(format: "MAE: training %.6g E_c, validation %.6g E_c; predicting the mean %.6g E_c", report.trainingMAE,
                     report.validationMAE, report.meanPredictorMAE))
    }
}

extension NetworkTraining.Loss: ExpressibleByArgument {}
extension NetworkTraining.Optimizer: ExpressibleByArgument {}
