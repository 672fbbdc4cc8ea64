import Foundation

extension LearningLoop {
    /// The state in `OUTPUT/state.json`, checked against this loop's settings before any work.
    ///
    /// The configuration recorded in the state must equal this one except in the keys of the
    /// final stage (`LearningSettings.isFinalStageKey`); any other difference is an error
    /// naming the keys. When a final-stage key changed after the loop had stopped, the final
    /// stage starts again from the stopped loop's files: a changed final fit (its checkpoints
    /// in `OUTPUT/final-fit` removed) and the final MD after it, or the final MD alone. Every
    /// stage before it is a function of the files and the unchanged keys, so the result equals
    /// a fresh run with the new final keys. A state written before configurations were recorded
    /// cannot be checked: it is continued with this configuration, and a stopped loop's final
    /// stage is run again.
    func resumedState(note: (String) -> Void) throws(LearningError) -> LearningState {
        var state = try LearningState.read(from: stateURL)
        let refit: Bool, rerun: Bool
        if let recorded = state.configuration {
            let changed = recorded.changedKeys(comparedWith: settings)
            let outside = changed.filter { !LearningSettings.isFinalStageKey($0) }
            guard outside.isEmpty else {
                throw LearningError(
                    "--resume: the configuration differs from the one \(stateURL.path) was made with in \(outside.joined(separator: ", ")); "
                        + "only the final stage's keys (training.final_epochs, final_force_weight, final_initial_learning_rate, final_energy_offset; final_md) may change")
            }
            refit = changed.contains { LearningSettings.finalFitKeys.contains($0) }
            rerun = !changed.isEmpty
        } else {
            note("state.json records no configuration: continuing with this one unchecked")
            refit = true
            rerun = true
        }
        state.configuration = settings
        guard state.stopReason != nil else { return state }
        if refit {
            note("final stage: fitting again from iteration \(state.iteration)'s committee with the final fit's keys as now given")
            if FileManager.default.fileExists(atPath: finalFitFolder.path) {
                do {
                    try FileManager.default.removeItem(at: finalFitFolder)
                } catch {
                    throw LearningError("\(finalFitFolder.path): cannot remove the earlier final fit (\(error.localizedDescription))")
                }
            }
            state.finalFit = nil
            state.finalMD = nil
            try enterFinalStage(&state, lastCommittee: try loadCommittee(committeeFolder(state.iteration)))
        } else if rerun && state.stage != .finalFit {
            note("final stage: running the final MD again as final_md now gives it")
            state.finalMD = nil
            state.stage = stageAfterFinalFit
        }
        return state
    }
}
