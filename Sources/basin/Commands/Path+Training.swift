import BasinIO
import BasinPaths
import Foundation

extension Path {
    /// How the main training ended.
    struct Outcome {
        /// The training that ran (with the searched weights when there was a search).
        var training: LeastActionTraining
        var lastLoss: ActionLossValue?
        /// The weight search of this run, if one ran.
        var search: WeightSearch.Outcome?
        /// The signal that stopped the run, if one did.
        var signal: Int32?
        /// Wall time of the main training in this run.
        var seconds: Double
        var stepsThisRun: Int
    }

    /// Pre-trains, searches the weights when asked (before the first main step) and trains,
    /// with progress on standard error, saving --state as it goes and when interrupted.
    func train(_ training: LeastActionTraining) throws -> Outcome {
        let interruption = Interruption(acknowledgement: "interrupt: saving the best state after the current step (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        let stop = { interruption.isRequested }
        if !training.state.isPretrained {
            let progress = ProgressReporter(label: "pre-training", total: training.state.settings.pretrainingSteps)
            training.pretrain(shouldStop: stop) { step, _ in progress.update(step) }
            progress.finish()
        }
        var training = training
        var search: WeightSearch.Outcome?
        if let weightSearch, training.state.isPretrained, training.state.step == 0, !interruption.isRequested {
            let progress = ProgressReporter(label: "weight search", total: weightSearch.trials * weightSearch.steps)
            search = try weightSearch.run(problem: training.problem, from: training.state, threads: potential.threads,
                                          shouldStop: stop) { progress.update($0) }
            progress.finish()
            if let search, !interruption.isRequested {
                training = try LeastActionTraining(problem: try training.problem.reweighted(search.best.weights),
                                                   state: training.state, threads: potential.threads)
            }
        }
        let firstStep = training.state.step
        let startTime = Date()
        var last: ActionLossValue?
        if training.state.isPretrained, !interruption.isRequested {
            let progress = ProgressReporter(label: "training", total: max(1, steps - firstStep))
            while training.state.step < steps, !interruption.isRequested {
                let target = min(steps, (training.state.step / saveEvery + 1) * saveEvery)
                last = try training.train(steps: target, shouldStop: stop) { step, _ in progress.update(step - firstStep) } ?? last
                try save(training.state)
            }
            progress.finish()
        }
        try save(training.state)
        return Outcome(training: training, lastLoss: last, search: search, signal: interruption.receivedSignal,
                       seconds: Date().timeIntervalSince(startTime), stepsThisRun: training.state.step - firstStep)
    }

    func save(_ runState: LeastActionState) throws {
        guard let state else { return }
        try AtomicFile.write(try runState.jsonData(), to: URL(fileURLWithPath: state))
    }
}
