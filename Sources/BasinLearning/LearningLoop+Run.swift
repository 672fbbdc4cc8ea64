import BasinAtoms
import BasinIO
import BasinNNP
import Foundation

extension LearningLoop {
    /// How a run ended.
    public struct Outcome: Sendable {
        /// False when `shouldStop` ended it early (the state allows `resume`).
        public var finished: Bool
        public var state: LearningState
        /// Spearman's ρ of max_i σ_i and max_i |ΔF_i| over every explored frame (reference potentials).
        public var rankCorrelation: Double?
    }

    /// Runs the loop from the start, or with `resume` from `OUTPUT/state.json`, until it stops
    /// by its criterion or budget, or `shouldStop` asks (polled between epochs, MD runs and stages).
    /// - Parameter progress: human-readable lines (stage starts, epochs, MD runs, verdicts).
    public func run(
        resume: Bool = false, progress: ((String) -> Void)? = nil, shouldStop: (() -> Bool)? = nil
    ) throws(LearningError) -> Outcome {
        let note = progress ?? { _ in }
        let stop = shouldStop ?? { false }
        var state: LearningState
        if resume {
            guard FileManager.default.fileExists(atPath: stateURL.path) else { throw LearningError("--resume: no loop state at \(stateURL.path)") }
            state = try resumedState(note: note)
            try state.write(to: stateURL)
            note("resuming at iteration \(state.iteration), stage \(state.stage.rawValue)")
        } else {
            guard !FileManager.default.fileExists(atPath: stateURL.path) else {
                throw LearningError("output: \(output.path) already holds a loop (state.json); continue it with --resume or choose another output")
            }
            try LearningFiles.createDirectory(output)
            state = try start(note: note)
        }
        while state.stage != .done {
            if stop() { return Outcome(finished: false, state: state, rankCorrelation: nil) }
            let finished: Bool
            switch state.stage {
            case .train: finished = try train(&state, note: note, shouldStop: stop)
            case .explore: finished = try explore(&state, note: note, shouldStop: stop)
            case .label: finished = try label(&state, note: note)
            case .finalFit: finished = try finalFit(&state, note: note, shouldStop: stop)
            case .finalMD: finished = try finalRun(&state, note: note, shouldStop: stop)
            case .done: finished = true
            }
            guard finished else { return Outcome(finished: false, state: state, rankCorrelation: nil) }
            try state.write(to: stateURL)
        }
        let correlation = try writeReport(state)
        return Outcome(finished: true, state: state, rankCorrelation: correlation)
    }

    /// The seed data (read or sampled), the symmetry functions' range, the first state.
    func start(note: (String) -> Void) throws(LearningError) -> LearningState {
        let frames: [Frame]
        if let seedFrames {
            frames = seedFrames
        } else {
            note("seed: sampling \(settings.seedData.steps) steps at \(settings.seedData.temperature) K with the per-atom force rule")
            frames = try SeedSampling(settings: settings.seedData, threads: settings.threads, seed: settings.seed)
                .sample(elements: elements, reference: reference.potential!)
        }
        try LearningFiles.writeFrames(frames, to: seedURL)
        let shortest: Double
        if let given = settings.symmetryFunctions.shortest {
            shortest = given
        } else {
            let cutoff = settings.symmetryFunctions.cutoff
            let found = try? frames.compactMap { try $0.configuration.shortestDistance(below: cutoff) }.min()
            guard let found else { throw LearningError("seed_data: no pair of atoms within the cutoff \(cutoff) Å") }
            // Room below the seed's shortest distance for hotter structures.
            shortest = 0.9 * found
        }
        note("seed: \(frames.count) structures; symmetry functions from \(String(format: "%.3f", shortest)) Å")
        let state = LearningState(
            iteration: 1, stage: .train, shortestDistance: shortest, structures: frames.count, seedStructures: frames.count,
            iterations: [], stopReason: nil, finalFit: nil, finalMD: nil, configuration: settings)
        try state.write(to: stateURL)
        return state
    }

    /// Every labelled structure of iterations before `iteration`, after the seed's.
    func labelledFrames(before iteration: Int) throws(LearningError) -> [Frame] {
        var frames = try LearningFiles.readFrames(seedURL)
        for k in stride(from: 1, to: iteration, by: 1) { frames += try LearningFiles.readFrames(labelledURL(k)) }
        return frames
    }

    /// The record of the current iteration (created when missing).
    func record(_ state: LearningState) -> IterationRecord {
        state.iterations.last { $0.iteration == state.iteration } ?? IterationRecord(iteration: state.iteration, structures: state.structures)
    }

    func store(_ record: IterationRecord, in state: inout LearningState) throws(LearningError) {
        if let index = state.iterations.firstIndex(where: { $0.iteration == record.iteration }) {
            state.iterations[index] = record
        } else {
            state.iterations.append(record)
        }
        try LearningFiles.createDirectory(folder(record.iteration))
        try LearningFiles.writeJSON(record, to: folder(record.iteration).appendingPathComponent("record.json"))
    }
}
