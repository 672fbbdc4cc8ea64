import BasinAtoms
import BasinIO
import BasinMath
import BasinNNP
import BasinOptimize
import BasinPotentials
import Foundation
import BasinTestSupport
import Testing
@testable import BasinTraining

/// A student of the synthetic H/O shape (statistics from the data) and exact references from a
/// random teacher of the same shape, on small periodic and cluster structures.
enum TrainerFixtures {
    static let teacher = SyntheticModel.make(seed: 99)

    static func structures(seeds: [UInt64]) -> [TrainingStructure] {
        let calculator = Calculator(potential: NeuralNetworkPotential(model: teacher, units: .metal), skin: 0.5)
        let frames = seeds.map { seed in
            let c = SyntheticModel.structure(periodic: seed % 2 == 0, seed: seed)
            let result = try! calculator.evaluate(c, .energyAndForces)
            return Frame(configuration: c, energy: result.energy, forces: result.forces)
        }
        return try! Dataset.structures(from: frames, file: "teacher", settings: teacher.settings)
    }

    static let train = structures(seeds: [2, 3, 4, 5, 6, 8, 10, 13])
    static let test = structures(seeds: [20, 21, 22])

    static let student: NNPModel = {
        var model = SyntheticModel.make(seed: 7)
        model.statistics = Dataset(structures: train).scalingStatistics(settings: model.settings)
        return model
    }()

    static func settings(_ updater: any TrainingUpdater, epochs: Int, batchSize: Int = 3) -> TrainingSettings {
        TrainingSettings(
            updater: updater, epochs: epochs, batchSize: batchSize, forceWeight: 1, regularization: 1e-5, seed: 42,
            threads: 2, initialization: .nguyenWidrow)
    }
}

@Suite struct TrainerTests {
    typealias F = TrainerFixtures

    @Test func adamLowersTheTestLossSubstantially() throws {
        var trainer = Trainer(
            model: F.student, train: F.train, test: F.test,
            settings: F.settings(GradientStepperTraining<Adam>(learningRate: 0.02), epochs: 40))
        var reported = 0
        let best = try trainer.train { _ in reported += 1 }
        let curve = trainer.state.learningCurve.epochs
        #expect(reported == 41 && curve.count == 41 && curve.map(\.epoch) == Array(0...40))
        let first = curve[0], last = curve.last!
        #expect(last.testLoss < 0.2 * first.testLoss)
        #expect(last.trainForceRMSE < first.trainForceRMSE && last.testEnergyRMSE < first.testEnergyRMSE)
        // The returned model is the best one by test loss.
        let bestLoss = trainer.testLoss.value(parameters: best.parameters).total / Double(F.test.count)
        #expect(abs(bestLoss - curve.map(\.testLoss).min()!) <= 1e-12 * bestLoss)
        // CSV: header plus one line per epoch.
        let lines = trainer.state.learningCurve.csv.split(separator: "\n")
        #expect(lines.count == 42 && lines[0] == Substring(LearningCurve.csvHeader))
        #expect(lines[1].split(separator: ",").count == 11)
    }

    @Test(arguments: TrainingUpdaters.all.map { $0.name })
    func everyOptimizerLowersTheLoss(kind: String) throws {
        var options = TrainingUpdaterOptions(name: kind)
        if TrainingUpdaters.type(named: kind)!.optionKeys.contains("learning_rate") {
            options.values["learning_rate"] = .number(kind == "adadelta" ? 1 : kind == "sgd" || kind == "momentum" ? 0.002 : 0.01)
        }
        if kind == LevenbergMarquardtTraining.name { options.values["iterations_per_epoch"] = .number(2) }
        let optimizer = try TrainingUpdaters.make(from: options)
        var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: F.settings(optimizer, epochs: 3))
        try trainer.train()
        let curve = trainer.state.learningCurve.epochs
        #expect(curve.count == 4)
        #expect(curve.last!.trainLoss < curve[0].trainLoss, "\(kind): \(curve.map(\.trainLoss))")
        #expect(trainer.state.updater.name == kind)
    }

    @Test func resumingFromACheckpointGivesIdenticalWeights() throws {
        let schedule = TrainingSchedule.stepDecay(StepDecay(initialLearningRate: 0.02, factor: 0.5, interval: 2))
        var settings = F.settings(GradientStepperTraining<Adam>(schedule: schedule), epochs: 6)
        settings.annealing = SimulatedAnnealing(temperatureScale: .initialLoss, steps: 40, updates: 2)
        settings.earlyStoppingPatience = 10

        var straight = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
        try straight.train()

        let directory = try ScratchDirectory.make("basin-trainer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("checkpoint.json")
        var firstHalf = settings
        firstHalf.epochs = 3
        firstHalf.checkpointURL = url
        firstHalf.checkpointInterval = 1
        var interrupted = Trainer(model: F.student, train: F.train, test: F.test, settings: firstHalf)
        try interrupted.train()
        let checkpoint = try TrainingCheckpoint.read(from: url)
        #expect(checkpoint.epoch == 3 && checkpoint == interrupted.state)

        var resumed = Trainer(model: F.student, train: F.train, test: F.test, settings: settings, resumingFrom: checkpoint)
        try resumed.train()
        #expect(resumed.state.epoch == 6)
        #expect(resumed.state.parameters == straight.state.parameters)
        #expect(resumed.state.bestParameters == straight.state.bestParameters)
        #expect(resumed.state.updater.isEqual(to: straight.state.updater))
        #expect(resumed.state.generator == straight.state.generator)
        var a = resumed.state.learningCurve, b = straight.state.learningCurve
        for i in a.epochs.indices { a.epochs[i].seconds = 0 }
        for i in b.epochs.indices { b.epochs[i].seconds = 0 }
        #expect(a == b)
        #expect(resumed.state.parameters != interrupted.state.parameters)
    }

    /// BFGS and L-BFGS keep their curvature from epoch to epoch, in the checkpoint too: a run
    /// stopped and resumed ends exactly where an uninterrupted one does.
    @Test(arguments: [BFGSTraining.name, LBFGSTraining.name])
    func quasiNewtonCurvatureCarriesOverAndResumes(kind: String) throws {
        let optimizer: any TrainingUpdater =
            kind == BFGSTraining.name ? BFGSTraining(iterationsPerEpoch: 3) : LBFGSTraining(memory: 5, iterationsPerEpoch: 3)
        var straight = Trainer(model: F.student, train: F.train, test: F.test, settings: F.settings(optimizer, epochs: 4))
        try straight.train()
        switch straight.state.updater {
        case let s as BFGSTraining: #expect(kind == BFGSTraining.name && s.inverseHessian != nil)
        case let s as LBFGSTraining: #expect(kind == LBFGSTraining.name && s.correctionHistory?.count ?? 0 > 0)
        default: Issue.record("the optimizer changed kind")
        }

        let directory = try ScratchDirectory.make("basin-qn")
        defer { try? FileManager.default.removeItem(at: directory) }
        var firstHalf = F.settings(optimizer, epochs: 2)
        firstHalf.checkpointURL = directory.appendingPathComponent("checkpoint.json")
        var interrupted = Trainer(model: F.student, train: F.train, test: F.test, settings: firstHalf)
        try interrupted.train()
        let checkpoint = try TrainingCheckpoint.read(from: firstHalf.checkpointURL!)
        #expect(checkpoint == interrupted.state)
        var resumed = Trainer(
            model: F.student, train: F.train, test: F.test, settings: F.settings(optimizer, epochs: 4), resumingFrom: checkpoint)
        try resumed.train()
        #expect(resumed.state.parameters == straight.state.parameters)
        #expect(resumed.state.updater.isEqual(to: straight.state.updater))
    }

    @Test func annealingReturnsAStateNoWorseThanItsStart() {
        var settings = F.settings(GradientStepperTraining<Adam>(), epochs: 0)
        settings.annealing = SimulatedAnnealing(temperatureScale: .initialLoss, steps: 150, updates: 3, move: .all, initialStepSize: 0.05)
        var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
        let start = trainer.trainLoss.value(parameters: trainer.state.parameters).total
        var updates = 0
        trainer.anneal { _ in updates += 1 }
        let result = try! #require(trainer.annealingResult)
        #expect(updates == 3 && trainer.state.annealed)
        #expect(result.loss <= start)
        #expect(trainer.state.parameters == result.point)
        #expect(trainer.trainLoss.value(parameters: trainer.state.parameters).total == result.loss)
    }

    @Test func earlyStoppingRestoresTheBestWeights() throws {
        // Plain SGD on single-structure batches with a large rate: the test loss soon stops improving.
        var settings = F.settings(GradientStepperTraining<StochasticGradientDescent>(learningRate: 0.3), epochs: 30, batchSize: 1)
        settings.earlyStoppingPatience = 2
        var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
        let best = try trainer.train()
        let state = trainer.state
        #expect(state.stoppedEarly && state.epoch < 30)
        #expect(state.epoch == state.bestEpoch + 2 && state.epochsWithoutImprovement == 2)
        #expect(best.parameters == state.bestParameters && state.bestParameters != state.parameters)
        let curve = state.learningCurve.epochs
        #expect(curve[state.bestEpoch].testLoss == curve.map(\.testLoss).min()!)
        let bestLoss = trainer.testLoss.value(parameters: best.parameters).total / Double(F.test.count)
        #expect(abs(bestLoss - state.bestLoss) <= 1e-12 * bestLoss)
    }

    /// With error scales, the best epoch is the one of the lowest (E/E_s)² + (F/F_s)² on the
    /// test set: a tiny E_s makes it the epoch of the best energies, a tiny F_s that of the best forces.
    @Test func errorScalesChooseTheBestEpoch() throws {
        for (scales, rmse) in [(ErrorScales(energyPerAtom: 1e-9, force: 1e9), \LearningCurve.Epoch.testEnergyRMSE),
                               (ErrorScales(energyPerAtom: 1e9, force: 1e-9), \LearningCurve.Epoch.testForceRMSE)] {
            var settings = F.settings(GradientStepperTraining<StochasticGradientDescent>(learningRate: 0.3), epochs: 12, batchSize: 1)
            settings.selectionScales = scales
            var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
            let best = try trainer.train()
            let state = trainer.state, curve = state.learningCurve.epochs
            #expect(curve[state.bestEpoch][keyPath: rmse] == curve.map { $0[keyPath: rmse] }.min()!)
            #expect(best.parameters == state.bestParameters)
            var errors = Loss.Errors()
            (errors.energyPerAtomRMSE, errors.forceRMSE, errors.forceComponentCount) = (curve[state.bestEpoch].testEnergyRMSE, curve[state.bestEpoch].testForceRMSE, 1)
            #expect(state.bestLoss == scales.score(errors))
        }
    }

    @Test func optimizerAndCheckpointRoundTripThroughJSON() throws {
        let optimizer = GradientStepperTraining<NAdam>(schedule: .reduceOnPlateau(ReduceOnPlateau(initialLearningRate: 0.01)))
        let checkpoint = TrainingCheckpoint(
            epoch: 0, parameters: [1, -0.1, 3e-17], updater: optimizer, generator: SeededGenerator(seed: 5),
            bestParameters: [1, 2, 3])
        #expect(try TrainingCheckpoint(jsonData: checkpoint.jsonData()) == checkpoint)
        var other = checkpoint
        other.updater = LevenbergMarquardtTraining()
        let data = try other.jsonData()
        #expect(String(decoding: data, as: UTF8.self).contains("\"updater\":\"levenberg-marquardt\""))
        #expect(try TrainingCheckpoint(jsonData: data) == other && other != checkpoint)
    }
}
