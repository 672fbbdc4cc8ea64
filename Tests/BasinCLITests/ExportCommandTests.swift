import BasinTestSupport
import Foundation
import Testing

/// `basin export kim`: a KIM portable model from an n2p2 folder, and one line for a bad one.
@Suite struct ExportCommandTests {
    @Test func exportsAKIMModelOrSaysWhyNot() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let model = dir.appendingPathComponent("n2p2")
        try SyntheticModel.make().write(to: model)
        let output = dir.appendingPathComponent("kim").path
        let result = try CommandRunner.run(["export", "kim", model.path, "--name", "Basin_Test", "--output", output, "--json"])
        #expect(result.status == 0)
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(summary["driver"] as? String == "Basin_NNP__MD_000000000000_000")
        #expect(FileManager.default.fileExists(atPath: output + "/CMakeLists.txt"))

        let missing = try CommandRunner.run(["export", "kim", dir.appendingPathComponent("absent").path, "--name", "M", "--output", output])
        #expect(missing.status != 0)
        #expect(missing.error.split(separator: "\n").count == 1)
        #expect(missing.error.contains("absent"))
        try Data("not a model\n".utf8).write(to: model.appendingPathComponent("input.nn"))
        let broken = try CommandRunner.run(["export", "kim", model.path, "--name", "M", "--output", output])
        #expect(broken.status != 0)
        #expect(broken.error.split(separator: "\n").count == 1)
        #expect(broken.error.contains("input.nn"))
    }
}
