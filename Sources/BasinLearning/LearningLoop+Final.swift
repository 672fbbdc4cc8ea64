import BasinAtoms
import BasinIO
import BasinNNP
import BasinOptimize
import BasinPotentials
import BasinTraining
import Foundation

extension LearningLoop {
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

    /// Once the loop has stopped (`state.stopReason`): the final fit next with
    /// `training.final_epochs` (unless the loop failed), else the last committee becomes the
    /// final one and the final MD (or nothing) is next.
    func enterFinalStage(_ state: inout LearningState, lastCommittee models: [NNPModel]) throws(LearningError) {
        if settings.training.finalEpochs != nil && !(state.stopReason ?? "").hasPrefix("failed") {
            state.stage = .finalFit
        } else {
            try writeFinalCommittee(models)
            state.stage = stageAfterFinalFit
        }
    }

    /// What follows the final fit (or stands in for it): the final MD when `final_md` asks for
    /// one, else nothing.
    var stageAfterFinalFit: LearningState.Stage { settings.finalMD == nil ? .done : .finalMD }

    // MARK: - Final fit

    /// After the loop stopped: the last committee trained on, from its weights, for
    /// `training.final_epochs` on the same structures and split (Adam's step from
    /// `final_initial_learning_rate`, force weight `final_force_weight`), into
    /// `OUTPUT/final-fit`; these models become the final committee.
    func finalFit(_ state: inout LearningState, note: @escaping (String) -> Void, shouldStop: @escaping () -> Bool) throws(LearningError) -> Bool {
        let k = state.iteration, t = settings.training
        guard let epochs = t.finalEpochs else {
            state.stage = stageAfterFinalFit
            return true
        }
        let frames = try labelledFrames(before: k)
        note("final fit: \(settings.training.committee) members on \(frames.count) structures, \(epochs) epochs from iteration \(k)'s")
        guard let test = try fit(
            frames: frames, shortest: state.shortestDistance, epochs: epochs, from: try loadCommittee(committeeFolder(k)),
            seed: settings.seed &+ UInt64(k) &* 1000, learningRate: t.finalInitialLearningRate ?? t.learningRate,
            forceWeight: t.finalForceWeight ?? t.forceWeight, folder: finalFitFolder, note: note, shouldStop: shouldStop)
        else { return false }
        var record = FinalFitRecord(epochs: epochs, structures: frames.count, testEnergyRMSE: test.energy, testForceRMSE: test.force)
        var models = try loadCommittee(finalFitFolder)
        if t.finalEnergyOffset == .median {
            let shifts = try shiftToMedianEnergyError(&models, frames: frames)
            record.energyShifts = shifts
            note("final fit: members shifted by " + shifts.map { String(format: "%+.3f", 1000 * $0) }.joined(separator: ", ")
                + " meV/atom to zero median energy error")
        }
        if let validation {
            let errors = try HeldOutErrors(committee: committee(models), frames: validation)
            record.heldOutEnergyRMSE = errors.committeeEnergy
            record.heldOutForceRMSE = errors.committeeForce
            record.heldOutMemberEnergyRMSE = errors.bestMemberEnergy
            record.heldOutMemberForceRMSE = errors.bestMemberForce
            note(String(format: "final fit: held-out RMSE (committee mean) E %.3f meV/atom F %.1f meV/Å",
                        1000 * errors.committeeEnergy, 1000 * errors.committeeForce))
        }
        state.finalFit = record
        try writeFinalCommittee(models)
        state.stage = stageAfterFinalFit
        return true
    }

    // MARK: - Final MD

    /// NVT with the final committee (`OUTPUT/committee`) from the first seed
    /// structure, checked for blow-ups every step.
    func finalRun(_ state: inout LearningState, note: (String) -> Void, shouldStop: () -> Bool) throws(LearningError) -> Bool {
        guard let md = settings.finalMD else {
            state.stage = .done
            return true
        }
        let committee = try committee(try loadFinalCommittee())
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
