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
        let previous = k > 1 ? try loadCommittee(committeeFolder(k - 1)) : nil
        let epochs = k > 1 ? (t.laterEpochs ?? t.epochs) : t.epochs
        note("iteration \(k): training \(t.committee) members on \(frames.count) structures, \(epochs) epochs")
        guard let test = try fit(
            frames: frames, shortest: state.shortestDistance, epochs: epochs, from: previous, seed: settings.seed &+ UInt64(k) &* 1000,
            learningRate: t.learningRate, forceWeight: t.forceWeight, folder: committeeFolder(k), note: note, shouldStop: shouldStop)
        else { return false }
        var record = record(state)
        record.structures = frames.count
        record.testEnergyRMSE = test.energy
        record.testForceRMSE = test.force
        if let errors = try heldOutErrors(committeeFolder(k)) {
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

    /// Fits a committee of `training.committee` members on `frames` for `epochs` epochs into
    /// `folder/member-m` (from `previous`'s weights, re-expressed in the data's scaling, when
    /// given), with Adam's step decaying from `learningRate` to `training.final_learning_rate`
    /// and force weight `forceWeight`; the members' mean test-split RMSEs, or nil when
    /// `shouldStop` ended it.
    func fit(
        frames: [Frame], shortest: Double, epochs: Int, from previous: [NNPModel]?, seed: UInt64, learningRate: Double,
        forceWeight: Double, folder: URL, note: @escaping (String) -> Void, shouldStop: @escaping () -> Bool
    ) throws(LearningError) -> (energy: Double, force: Double)? {
        let t = settings.training
        let model = modelSettings(shortest: shortest)
        let structures: [TrainingStructure]
        do {
            structures = try Dataset.structures(from: frames, file: "labelled data", settings: model)
        } catch {
            throw LearningError("\(error)")
        }
        let factor = epochs > 1 ? pow(t.finalLearningRate / learningRate, 1 / Double(epochs - 1)) : 1
        let updater = GradientStepperTraining<Adam>(
            schedule: .exponentialDecay(ExponentialDecay(initialLearningRate: learningRate, factor: min(1, factor))))
        let job = TrainingJob(
            modelSettings: model, dataset: Dataset(structures: structures), testFraction: t.testFraction, normalize: true,
            training: TrainingSettings(
                updater: updater, epochs: epochs, batchSize: t.batchSize, energyWeight: 1, forceWeight: forceWeight,
                seed: seed, threads: settings.threads,
                initialization: previous == nil ? .nguyenWidrow : .keep, checkpointInterval: t.checkpointEvery,
                fitsEnergyOffset: true),
            output: folder, checkpoints: true, referenceName: "reference")
        var testEnergy: [Double] = [], testForce: [Double] = []
        // A grown data set brings new scaling statistics and a new energy normalization:
        // previous weights are carried over re-expressed in them, so that training starts from
        // the previous committee's predictions.
        let assembled = previous == nil ? nil : job.assembleModel()
        for (m, var member) in job.committee(size: t.committee).enumerated() {
            if let previous, let assembled { member.initialParameters = assembled.reexpressedParameters(of: previous[m]) }
            note("  member \(m + 1)/\(t.committee)")
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
            guard outcome.finished else { return nil }
            testEnergy.append(outcome.testErrors?.energyPerAtomRMSE ?? .nan)
            testForce.append(outcome.testErrors?.forceRMSE ?? .nan)
        }
        return (testEnergy.reduce(0, +) / Double(testEnergy.count), testForce.reduce(0, +) / Double(testForce.count))
    }

    /// The held-out errors of the committee in `folder`, when held-out data are given.
    func heldOutErrors(_ folder: URL) throws(LearningError) -> HeldOutErrors? {
        guard let validation else { return nil }
        return try HeldOutErrors(committee: committee(try loadCommittee(folder)), frames: validation)
    }

    /// The members `folder/member-m/model` of a committee.
    /// An iteration's committee: the models in `folder/member-m/model`, m = 1 … M.
    func loadCommittee(_ folder: URL) throws(LearningError) -> [NNPModel] {
        try loadMembers { folder.appendingPathComponent("member-\($0)").appendingPathComponent("model") }
    }

    /// The M members' models, member m's read from `directory(m)`.
    func loadMembers(_ directory: (Int) -> URL) throws(LearningError) -> [NNPModel] {
        try (1...settings.training.committee).map { m throws(LearningError) in
            do {
                return try NNPModel(directory: directory(m))
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
}
