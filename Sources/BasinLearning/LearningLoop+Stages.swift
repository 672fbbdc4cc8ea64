import BasinAtoms
import BasinIO
import BasinNNP
import BasinOptimize
import BasinPotentials
import BasinTraining
import Foundation

extension LearningLoop {
    // MARK: - Train

    /// Trains the iteration's committee on every labelled structure so far, then measures it.
    func train(_ state: inout LearningState, note: @escaping (String) -> Void, shouldStop: @escaping () -> Bool) throws(LearningError) -> Bool {
        let k = state.iteration, t = settings.training
        let frames = try labelledFrames(before: k)
        let model = modelSettings(shortest: state.shortestDistance)
        let structures: [TrainingStructure]
        do {
            structures = try Dataset.structures(from: frames, file: "labelled data", settings: model)
        } catch {
            throw LearningError("\(error)")
        }
        let previous = k > 1 ? try loadCommittee(k - 1) : nil
        let epochs = k > 1 ? (t.laterEpochs ?? t.epochs) : t.epochs
        let factor = epochs > 1 ? pow(t.finalLearningRate / t.learningRate, 1 / Double(epochs - 1)) : 1
        let updater = GradientStepperTraining<Adam>(
            schedule: .exponentialDecay(ExponentialDecay(initialLearningRate: t.learningRate, factor: min(1, factor))))
        let job = TrainingJob(
            modelSettings: model, dataset: Dataset(structures: structures), testFraction: t.testFraction, normalize: true,
            training: TrainingSettings(
                updater: updater, epochs: epochs, batchSize: t.batchSize, energyWeight: 1, forceWeight: t.forceWeight,
                seed: settings.seed &+ UInt64(k) &* 1000, threads: settings.threads,
                initialization: previous == nil ? .nguyenWidrow : .keep, checkpointInterval: t.checkpointEvery,
                fitsEnergyOffset: true),
            output: committeeFolder(k), checkpoints: true, referenceName: "reference")
        var record = record(state)
        record.structures = frames.count
        var testEnergy: [Double] = [], testForce: [Double] = []
        // The grown data set brings new scaling statistics and a new energy normalization:
        // previous weights are carried over re-expressed in them, so that training starts from
        // the previous committee's predictions.
        let assembled = previous == nil ? nil : job.assembleModel()
        for (m, var member) in job.committee(size: t.committee).enumerated() {
            if let previous, let assembled { member.initialParameters = assembled.reexpressedParameters(of: previous[m]) }
            note("iteration \(k): training member \(m + 1)/\(t.committee) on \(frames.count) structures, \(epochs) epochs")
            let outcome: TrainingJob.Outcome
            do {
                outcome = try member.run(resume: member.hasCheckpoint, events: { event in
                    guard case .epoch(let e) = event, e.epoch % max(1, epochs / 10) == 0 || e.epoch == epochs else { return }
                    note(String(
                        format: "  epoch %ld/%ld  train E %.3f meV/atom F %.1f meV/Å  test E %.3f F %.1f",
                        e.epoch, epochs, 1000 * e.trainEnergyRMSE, 1000 * e.trainForceRMSE, 1000 * e.testEnergyRMSE, 1000 * e.testForceRMSE))
                }, shouldStop: shouldStop)
            } catch {
                throw LearningError("\(error)")
            }
            guard outcome.finished else { return false }
            testEnergy.append(outcome.testErrors?.energyPerAtomRMSE ?? .nan)
            testForce.append(outcome.testErrors?.forceRMSE ?? .nan)
        }
        record.testEnergyRMSE = testEnergy.reduce(0, +) / Double(testEnergy.count)
        record.testForceRMSE = testForce.reduce(0, +) / Double(testForce.count)
        if let validation {
            let errors = try HeldOutErrors(committee: committee(try loadCommittee(k)), frames: validation)
            record.heldOutEnergyRMSE = errors.committeeEnergy
            record.heldOutForceRMSE = errors.committeeForce
            record.heldOutMemberEnergyRMSE = errors.bestMemberEnergy
            record.heldOutMemberForceRMSE = errors.bestMemberForce
            note(String(
                format: "iteration %ld: held-out RMSE (committee mean) E %.3f meV/atom F %.1f meV/Å", k,
                1000 * errors.committeeEnergy, 1000 * errors.committeeForce))
        }
        state.structures = frames.count
        state.stage = .explore
        try store(record, in: &state)
        return true
    }

    func loadCommittee(_ iteration: Int) throws(LearningError) -> [NNPModel] {
        try (1...settings.training.committee).map { m throws(LearningError) in
            let folder = committeeFolder(iteration).appendingPathComponent("member-\(m)").appendingPathComponent("model")
            do {
                return try NNPModel(directory: folder)
            } catch {
                throw LearningError("\(error)")
            }
        }
    }

    func committee(_ models: [NNPModel]) throws(LearningError) -> NNPCommittee {
        do {
            return try NNPCommittee(members: models, units: .metal, extrapolation: ExtrapolationMonitor(model: models[0]))
        } catch {
            throw LearningError("committee: \(error)")
        }
    }

    // MARK: - Explore

    /// Explores with the committee, judges the frames, picks the candidates and tests convergence.
    func explore(_ state: inout LearningState, note: (String) -> Void, shouldStop: () -> Bool) throws(LearningError) -> Bool {
        let k = state.iteration
        let models = try loadCommittee(k)
        let committee = try committee(models)
        let frames = try labelledFrames(before: k)
        var record = record(state)
        // Trust levels from the committee's deviation on its own training data.
        let calculator = Calculator(potential: committee, threads: settings.threads)
        var trainingDeviations: [Double] = []
        for frame in frames {
            do {
                _ = try calculator.evaluate(frame.configuration, [.forces])
            } catch {
                throw LearningError("committee: \(error)")
            }
            trainingDeviations.append(committee.deviations.last?.maximumForceDeviation ?? 0)
        }
        let trust = TrustLevels.make(settings.candidates, trainingDeviations: trainingDeviations)
        record.lowerTrust = trust.lower
        record.upperTrust = trust.upper
        record.automaticTrust = settings.candidates.lower == nil || settings.candidates.upper == nil
        committee.deviations.reset()
        committee.extrapolation?.reset()
        let e = settings.exploration
        note(String(format: "iteration %ld: exploring %ld runs of %ld steps; trust levels %.3f and %.3f eV/Å", k,
                    e.temperatures.count * e.runs, e.equilibrate + e.steps, trust.lower, trust.upper))
        let result: Exploration.Result
        do {
            result = try Exploration(settings: e, threads: settings.threads).run(
                committee: committee, starts: frames.map(\.configuration), reference: reference.potential,
                seed: settings.seed &+ UInt64(k) &* 7919, progress: { done, total in note("  MD run \(done)/\(total)") },
                shouldStop: shouldStop)
        } catch {
            throw LearningError("exploration: \(error)")
        }
        if result.stopped { return false }
        var explored = result.frames
        CandidateSelection(settings: settings.candidates, trust: trust).judge(&explored)
        record.exploredFrames = explored.count
        record.accurateFrames = explored.filter { $0.verdict == .accurate }.count
        record.candidateFrames = explored.filter { $0.verdict == .candidate }.count
        record.failedFrames = explored.filter { $0.verdict == .failed }.count
        record.runs = result.runs
        record.blownUpRuns = result.blownUp
        record.blowUps = result.blowUps
        for reason in result.blowUps { note("  blew up: \(reason)") }
        record.stableTemperatures = result.stableTemperatures
        record.deviationDetections = explored.filter { $0.detectors.contains("deviation") }.count
        record.extrapolationDetections = explored.filter { $0.detectors.contains("extrapolation") }.count
        record.errorDetections = explored.filter { $0.detectors.contains("error") }.count
        record.extrapolatingFunctions = (committee.extrapolation?.summary.elements ?? []).flatMap { element in
            element.functions.map { IterationRecord.FunctionWarnings(element: element.element, function: $0.function, warnings: $0.warnings) }
        }
        let compared = explored.filter { $0.error != nil }
        record.rankCorrelation = RankCorrelation.spearman(compared.map(\.deviation), compared.map { $0.error! })
        let room = max(0, settings.convergence.maxStructures - state.structures)
        let chosen = try CandidateSelection.spread(
            explored, configurations: result.configurations, settings: models[0].settings, count: min(settings.candidates.perIteration, room))
        record.detections = chosen.map { i in
            let f = explored[i]
            return IterationRecord.Detection(
                temperature: f.temperature, run: f.run, step: f.step, detectors: f.detectors, deviation: f.deviation,
                deviationAtom: f.deviationAtom, error: f.error, errorAtom: f.errorAtom, extrapolationAtom: f.extrapolationAtom)
        }
        try LearningFiles.writeJSON(explored, to: exploredURL(k))
        let picked = chosen.map { i in
            Frame(configuration: result.configurations[i], info: [
                "temperature": String(explored[i].temperature), "run": String(explored[i].run), "step": String(explored[i].step),
            ])
        }
        try LearningFiles.writeFrames(picked, to: candidatesURL(k))
        note(String(
            format: "iteration %ld: %ld frames: %.1f %% accurate, %.1f %% candidates, %.1f %% failed; %ld of %ld runs blew up; %ld to label",
            k, record.exploredFrames, 100 * record.accurateFraction, 100 * record.candidateFraction, 100 * record.failedFraction,
            record.blownUpRuns, record.runs, chosen.count))
        let stable = record.blownUpRuns == 0
        if stable && record.candidateFrames == 0 {
            state.stopReason = "converged: no candidates in iteration \(k)"
        } else if stable && record.accurateFraction >= settings.convergence.accurateFraction {
            state.stopReason = String(format: "converged: %.1f %% of explored frames accurate (≥ %.1f %%) in iteration %ld",
                                      100 * record.accurateFraction, 100 * settings.convergence.accurateFraction, k)
        } else if k >= settings.convergence.maxIterations {
            state.stopReason = "budget: max_iterations (\(k)) reached"
        } else if room == 0 {
            state.stopReason = "budget: max_structures (\(settings.convergence.maxStructures)) reached"
        } else if chosen.isEmpty {
            state.stopReason = "failed: iteration \(k) left no frame to label (every run blew up at its start)"
        }
        try store(record, in: &state)
        if let reason = state.stopReason {
            note(reason)
            try writeFinalCommittee(models)
            state.stage = settings.finalMD == nil ? .done : .finalMD
        } else {
            state.stage = .label
        }
        return true
    }

    /// The final models as `OUTPUT/committee/member-m` (n2p2 folders).
    func writeFinalCommittee(_ models: [NNPModel]) throws(LearningError) {
        let folder = output.appendingPathComponent("committee")
        try LearningFiles.createDirectory(folder)
        for (m, model) in models.enumerated() {
            do {
                try model.replaceFolder(folder.appendingPathComponent("member-\(m + 1)"))
            } catch {
                throw LearningError("\(error)")
            }
        }
    }

    // MARK: - Label

    /// Labels the chosen candidates with the reference and moves on to the next iteration.
    func label(_ state: inout LearningState, note: (String) -> Void) throws(LearningError) -> Bool {
        let k = state.iteration
        let configurations = try LearningFiles.readFrames(candidatesURL(k)).map(\.configuration)
        note("iteration \(k): labelling \(configurations.count) structures with the reference")
        let labelled = try reference.label(configurations, folder: folder(k), threads: settings.threads)
        try LearningFiles.writeFrames(labelled, to: labelledURL(k))
        var record = record(state)
        record.labelled = labelled.count
        try store(record, in: &state)
        state.structures += labelled.count
        state.iteration += 1
        state.stage = .train
        return true
    }

    // MARK: - Final MD

    /// NVT with the final committee from the first seed structure, checked for blow-ups every step.
    func finalRun(_ state: inout LearningState, note: (String) -> Void, shouldStop: () -> Bool) throws(LearningError) -> Bool {
        guard let md = settings.finalMD else {
            state.stage = .done
            return true
        }
        let committee = try committee(try loadCommittee(state.iteration))
        let start = try LearningFiles.readFrames(seedURL)[0].configuration
        var run = settings.exploration
        run.temperatures = [md.temperature]
        run.runs = 1
        run.steps = md.steps
        run.equilibrate = 0
        run.interval = max(1, md.steps / 200)
        note("final: \(md.steps) steps of committee-NNP MD at \(md.temperature) K")
        let result: Exploration.Result
        do {
            result = try Exploration(settings: run, threads: settings.threads).run(
                committee: committee, starts: [start], reference: nil, seed: settings.seed &+ 999_983,
                progress: { _, _ in }, shouldStop: shouldStop)
        } catch {
            throw LearningError("final MD: \(error)")
        }
        if result.stopped { return false }
        let temperatures = result.frames.map(\.kineticTemperature)
        state.finalMD = FinalRunRecord(
            temperature: md.temperature, steps: md.steps, picoseconds: Double(md.steps) * run.timeStep, stable: result.blownUp == 0,
            stepsCompleted: result.frames.last?.step ?? 0,
            meanTemperature: temperatures.isEmpty ? 0 : temperatures.reduce(0, +) / Double(temperatures.count),
            largestForceDeviation: result.frames.map(\.deviation).max() ?? 0)
        note("final: \(result.blownUp == 0 ? "stable" : "blew up") over \(state.finalMD!.stepsCompleted) steps")
        state.stage = .done
        return true
    }
}
