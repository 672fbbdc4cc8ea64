import BasinIO
import BasinNNP
import BasinOptimize
import Foundation

extension TrainingJob {
    /// The job a configuration describes, its data loaded and prepared: relative paths are
    /// relative to `base` (the configuration file's folder).
    /// - Throws: `TrainingError` naming the key, file and line of the first problem (a number
    ///   out of range, a missing file, an element without functions, a structure the model
    ///   cannot take, an unknown optimizer or option).
    public init(configuration c: TrainingConfiguration, base: URL) throws(TrainingError) {
        try c.validate()
        guard !c.data.isEmpty else { throw TrainingError(reason: "data: give at least one structure file") }
        let files = c.data.map { TrainingConfiguration.resolve($0, base: base) }
        for url in files where !FileManager.default.fileExists(atPath: url.path) {
            throw TrainingError(reason: "data: no such file \(url.path)")
        }
        var format: StructureFile.Format?
        if let name = c.format {
            guard let known = StructureFile.Format(rawValue: name) else {
                throw TrainingError(reason: "format: unknown format '\(name)' (\(StructureFile.Format.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            format = known
        }
        let settings: NNPSettings
        let annealing: SimulatedAnnealing?
        do {
            settings = try c.settings(base: base)
            annealing = try c.simulatedAnnealing()
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError(reason: "\(error)")
        }
        let updater = try TrainingUpdaters.make(from: c.optimizer)
        // An energy-only fit (force weight 0) takes data without forces.
        let dataset = try Dataset.load(files: files, settings: settings, format: format, requiringForces: c.loss.forceWeight > 0)
        var testDataset: Dataset?
        if let testData = c.testData {
            let testFiles = testData.map { TrainingConfiguration.resolve($0, base: base) }
            for url in testFiles where !FileManager.default.fileExists(atPath: url.path) {
                throw TrainingError(reason: "test_data: no such file \(url.path)")
            }
            testDataset = try Dataset.load(files: testFiles, settings: settings, format: format, requiringForces: c.loss.forceWeight > 0)
        }
        let training = TrainingSettings(
            updater: updater, epochs: c.epochs, batchSize: try c.optimizer.batchSize(default: TrainingConfiguration.defaultBatchSize) ?? 0,
            energyWeight: c.loss.energyWeight, forceWeight: c.loss.forceWeight, atomEnergyWeight: c.loss.atomEnergyWeight,
            regularization: c.loss.l2, seed: c.seed, threads: c.threads, initialization: c.initialization, annealing: annealing,
            earlyStoppingPatience: c.earlyStoppingPatience, checkpointInterval: c.checkpointEvery, selectionScales: c.selectionScales)
        self.init(
            modelSettings: settings, dataset: dataset, testFraction: c.testFraction, normalize: c.normalize, training: training,
            output: TrainingConfiguration.resolve(c.output, base: base))
        self.testDataset = testDataset
    }

    /// The job of the YAML configuration file at `url`.
    public init(configurationFile url: URL) throws(TrainingError) {
        try self.init(configuration: TrainingConfiguration.read(from: url), base: url.deletingLastPathComponent())
    }
}
