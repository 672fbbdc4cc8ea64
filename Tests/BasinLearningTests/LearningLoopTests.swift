import BasinIO
import BasinNNP
import Foundation
import Testing
@testable import BasinLearning

/// The tiny loop end to end: it stops by its budget or criterion, writes its report, and a loop
/// stopped at stage boundaries and inside stages resumes to the same final models, byte for byte.
@Suite(.serialized) struct LearningLoopTests {
    /// Runs the tiny loop in a fresh folder; with `stopAfter`, stops at the n-th poll and resumes.
    func run(stopAfter polls: [Int] = []) throws -> (folder: URL, outcome: LearningLoop.Outcome) {
        let folder = try TinyLoop.folder(TinyLoop.config(extra: "validation: held-out.xyz"))
        try Self.heldOut(in: folder)
        let loop = try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml"))
        var resume = false
        for limit in polls {
            var count = 0
            let outcome = try loop.run(resume: resume, shouldStop: {
                count += 1
                return count >= limit
            })
            #expect(!outcome.finished, "the loop ended before poll \(limit)")
            resume = true
        }
        return (folder, try loop.run(resume: resume))
    }

    /// A few SW frames written as the held-out set.
    static func heldOut(in folder: URL) throws {
        let frames = try LearningFiles.readFrames(try seedFile())
        try LearningFiles.writeFrames(frames, to: folder.appendingPathComponent("held-out.xyz"))
    }

    /// Seed frames of a tiny loop, made once.
    static func seedFile() throws -> URL {
        let folder = try TinyLoop.folder(TinyLoop.config())
        let loop = try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml"))
        try LearningFiles.createDirectory(loop.output)
        _ = try loop.start(note: { _ in })
        return loop.seedURL
    }

    @Test func aForceErrorAboveMaxErrorCutsEveryRunShortAndItsFrameIsLabelled() throws {
        let text = TinyLoop.config().replacingOccurrences(of: "max_force: 50}", with: "max_force: 50, max_error: 1e-6}")
            .replacingOccurrences(of: "per_iteration: 3", with: "per_iteration: 2")
        let folder = try TinyLoop.folder(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml")).run()
        // Each run ends at its first explored frame, which is kept; the three frames each run
        // did not reach (40 steps / 10) are counted. A cut is no runaway.
        let first = outcome.state.iterations[0]
        #expect(first.runs == 2 && first.blownUpRuns == 0 && first.exploredFrames == 2 && first.unexploredFrames == 6)
        #expect(first.accurateShareOfPlan == 0)
        // The record and the report say why each run ended, and both frames that cut a run were labelled.
        #expect(first.cutShort?.count == 2)
        #expect(first.cutShort?.allSatisfy { $0.contains("force error on atom") && $0.contains("above 1e-06 eV/Å") } == true)
        #expect(first.labelled == 2 && Set(first.detections.map(\.temperature)) == [300, 1500])
        let report = try String(contentsOf: folder.appendingPathComponent("loop/report.md"), encoding: .utf8)
        #expect(report.contains("## Runs cut short by max_error") && report.contains("iteration 1, "))
        #expect(!report.contains("## Runs that blew up"))
    }

    @Test func theLoopRunsToItsBudgetAndReports() throws {
        let (folder, outcome) = try run()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = outcome.state
        #expect(outcome.finished)
        #expect(state.stage == .done)
        #expect(state.iterations.count == 2)
        #expect(state.stopReason?.hasPrefix("budget: max_iterations") == true || state.stopReason?.hasPrefix("converged") == true)
        let first = state.iterations[0]
        #expect(first.structures == state.seedStructures)
        #expect(first.exploredFrames == 8)  // 2 runs × 40 steps / 10
        #expect(first.accurateFrames + first.candidateFrames + first.failedFrames == first.exploredFrames)
        #expect(first.labelled <= 3)
        #expect(state.iterations[1].structures == first.structures + first.labelled)
        #expect(first.heldOutEnergyRMSE != nil && first.heldOutForceRMSE != nil)
        let output = folder.appendingPathComponent("loop")
        for name in ["report.md", "iterations.json", "errors.svg", "data-size.svg", "deviation-vs-error.svg", "committee/member-2/input.nn"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(name).path), "\(name)")
        }
        let report = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("Rank correlation (Spearman)"))
        // The final fit (final_epochs) trained on the last committee's structures; its models are the final ones.
        let fit = try #require(state.finalFit)
        #expect(fit.epochs == 4 && fit.structures == state.iterations[1].structures && fit.heldOutForceRMSE != nil)
        #expect(report.contains("## Final fit"))
        let loop = try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml"))
        let final = try loop.loadCommittee(loop.finalFitFolder)
        let written = try (1...2).map { try NNPModel(directory: output.appendingPathComponent("committee/member-\($0)")) }
        #expect(written == final)
        #expect(written != (try loop.loadCommittee(loop.committeeFolder(2))))
        // A second fresh run into the same folder is refused.
        let again = try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml"))
        #expect(throws: LearningError.self) { try again.run() }
    }

    @Test func stoppedAndResumedLoopsEndInTheSameModels() throws {
        let (reference, _) = try run()
        defer { try? FileManager.default.removeItem(at: reference) }
        let expected = try TinyLoop.finalModels(reference.appendingPathComponent("loop"))
        #expect(!expected.isEmpty)
        // Poll 1 is the first stage boundary; later ones fall inside training (between epochs),
        // exploration (between MD runs) and at later boundaries.
        for polls in [[1], [3, 2], [9], [14, 1, 6]] {
            let (folder, outcome) = try run(stopAfter: polls)
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(outcome.finished)
            let models = try TinyLoop.finalModels(folder.appendingPathComponent("loop"))
            #expect(models == expected, "stopped after polls \(polls)")
        }
    }
}
