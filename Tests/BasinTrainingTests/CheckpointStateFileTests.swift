import Foundation
import Testing
import BasinTestSupport
@testable import BasinTraining

/// The binary state file beside a checkpoint's JSON: named arrays at recorded offsets, BFGS's
/// inverse Hessian kept there, and a truncated, damaged or missing file refused in one line
/// that names it.
@Suite struct CheckpointStateFileTests {
    typealias F = TrainerFixtures

    func temporaryFolder() throws -> URL {
        let url = try ScratchDirectory.make("basin-state-file")
        return url
    }

    @Test func arraysComeBackBitForBitAtTheirOffsets() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("x.state")
        // More than one chunk, with values whose bits a text round trip could change.
        let first = (0..<(CheckpointStateFile.chunk + 3)).map { Double($0) * 0.1 - 1e-300 }
        let second: [Double] = [.pi, -0.0, .infinity, .leastNonzeroMagnitude]
        let entries = try CheckpointStateFile.write(
            [LargeStateArray(name: "a", values: first), LargeStateArray(name: "b", values: second)], to: url)
        #expect(entries.map(\.offset) == [0, 8 * first.count])
        #expect(try Data(contentsOf: url).count == 8 * (first.count + second.count))
        let read = try CheckpointStateFile.read(entries, from: url)
        #expect(read["a"]!.map(\.bitPattern) == first.map(\.bitPattern))
        #expect(read["b"]!.map(\.bitPattern) == second.map(\.bitPattern))
    }

    /// BFGS's inverse Hessian goes to the state file; a truncated or damaged one is refused.
    @Test func theInverseHessianIsKeptInBinaryAndADamagedFileIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("checkpoint.json")
        var settings = F.settings(BFGSTraining(iterationsPerEpoch: 2), epochs: 1)
        settings.checkpointURL = url
        var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
        try trainer.train()
        let p = F.student.parameterCount
        let stateURL = TrainingCheckpoint.stateURL(for: url)
        let state = try Data(contentsOf: stateURL)
        #expect(state.count == 8 * p * p)
        #expect(try Data(contentsOf: url).count < 60 * p + 20_000)
        #expect(try TrainingCheckpoint.read(from: url) == trainer.state)

        var damaged = state
        damaged[damaged.count / 2] ^= 1
        try damaged.write(to: stateURL)
        let checksum = refusal { try TrainingCheckpoint.read(from: url) }
        #expect(checksum.contains(stateURL.path) && checksum.contains("checksum"), "\(checksum)")

        try state.prefix(state.count - 8).write(to: stateURL)
        let truncated = refusal { try TrainingCheckpoint.read(from: url) }
        #expect(truncated.contains(stateURL.path) && truncated.contains("\(8 * p * p - 8) bytes"), "\(truncated)")

        try FileManager.default.removeItem(at: stateURL)
        let missing = refusal { try TrainingCheckpoint.read(from: url) }
        #expect(missing.contains("missing") && !missing.contains("\n"), "\(missing)")
    }

    /// The one-line description of the `FormatError` that `body` throws ("" if none).
    func refusal(_ body: () throws -> TrainingCheckpoint) -> String {
        do {
            _ = try body()
            Issue.record("expected a refusal")
            return ""
        } catch let error as TrainingCheckpoint.FormatError {
            return error.description
        } catch {
            Issue.record("unexpected \(error)")
            return ""
        }
    }
}
