import BasinIO
import BasinPaths
import Foundation

extension Path {
    /// How the main training ended.
    struct Outcome {
        var lastLoss: ActionLossValue?
        /// The signal that stopped the run, if one did.
        var signal: Int32?
        /// Wall time of the main training in this run.
        var seconds: Double
        var stepsThisRun: Int
    }

    /// Pre-trains and trains with progress on standard error, saving --state as it goes and
    /// when interrupted.
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
        let firstStep = training.state.step
        let startTime = Date()
        var last: ActionLossValue?
        if training.state.isPretrained {
            let progress = ProgressReporter(label: "training", total: max(1, steps - firstStep))
            while training.state.step < steps, !interruption.isRequested {
                let target = min(steps, (training.state.step / saveEvery + 1) * saveEvery)
                last = try training.train(steps: target, shouldStop: stop) { step, _ in progress.update(step - firstStep) } ?? last
                try save(training.state)
            }
            progress.finish()
        }
        try save(training.state)
        return Outcome(lastLoss: last, signal: interruption.receivedSignal, seconds: Date().timeIntervalSince(startTime),
                       stepsThisRun: training.state.step - firstStep)
    }

    func save(_ runState: LeastActionState) throws {
        guard let state else { return }
        try AtomicFile.write(try runState.jsonData(), to: URL(fileURLWithPath: state))
    }
}
