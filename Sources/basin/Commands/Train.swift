import ArgumentParser
import BasinIO
import BasinNNP
import BasinTraining
import Foundation

/// `basin train`: fits a Behler–Parrinello neural-network potential to reference data, as a
/// YAML configuration describes it.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a neural-network potential from a YAML configuration.",
        discussion: """
            Keys: data (list of files), format, test_fraction, elements, symmetry_functions \
            (a file with cutoff_type and symfunction_short lines), network {hidden, activations}, \
            scaling (none|scale|center|scale-center|sigma), normalize, loss {force_weight, \
            energy_weight, atom_energy_weight, l2}, optimizer {name, learning_rate, batch_size, iterations_per_epoch, \
            schedule {type: constant|step|exponential|plateau, factor, interval, patience, minimum}} \
            (batch_size ≥ 1, or full), \
            epochs, early_stopping_patience, annealing {steps, t_max, t_min, updates}, seed, \
            threads, output, checkpoint_every. Unknown and repeated keys are errors. Relative paths are \
            relative to the configuration's folder. Writes OUTPUT/model (n2p2 folder, the weights \
            of the lowest monitored loss), OUTPUT/learning-curve.csv and .svg, OUTPUT/parity.svg and OUTPUT/checkpoint.json; \
            --resume continues from the checkpoint. Progress goes to standard error. \
            Files are written whole (a temporary file or folder renamed into place). \
            Ctrl-C (SIGINT) or SIGTERM stops the run at the next epoch boundary (the current \
            epoch, or annealing and epoch 0, is finished first; a second signal quits at once): \
            the checkpoint and learning curve are written, the model folder is left as it was, \
            and the exit status is 130 (SIGINT) or 143 (SIGTERM); --resume then continues \
            exactly as if the run had not stopped.
            """)

    @Argument(help: "The YAML configuration file.")
    var config: String

    @Flag(help: "Continue from OUTPUT/checkpoint.json.")
    var resume = false

    @Flag(help: "Print the final errors as one JSON document.")
    var json = false

    struct Summary: Encodable {
        var epochs: Int
        var bestEpoch: Int
        var stoppedEarly: Bool
        var trainStructures: Int
        var testStructures: Int
        var trainEnergyRMSE: Double
        var trainForceRMSE: Double
        var testEnergyRMSE: Double?
        var testForceRMSE: Double?
        var model: String
    }

    func run() throws {
        let configURL = URL(fileURLWithPath: config)
        let base = configURL.deletingLastPathComponent()
        let c = try TrainingConfiguration.read(from: configURL)
        try c.checkNumbers()
        guard !c.data.isEmpty else { throw CommandError("data: give at least one structure file") }
        let files = c.data.map { TrainingConfiguration.resolve($0, base: base) }
        for url in files where !FileManager.default.fileExists(atPath: url.path) {
            throw CommandError("data: no such file \(url.path)")
        }
        var format: StructureFile.Format?
        if let name = c.format {
            guard let f = StructureFile.Format(rawValue: name) else {
                throw CommandError("format: unknown format '\(name)' (\(StructureFile.Format.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            format = f
        }
        var settings = try c.settings(base: base)
        let optimizer = try c.trainingOptimizer()
        let annealing = try c.simulatedAnnealing()

        let dataset: Dataset
        do {
            dataset = try Dataset.load(files: files, settings: settings, format: format)
        } catch {
            throw CommandError(error.description)
        }
        guard dataset.count > 0 else { throw CommandError("data: the files hold no structure") }
        if c.loss.atomEnergyWeight > 0 {
            if optimizer.kind == .kalman {
                throw CommandError("loss: the Kalman filter updates on energies and forces only; set atom_energy_weight to 0")
            }
            if let missing = dataset.structures.first(where: { $0.atomEnergies == nil }) {
                throw CommandError("\(missing.name): no per-atom energies (property 'energies'), needed by loss.atom_energy_weight > 0")
            }
        }
        let (train, test) = dataset.split(testFraction: c.testFraction, seed: c.seed)
        guard train.count > 0 else { throw CommandError("test_fraction leaves no training structure (\(dataset.count) in all)") }

        if c.normalize {
            let perAtom = dataset.structures.map { $0.energy / Double($0.count) }
            let mean = perAtom.reduce(0, +) / Double(perAtom.count)
            let variance = perAtom.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, perAtom.count - 1))
            let sigma = variance.squareRoot()
            let conv = sigma > 0 && sigma.isFinite ? 1 / sigma : 1
            settings.normalization = EnergyNormalization(meanEnergy: dataset.meanEnergyPerAtom, convEnergy: conv, convLength: 1)
        }
        let statistics = settings.scaling.needsStatistics ? dataset.scalingStatistics(settings: settings) : []
        let networks = zip(settings.architectures, settings.symmetryFunctions).map { architecture, set in
            architecture.network(inputCount: set.functions.count, normalizesNodes: settings.normalizesNodes)
        }
        let model = NNPModel(settings: settings, statistics: statistics, networks: networks)
        if optimizer.kind == .kalman, model.parameterCount > TrainingConfiguration.maximumKalmanWeights {
            throw CommandError(
                "optimizer.name: kalman keeps a covariance of weights² numbers; the model has \(model.parameterCount) weights, at most \(TrainingConfiguration.maximumKalmanWeights)")
        }

        let output = TrainingConfiguration.resolve(c.output, base: base)
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw CommandError("output: cannot create \(output.path): \(error.localizedDescription)")
        }
        let checkpointURL = output.appendingPathComponent("checkpoint.json")
        let curveURL = output.appendingPathComponent("learning-curve.csv")
        let modelURL = output.appendingPathComponent("model")

        var checkpoint: TrainingCheckpoint?
        if resume {
            guard FileManager.default.fileExists(atPath: checkpointURL.path) else {
                throw CommandError("--resume: no checkpoint at \(checkpointURL.path)")
            }
            do {
                checkpoint = try TrainingCheckpoint.read(from: checkpointURL)
            } catch {
                throw CommandError("\(checkpointURL.path): cannot read the checkpoint (\(error.localizedDescription))")
            }
            guard checkpoint!.parameters.count == model.parameterCount else {
                throw CommandError("\(checkpointURL.path): the checkpoint has \(checkpoint!.parameters.count) weights, the configured model \(model.parameterCount)")
            }
        }

        let trainingSettings = TrainingSettings(
            optimizer: optimizer, epochs: c.epochs, batchSize: c.optimizer.batchSize ?? 0, energyWeight: c.loss.energyWeight,
            forceWeight: c.loss.forceWeight, atomEnergyWeight: c.loss.atomEnergyWeight, regularization: c.loss.l2,
            seed: c.seed, threads: c.threads,
            initialization: .nguyenWidrow, annealing: annealing, earlyStoppingPatience: c.earlyStoppingPatience,
            checkpointInterval: c.checkpointEvery, checkpointURL: checkpointURL)
        var trainer = Trainer(
            model: model, train: train.structures, test: test.structures, settings: trainingSettings, resumingFrom: checkpoint)
        // From here on SIGINT/SIGTERM only set a flag that the trainer polls between epochs.
        let interruption = Interruption(acknowledgement: "interrupt: stopping after the current epoch (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        Output.note("training: \(train.count) train and \(test.count) test structures, \(model.parameterCount) weights, \(optimizer.kind.rawValue), \(c.epochs) epochs")

        let started = Date()
        let firstEpoch = trainer.state.epoch
        var curve = trainer.state.learningCurve
        let best: NNPModel
        do {
            best = try trainer.train(progress: { record in
                curve.epochs.append(record)
                try? curve.writeCSV(to: curveURL)
                let done = record.epoch - firstEpoch
                let elapsed = Date().timeIntervalSince(started)
                let eta = done > 0 ? elapsed / Double(done) * Double(max(0, c.epochs - record.epoch)) : Double.nan
                var line = String(format: "epoch %ld/%ld  train E %.4g F %.4g", record.epoch, c.epochs, record.trainEnergyRMSE, record.trainForceRMSE)
                if test.count > 0 { line += String(format: "  test E %.4g F %.4g", record.testEnergyRMSE, record.testForceRMSE) }
                line += "  elapsed \(ProgressReporter.format(elapsed))  ETA \(ProgressReporter.format(eta))"
                Output.note(line)
            }, annealingProgress: { p in
                Output.note("annealing: \(p)")
            }, shouldStop: { interruption.isRequested })
        } catch {
            throw CommandError("\(checkpointURL.path): cannot write the checkpoint (\(error.localizedDescription))")
        }
        if !trainer.isFinished, let number = interruption.receivedSignal {
            do {
                try trainer.state.write(to: checkpointURL)
            } catch {
                throw CommandError("\(checkpointURL.path): cannot write the checkpoint (\(error.localizedDescription))")
            }
            do {
                try trainer.state.learningCurve.writeCSV(to: curveURL)
            } catch {
                throw CommandError("\(curveURL.path): cannot write (\(error.localizedDescription))")
            }
            Output.note("interrupted at epoch \(trainer.state.epoch); checkpoint written to \(checkpointURL.path); continue with --resume")
            throw ExitCode(Interruption.exitStatus(for: number))
        }
        // A finished run (resumed after its end) writes its checkpoint too.
        if !FileManager.default.fileExists(atPath: checkpointURL.path) {
            try? trainer.state.write(to: checkpointURL)
        }
        do {
            try trainer.state.learningCurve.writeCSV(to: curveURL)
        } catch {
            throw CommandError("\(curveURL.path): cannot write (\(error.localizedDescription))")
        }
        try best.replaceFolder(modelURL)
        try writePlots(trainer: trainer, best: best, test: test.count > 0 ? test.structures : train.structures, into: output)

        let trainErrors = trainer.trainLoss.errors(parameters: best.parameters)
        let testErrors = test.count > 0 ? trainer.testLoss.errors(parameters: best.parameters) : nil
        let summary = Summary(
            epochs: trainer.state.epoch, bestEpoch: trainer.state.bestEpoch, stoppedEarly: trainer.state.stoppedEarly,
            trainStructures: train.count, testStructures: test.count, trainEnergyRMSE: trainErrors.energyPerAtomRMSE,
            trainForceRMSE: trainErrors.forceRMSE, testEnergyRMSE: testErrors?.energyPerAtomRMSE,
            testForceRMSE: testErrors?.forceRMSE, model: modelURL.path)
        if json {
            try Output.json(summary)
            return
        }
        print("# model written to \(modelURL.path) (weights of epoch \(summary.bestEpoch) of \(summary.epochs))")
        print(String(format: "train  energy per atom RMSE %.6g  force RMSE %.6g", summary.trainEnergyRMSE, summary.trainForceRMSE))
        if let e = summary.testEnergyRMSE, let f = summary.testForceRMSE {
            print(String(format: "test   energy per atom RMSE %.6g  force RMSE %.6g", e, f))
        }
    }

    /// OUTPUT/learning-curve.svg and OUTPUT/parity.svg (the test set's predictions, or the
    /// training set's without a test set), each written atomically.
    func writePlots(trainer: Trainer, best: NNPModel, test structures: [TrainingStructure], into output: URL) throws {
        let loss = Loss(model: best, structures: structures, threads: trainer.settings.threads)
        let files = [
            ("learning-curve.svg", TrainingPlots.learningCurve(trainer.state.learningCurve).svg),
            ("parity.svg", TrainingPlots.parity(test: structures, predictions: loss.predictions(parameters: best.parameters))),
        ]
        for (name, text) in files {
            let url = output.appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw CommandError("\(url.path): cannot write (\(error.localizedDescription))")
            }
        }
    }
}
