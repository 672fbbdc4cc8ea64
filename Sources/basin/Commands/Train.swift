import ArgumentParser
import BasinTraining
import Foundation

/// `basin train`: fits a Behler–Parrinello neural-network potential to reference data, as a
/// YAML configuration describes it.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a neural-network potential from a YAML configuration.",
        discussion: """
            Keys: data (list of files), format, test_fraction (or test_data: held-out files), elements, symmetry_functions \
            (a file with cutoff_type and symfunction_short lines), network {hidden, activations}, \
            weights_min and weights_max (uniform initial weights, as n2p2; default Nguyen-Widrow), \
            scaling (none|scale|center|scale-center|sigma), normalize (n2p2's normalize_data_set ref), loss {force_weight, \
            energy_weight, atom_energy_weight, l2}, optimizer {name (sgd, momentum, adagrad, adadelta, adam, nadam, \
            bfgs, lbfgs, cg, levenberg-marquardt, kalman), learning_rate, batch_size, iterations_per_epoch, \
            kalman: n2p2's keys with n2p2's meaning (kalman_*, short_energy_fraction, short_force_fraction, \
            task_batch_size_energy/_force, selection_mode, short_energy/force_error_threshold, \
            rmse_threshold_trials; errors in n2p2's normalized units, force updates times loss.force_weight), \
            gradient_tolerance (bfgs, lbfgs: iterate until the largest loss-gradient component is below it), \
            schedule {type: constant|step|exponential|plateau, factor, interval, patience, minimum}} \
            (batch_size ≥ 1, or full), \
            epochs, early_stopping_patience, best_epoch_scales {energy, force} (the best epoch is the \
            one of the lowest (E/energy)² + (F/force)² of the test RMSEs, energy per atom and force \
            components in the data's units, instead of the lowest test loss), annealing {steps, \
            t_max, t_min, updates}, seed, threads, output, checkpoint_every. Unknown and repeated \
            keys are errors. Relative paths are relative to the configuration's folder. Writes \
            OUTPUT/model (n2p2 folder, the weights of the best epoch: the lowest monitored loss, the \
            test loss or without a test set the training loss, unless best_epoch_scales is given), OUTPUT/learning-curve.csv and .svg, OUTPUT/parity.svg and OUTPUT/checkpoint.json \
            (the Kalman covariance or BFGS's inverse Hessian in OUTPUT/checkpoint.state, binary) \
            every checkpoint_every epochs, at the end and when stopped; \
            --resume continues from the checkpoint. With checkpoint_every 0 the covariance or inverse \
            Hessian is written only when the run is stopped by a signal: the end's checkpoint.json \
            leaves it out, so resuming a finished run (with more epochs) restarts the Kalman filter \
            (P = I/kalman_epsilon, kalman_q0, kalman_eta) or BFGS's curvature from the saved weights. \
            Progress goes to standard error. \
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

    @Option(help: "Train a committee of this many models differing in their weight seed (OUTPUT/member-1 …).")
    var committee: Int?

    func validate() throws {
        if let committee, !(1...1000).contains(committee) { throw ValidationError("--committee must lie in 1…1000, got \(committee)") }
    }

    struct Summary: Encodable {
        var epochs: Int
        var bestEpoch: Int
        var stoppedEarly: Bool
        /// Whether the method's gradient tolerance ended the run.
        var converged: Bool
        /// Quasi-Newton iterations in all (BFGS, L-BFGS); nil for other methods.
        var iterations: Int?
        var trainStructures: Int
        var testStructures: Int
        var trainEnergyRMSE: Double
        var trainForceRMSE: Double
        var testEnergyRMSE: Double?
        var testForceRMSE: Double?
        var model: String

        /// The model's place and errors, as lines (headed by `label` for a committee member).
        func print(label: String? = nil) {
            let head = label.map { "\($0): " } ?? ""
            Swift.print("# \(head)model written to \(model) (weights of epoch \(bestEpoch) of \(epochs))")
            if converged, let iterations {
                Swift.print("# \(head)converged: gradient below the tolerance after \(iterations) iterations")
            }
            Swift.print(String(format: "train  energy per atom RMSE %.6g  force RMSE %.6g", trainEnergyRMSE, trainForceRMSE))
            if let e = testEnergyRMSE, let f = testForceRMSE {
                Swift.print(String(format: "test   energy per atom RMSE %.6g  force RMSE %.6g", e, f))
            }
        }
    }

    func run() throws {
        let job: TrainingJob
        do {
            job = try TrainingJob(configurationFile: URL(fileURLWithPath: config))
        } catch {
            throw CommandError(error.description)
        }
        // From here on SIGINT/SIGTERM only set a flag that the trainer polls between epochs.
        let interruption = Interruption(acknowledgement: "interrupt: stopping after the current epoch (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        guard let committee else {
            let summary = try train(job, label: "training", resume: resume, interruption: interruption)
            if json { try Output.json(summary) } else { summary.print() }
            return
        }
        var summaries: [Summary] = []
        for (m, member) in job.committee(size: committee).enumerated() {
            let label = "member \(m + 1)/\(committee)"
            summaries.append(try train(member, label: label, resume: resume && member.hasCheckpoint, interruption: interruption))
            if !json { summaries.last!.print(label: label) }
        }
        if json { try Output.json(summaries) }
    }

    /// Runs one job to its end, or throws the exit status of a signal that stopped it.
    private func train(_ job: TrainingJob, label: String, resume: Bool, interruption: Interruption) throws -> Summary {
        let started = Date()
        var firstEpoch = 0
        let outcome: TrainingJob.Outcome
        do {
            outcome = try job.run(resume: resume, events: { event in
                switch event {
                case let .started(train, test, weights, method, epochs, startingEpoch):
                    firstEpoch = startingEpoch
                    Output.note("\(label): \(train) train and \(test) test structures, \(weights) weights, \(method), \(epochs) epochs")
                case .annealing(let progress):
                    Output.note("annealing: \(progress)")
                case .epoch(let record):
                    Output.note(Self.progressLine(record, epochs: job.training.epochs, firstEpoch: firstEpoch, started: started))
                }
            }, shouldStop: { interruption.isRequested })
        } catch {
            throw CommandError(error.description)
        }
        if !outcome.finished, let number = interruption.receivedSignal {
            Output.note("interrupted at epoch \(outcome.epochs); checkpoint written to \(job.checkpointURL.path); continue with --resume")
            throw ExitCode(Interruption.exitStatus(for: number))
        }
        return Summary(
            epochs: outcome.epochs, bestEpoch: outcome.bestEpoch, stoppedEarly: outcome.stoppedEarly,
            converged: outcome.converged, iterations: outcome.iterations,
            trainStructures: outcome.trainStructures, testStructures: outcome.testStructures,
            trainEnergyRMSE: outcome.trainErrors.energyPerAtomRMSE, trainForceRMSE: outcome.trainErrors.forceRMSE,
            testEnergyRMSE: outcome.testErrors?.energyPerAtomRMSE, testForceRMSE: outcome.testErrors?.forceRMSE,
            model: job.modelURL.path)
    }

    /// One epoch's progress line: errors, elapsed time and the ETA from the epochs done since
    /// `firstEpoch` (where this process started).
    static func progressLine(_ record: LearningCurve.Epoch, epochs: Int, firstEpoch: Int, started: Date) -> String {
        let done = record.epoch - firstEpoch
        let elapsed = Date().timeIntervalSince(started)
        let eta = done > 0 ? elapsed / Double(done) * Double(max(0, epochs - record.epoch)) : Double.nan
        var line = String(format: "epoch %ld/%ld  train E %.4g F %.4g", record.epoch, epochs, record.trainEnergyRMSE, record.trainForceRMSE)
        if !record.testLoss.isNaN {
            line += String(format: "  test E %.4g F %.4g", record.testEnergyRMSE, record.testForceRMSE)
        }
        if record.converged { return line + "  converged after \(record.iterations) iterations  elapsed \(ProgressReporter.format(elapsed))" }
        return line + "  elapsed \(ProgressReporter.format(elapsed))  ETA \(ProgressReporter.format(eta))"
    }
}
