import BasinAtoms
import BasinIO
import BasinNNP
import BasinOptimize
import BasinPotentials
import BasinTraining
import Foundation

extension LearningLoop {
    // MARK: - Explore

    /// Explores with the committee, judges the frames, picks the candidates and tests convergence.
    func explore(_ state: inout LearningState, note: (String) -> Void, shouldStop: () -> Bool) throws(LearningError) -> Bool {
        let k = state.iteration
        let models = try loadCommittee(committeeFolder(k))
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
        record.cutShort = result.cutShort
        record.unexploredFrames = result.unexploredFrames
        for reason in result.blowUps { note("  blew up: \(reason)") }
        for reason in result.cutShort { note("  cut short: \(reason)") }
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
            explored, configurations: result.configurations, settings: models[0].settings, count: min(settings.candidates.perIteration, room),
            required: result.cutFrames)
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
            format: "iteration %ld: %ld frames: %.1f %% accurate, %.1f %% candidates, %.1f %% failed; %ld of %ld runs blew up, %ld cut short (%ld frames not reached); %ld to label",
            k, record.exploredFrames, 100 * record.accurateFraction, 100 * record.candidateFraction, 100 * record.failedFraction,
            record.blownUpRuns, record.runs, result.cutShort.count, result.unexploredFrames, chosen.count))
        if let reason = Self.convergence(record, settings: settings.convergence) {
            state.stopReason = reason
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
            try enterFinalStage(&state, lastCommittee: models)
        } else {
            state.stage = .label
        }
        return true
    }

    /// Why the iteration's exploration shows the committee accurate, or nil: no run blew up
    /// (ran away), and either every frame was accurate and no run was cut short, or at least
    /// `accurateFraction` of the frames the runs were to give were explored and accurate (frames
    /// a run cut short by `max_error` did not reach count as not accurate).
    static func convergence(_ record: IterationRecord, settings: LearningSettings.Convergence) -> String? {
        guard record.blownUpRuns == 0, record.exploredFrames > 0 else { return nil }
        if record.candidateFrames == 0 && record.failedFrames == 0 && (record.cutShort ?? []).isEmpty {
            return "converged: no candidates in iteration \(record.iteration)"
        }
        guard record.accurateShareOfPlan >= settings.accurateFraction else { return nil }
        return String(format: "converged: %.1f %% of the planned explored frames accurate (≥ %.1f %%) in iteration %ld",
                      100 * record.accurateShareOfPlan, 100 * settings.accurateFraction, record.iteration)
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
}
