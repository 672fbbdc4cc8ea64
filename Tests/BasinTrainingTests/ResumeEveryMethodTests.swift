import Foundation
import Testing
@testable import BasinTraining

/// Every registered training method, stopped after two epochs and resumed from its checkpoint
/// file, ends with the weights and state of an uninterrupted four-epoch run.
@Suite struct ResumeEveryMethodTests {
    typealias F = TrainerFixtures

    @Test(arguments: TrainingUpdaters.all.map { $0.name })
    func aResumedRunEndsWhereAnUninterruptedOneDoes(method: String) throws {
        var options = TrainingUpdaterOptions(name: method)
        let keys = TrainingUpdaters.type(named: method)!.optionKeys
        if keys.contains("learning_rate") { options.values["learning_rate"] = .number(method == "adadelta" ? 1 : 0.005) }
        if keys.contains("iterations_per_epoch") { options.values["iterations_per_epoch"] = .number(2) }
        if keys.contains("short_force_fraction") { options.values["short_force_fraction"] = .number(0.2) }
        let updater = try TrainingUpdaters.make(from: options)
        var straight = Trainer(model: F.student, train: F.train, test: F.test, settings: F.settings(updater, epochs: 4))
        try straight.train()

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("basin-resume-\(method)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var firstHalf = F.settings(updater, epochs: 2)
        firstHalf.checkpointURL = directory.appendingPathComponent("checkpoint.json")
        var interrupted = Trainer(model: F.student, train: F.train, test: F.test, settings: firstHalf)
        try interrupted.train()
        let checkpoint = try TrainingCheckpoint.read(from: firstHalf.checkpointURL!)
        #expect(checkpoint == interrupted.state)
        var resumed = Trainer(
            model: F.student, train: F.train, test: F.test, settings: F.settings(updater, epochs: 4), resumingFrom: checkpoint)
        try resumed.train()
        #expect(resumed.state.parameters == straight.state.parameters, "\(method)")
        #expect(resumed.state.updater.isEqual(to: straight.state.updater), "\(method)")
        #expect(resumed.state.parameters != interrupted.state.parameters, "\(method)")
    }
}
