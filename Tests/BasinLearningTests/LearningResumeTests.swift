import Foundation
import Testing
@testable import BasinLearning

/// `--resume` with a changed configuration: the final stage's keys may change and rerun the
/// final stage to what a fresh run with them gives; any other change is refused before any work.
@Suite(.serialized) struct LearningResumeTests {
    static let changedFinalStage =
        "final_epochs: 5, final_force_weight: 0.3, final_initial_learning_rate: 0.001, final_energy_offset: median, batch_size: 4"

    /// The tiny loop's configuration with the final fit's keys changed and a final MD.
    static func changedConfig() -> String {
        TinyLoop.config(extra: "final_md: {temperature: 600, steps: 20}")
            .replacingOccurrences(of: "final_epochs: 4, batch_size: 4", with: changedFinalStage)
    }

    static func run(_ folder: URL, resume: Bool = false) throws -> LearningLoop.Outcome {
        try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml")).run(resume: resume)
    }

    @Test func aStoppedLoopResumedWithChangedFinalKeysEndsAsAFreshRunWithThem() throws {
        let resumed = try TinyLoop.folder(TinyLoop.config())
        defer { try? FileManager.default.removeItem(at: resumed) }
        let first = try Self.run(resumed)
        #expect(first.finished && first.state.finalFit?.epochs == 4 && first.state.finalMD == nil)
        let before = try TinyLoop.finalModels(resumed.appendingPathComponent("loop"))
        try Self.changedConfig().write(to: resumed.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let outcome = try Self.run(resumed, resume: true)

        let fresh = try TinyLoop.folder(Self.changedConfig())
        defer { try? FileManager.default.removeItem(at: fresh) }
        let expected = try Self.run(fresh)
        #expect(outcome.finished && expected.finished)
        let models = try TinyLoop.finalModels(resumed.appendingPathComponent("loop"))
        #expect(models == (try TinyLoop.finalModels(fresh.appendingPathComponent("loop"))))
        #expect(models != before, "the final fit was not run again")
        #expect(outcome.state.finalFit == expected.state.finalFit && outcome.state.finalFit?.epochs == 5)
        #expect(outcome.state.finalMD == expected.state.finalMD && outcome.state.finalMD?.steps == 20)
        #expect(outcome.state.iterations == first.state.iterations)
    }

    @Test func aChangedFinalMDAloneRerunsOnlyTheFinalMD() throws {
        let folder = try TinyLoop.folder(TinyLoop.config(extra: "final_md: {temperature: 600, steps: 20}"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.run(folder)
        let models = try TinyLoop.finalModels(folder.appendingPathComponent("loop"))
        try TinyLoop.config(extra: "final_md: {temperature: 900, steps: 30}")
            .write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let outcome = try Self.run(folder, resume: true)
        #expect(outcome.state.finalFit == first.state.finalFit)
        #expect(try TinyLoop.finalModels(folder.appendingPathComponent("loop")) == models)
        #expect(outcome.state.finalMD?.temperature == 900 && outcome.state.finalMD?.steps == 30)
    }

    @Test func aStateWithoutAConfigurationRunsItsFinalStageAgainToTheSameModels() throws {
        let folder = try TinyLoop.folder(TinyLoop.config())
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.run(folder)
        let models = try TinyLoop.finalModels(folder.appendingPathComponent("loop"))
        let url = folder.appendingPathComponent("loop/state.json")
        var state = try LearningState.read(from: url)
        state.configuration = nil
        try state.write(to: url)
        let outcome = try Self.run(folder, resume: true)
        #expect(outcome.state.configuration != nil && outcome.state.finalFit == first.state.finalFit)
        #expect(try TinyLoop.finalModels(folder.appendingPathComponent("loop")) == models)
    }

    @Test func anyOtherChangedKeyIsRefusedBeforeAnyWork() throws {
        let folder = try TinyLoop.folder(TinyLoop.config())
        defer { try? FileManager.default.removeItem(at: folder) }
        let loop = try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml"))
        try LearningFiles.createDirectory(loop.output)
        _ = try loop.start(note: { _ in })
        let state = try Data(contentsOf: loop.stateURL)
        for (old, new, key) in [
            ("steps: 40", "steps: 41", "exploration.steps"), ("seed: 3", "seed: 4", "seed"),
            ("batch_size: 4", "batch_size: 4, final_learning_rate: 0.0002", "training.final_learning_rate"),
        ] {
            try TinyLoop.config().replacingOccurrences(of: old, with: new)
                .write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
            let error = #expect(throws: LearningError.self) { try Self.run(folder, resume: true) }
            #expect(error?.description.contains(key) == true, "\(error?.description ?? "")")
            #expect(try Data(contentsOf: loop.stateURL) == state)
            #expect(!FileManager.default.fileExists(atPath: loop.committeeFolder(1).path))
        }
    }

    static func settings(_ text: String) throws -> LearningSettings {
        let folder = try TinyLoop.folder(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try LearningSettings.read(from: folder.appendingPathComponent("config.yaml"))
    }

    @Test func changedKeysNameEveryDifferingLeaf() throws {
        let base = try Self.settings(TinyLoop.config())
        var other = base
        other.exploration.steps += 1
        other.training.finalEpochs = nil
        other.finalMD = try Self.settings(TinyLoop.config(extra: "final_md: {steps: 10}")).finalMD
        #expect(base.changedKeys(comparedWith: other) == ["exploration.steps", "final_md.steps", "final_md.temperature", "training.final_epochs"])
        #expect(base.changedKeys(comparedWith: base).isEmpty)
        #expect(LearningSettings.isFinalStageKey("training.final_force_weight") && LearningSettings.isFinalStageKey("final_md.steps"))
        #expect(!LearningSettings.isFinalStageKey("training.final_learning_rate") && !LearningSettings.isFinalStageKey("training.epochs"))
    }
}
