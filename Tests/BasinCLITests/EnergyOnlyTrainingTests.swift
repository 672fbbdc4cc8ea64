import BasinIO
import Foundation
import Testing

/// Energy-only fits: with `loss.force_weight: 0`, data without forces train a model; with a
/// force term the same data are refused in words that name the way out.
@Suite struct EnergyOnlyTrainingTests {
    static func setUp(forceWeight: String) throws -> URL {
        let config = TrainCommandTests.config(data: "energies.extxyz")
            .replacingOccurrences(of: "loss: {force_weight: 1.0, l2: 0}", with: "loss: {force_weight: \(forceWeight), l2: 0}")
        let folder = try TrainCommandTests.setUp(config: config)
        let frames = try StructureFile.read(from: folder.appendingPathComponent("atoms.extxyz")).map { frame -> Frame in
            var copy = frame
            copy.forces = nil
            copy.atomProperties = []
            return copy
        }
        try StructureFile.write(frames, to: folder.appendingPathComponent("energies.extxyz"))
        return folder
    }

    @Test func dataWithoutForcesTrainWithoutAForceTerm() throws {
        let folder = try Self.setUp(forceWeight: "0")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect((summary["trainEnergyRMSE"] as? Double)?.isFinite == true)
        #expect(summary["trainForceRMSE"] as? Double == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("run/model/weights.018.data").path))
    }

    @Test func dataWithoutForcesAreRefusedWithAForceTerm() throws {
        let folder = try Self.setUp(forceWeight: "1.0")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path])
        #expect(result.status != 0)
        #expect(result.error.contains("energies.extxyz, frame 1: no forces") && result.error.contains("force_weight: 0"), "\(result.error)")
    }
}
