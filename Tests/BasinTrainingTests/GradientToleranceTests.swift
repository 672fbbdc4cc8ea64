import Foundation
import Testing
import BasinTestSupport
@testable import BasinTraining

/// BFGS and L-BFGS with `gradient_tolerance`: each epoch iterates until the largest component of
/// ∇(Γ/N) is below the tolerance or the epoch's cap; then the run ends, reports convergence, and
/// resumes bit for bit.
@Suite struct GradientToleranceTests {
    typealias F = TrainerFixtures
    static let tolerance = 1e-5
    static let epochs = 60

    static func updater(_ kind: String, tolerance: Double? = Self.tolerance) -> any TrainingUpdater {
        kind == BFGSTraining.name
            ? BFGSTraining(iterationsPerEpoch: 5, gradientTolerance: tolerance)
            : LBFGSTraining(memory: 5, iterationsPerEpoch: 5, gradientTolerance: tolerance)
    }

    static func run(of updater: any TrainingUpdater) -> QuasiNewtonRun? {
        (updater as? BFGSTraining)?.run ?? (updater as? LBFGSTraining)?.run
    }

    @Test(arguments: [BFGSTraining.name, LBFGSTraining.name])
    func theRunStopsOnceTheGradientIsBelowTheTolerance(kind: String) throws {
        var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: F.settings(Self.updater(kind), epochs: Self.epochs))
        try trainer.train()
        let run = try #require(Self.run(of: trainer.state.updater))
        let curve = trainer.state.learningCurve.epochs
        #expect(run.converged && trainer.state.updater.hasConverged && trainer.isFinished)
        #expect(try #require(run.gradientNorm) < Self.tolerance)
        // It stopped early, at the first epoch that converged, and the curve says so.
        #expect(trainer.state.epoch < Self.epochs && curve.count == trainer.state.epoch + 1)
        #expect(curve.last!.converged && curve.dropLast().allSatisfy { !$0.converged })
        #expect(curve.last!.iterations == run.iterations && run.iterations <= 5 * trainer.state.epoch)
        #expect(curve.last!.trainLoss < 0.5 * curve[0].trainLoss)
        #expect(trainer.state.learningCurve.csv.split(separator: "\n").last!.hasSuffix(",\(run.iterations),1"))

        // Without the tolerance the same method runs every epoch.
        var fixed = Trainer(model: F.student, train: F.train, test: F.test, settings: F.settings(Self.updater(kind, tolerance: nil), epochs: 4))
        try fixed.train()
        #expect(fixed.state.epoch == 4 && !fixed.state.updater.hasConverged)
        #expect(fixed.state.updater.iterationCount == 20)
    }

    @Test(arguments: [BFGSTraining.name, LBFGSTraining.name])
    func aResumedToleranceRunEndsWhereAnUninterruptedOneDoes(kind: String) throws {
        let settings = F.settings(Self.updater(kind), epochs: Self.epochs)
        var straight = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
        try straight.train()

        let directory = try ScratchDirectory.make("basin-tolerance")
        defer { try? FileManager.default.removeItem(at: directory) }
        var firstPart = settings
        firstPart.epochs = 2
        firstPart.checkpointURL = directory.appendingPathComponent("checkpoint.json")
        var interrupted = Trainer(model: F.student, train: F.train, test: F.test, settings: firstPart)
        try interrupted.train()
        #expect(!interrupted.state.updater.hasConverged)
        let checkpoint = try TrainingCheckpoint.read(from: firstPart.checkpointURL!)
        #expect(checkpoint == interrupted.state)

        var resumed = Trainer(model: F.student, train: F.train, test: F.test, settings: settings, resumingFrom: checkpoint)
        try resumed.train()
        #expect(resumed.state.epoch == straight.state.epoch && resumed.state.updater.hasConverged)
        #expect(resumed.state.parameters == straight.state.parameters)
        #expect(resumed.state.updater.isEqual(to: straight.state.updater))

        // A converged run resumed with more epochs stays where it is.
        var again = Trainer(
            model: F.student, train: F.train, test: F.test, settings: F.settings(Self.updater(kind), epochs: Self.epochs + 10),
            resumingFrom: resumed.state)
        try again.train()
        #expect(again.state.epoch == resumed.state.epoch && again.state.parameters == resumed.state.parameters)
    }

    @Test(arguments: [BFGSTraining.name, LBFGSTraining.name])
    func badTolerancesAreRefusedNamingTheKey(kind: String) throws {
        for value in [-1e-4, 0, .nan, .infinity] {
            let options = TrainingUpdaterOptions(name: kind, values: ["gradient_tolerance": .number(value)])
            do {
                _ = try TrainingUpdaters.make(from: options)
                Issue.record("gradient_tolerance \(value) was accepted")
            } catch {
                #expect(error.reason.contains("optimizer.gradient_tolerance"), "\(value): \(error.reason)")
            }
        }
        let word = TrainingUpdaterOptions(name: kind, values: ["gradient_tolerance": .word("small")])
        #expect(throws: TrainingError.self) { try TrainingUpdaters.make(from: word) }
        let good = TrainingUpdaterOptions(name: kind, values: ["gradient_tolerance": .number(1e-4), "iterations_per_epoch": .number(50)])
        let updater = try TrainingUpdaters.make(from: good)
        let run = try #require(Self.run(of: updater))
        #expect(run.gradientTolerance == 1e-4 && run.iterationsPerEpoch == 50)
    }
}
