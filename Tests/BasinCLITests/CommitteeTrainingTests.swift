import BasinTraining
import Foundation
import Testing

/// `basin train CONFIG --committee M` and the committee it writes, used by `basin eval`.
@Suite struct CommitteeTrainingTests {
    @Test func membersShareTheSplitAndDifferInSeed() throws {
        let folder = try TrainCommandTests.setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let job = try TrainingJob(configurationFile: folder.appendingPathComponent("config.yaml"))
        let members = job.committee(size: 3)
        #expect(members.map(\.training.seed) == [7, 8, 9])
        #expect(members.map(\.output.lastPathComponent) == ["member-1", "member-2", "member-3"])
        let splits = members.map { $0.dataset.split(testFraction: $0.testFraction, seed: try! #require($0.splitSeed)).test.structures.map(\.name) }
        #expect(splits.allSatisfy { $0 == job.dataset.split(testFraction: job.testFraction, seed: 7).test.structures.map(\.name) })
    }

    @Test func trainsMembersThatEvalUsesAsACommittee() throws {
        let folder = try TrainCommandTests.setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.yaml").path
        let result = try CommandRunner.run(["train", config, "--committee", "2", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let summaries = try #require(try CommandRunner.json(result) as? [[String: Any]])
        #expect(summaries.count == 2)
        #expect(summaries.allSatisfy { $0["trainStructures"] as? Int == 4 && $0["testStructures"] as? Int == 2 })
        #expect(result.error.contains("member 2/2: 4 train and 2 test structures"), "\(result.error)")
        let run = folder.appendingPathComponent("run")
        let weights = try (1...2).map {
            try String(contentsOf: run.appendingPathComponent("member-\($0)/model/weights.018.data"), encoding: .utf8)
        }
        #expect(weights[0] != weights[1])

        let data = folder.appendingPathComponent("input.data").path
        let eval = try CommandRunner.run(["eval", data, "--potential", "committee", "--model", run.path, "--json"])
        #expect(eval.status == 0, "\(eval.error)")
        let frames = try #require(try CommandRunner.json(eval) as? [[String: Any]])
        #expect(frames.count == 6)
        #expect(frames.allSatisfy { ($0["maximumForceDeviation"] as? Double ?? 0) > 0 })
        #expect(frames.allSatisfy { $0["extrapolationWarnings"] as? Int == 0 }, "the training data lie inside the ranges")
    }
}
