import BasinAtoms
import BasinNNP
import BasinPotentials
import Foundation
import Testing

/// Extrapolation warnings and committees in `basin eval`, `md` and `minimize`.
@Suite struct ExtrapolationCommandTests {
    /// The test model's random scaling ranges leave many values of the structure outside.
    static func setUp() throws -> (model: URL, structure: String, configuration: Configuration) {
        let configuration = NNPCommandTests.structure(periodic: true)
        let (folder, file) = try NNPCommandTests.setUp(configuration)
        return (folder, file, configuration)
    }

    @Test func evalCountsAsTheLibraryAndWritesTheFrames() throws {
        let (folder, file, configuration) = try Self.setUp()
        let monitor = try #require(ExtrapolationMonitor(model: try NNPModel(directory: folder)))
        _ = try Calculator(potential: NeuralNetworkPotential(model: try NNPModel(directory: folder), units: .metal, extrapolation: monitor))
            .evaluate(configuration)
        let expected = monitor.latestWarningsPerAtom
        #expect(expected.reduce(0, +) > 0)
        let frames = folder.deletingLastPathComponent().appendingPathComponent("ew.xyz").path
        let result = try CommandRunner.run(["eval", file, "--json", "--extrapolation-frames", frames] + NNPCommandTests.nnp(folder))
        let frame = try #require(try NNPCommandTests.frames(result).first)
        #expect(frame["extrapolationWarnings"] as? Int == expected.reduce(0, +))
        #expect(frame["extrapolatingAtoms"] as? [Int] == expected.indices.filter { expected[$0] > 0 })
        let text = try String(contentsOfFile: frames, encoding: .utf8)
        #expect(text.contains("extrapolations:I:1") && text.contains("step=1"))

        let plain = try CommandRunner.run(["eval", file] + NNPCommandTests.nnp(folder))
        #expect(plain.status == 0)
        #expect(plain.output.contains("extrapolation warnings: \(expected.reduce(0, +)) in 1 of 1 evaluations"))
    }

    @Test func mdStopsPastTheLimitWithOneLine() throws {
        let (folder, file, _) = try Self.setUp()
        let output = folder.deletingLastPathComponent().appendingPathComponent("final.extxyz").path
        let result = try CommandRunner.run([
            "md", file, "--temperature", "100", "--dt", "0.0002", "--steps", "20", "--max-extrapolations", "3", "--output", output, "--json",
        ] + NNPCommandTests.nnp(folder))
        #expect(result.status == 1)
        let lines = result.error.split(separator: "\n").filter { !$0.hasPrefix("md ") || $0.contains("stopped") }
        let line = try #require(lines.last { $0.contains("extrapolation") })
        #expect(line.contains("md stopped after step 1: more than 3 extrapolation warnings; warning 4 at step 0, atom "), "\(line)")
        #expect(line.contains("symmetry function") && (line.contains("(H)") || line.contains("(O)")))
        #expect(result.error.split(separator: "\n").filter { $0.contains("extrapolation warnings") }.count == 1)
        let report = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(report["steps"] as? Int == 1)
        let model = try #require(report["model"] as? [String: Any])
        #expect(((model["extrapolation"] as? [String: Any])?["warnings"] as? Int ?? 0) > 3)
        #expect(FileManager.default.fileExists(atPath: output))
    }

    @Test func minimizeReportsAtTheEnd() throws {
        let (folder, file, _) = try Self.setUp()
        let result = try CommandRunner.run(["minimize", file, "--max-steps", "5", "--max-extrapolations", "2", "--json"] + NNPCommandTests.nnp(folder))
        #expect(result.status == 1)
        #expect(result.error.contains("more than 2 extrapolation warnings; warning 3 at step 0, atom "), "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        let model = try #require(summary["model"] as? [String: Any])
        let extrapolation = try #require(model["extrapolation"] as? [String: Any])
        #expect((extrapolation["evaluations"] as? Int ?? 0) > 1)
        #expect((extrapolation["elements"] as? [[String: Any]])?.map { $0["element"] as? String } == ["H", "O"])
    }

    @Test func optionsNeedANeuralNetworkPotential() throws {
        let (_, file, _) = try Self.setUp()
        let result = try CommandRunner.run(["eval", file, "--potential", "lj", "--max-extrapolations", "1"])
        #expect(result.status != 0)
        #expect(result.error.contains("--potential nnp or committee"))
    }

    @Test func committeeOfMemberFoldersReportsTheMeanAndSpread() throws {
        let (folder, file, configuration) = try Self.setUp()
        let members = folder.deletingLastPathComponent().appendingPathComponent("committee")
        let models = [NNPCommandTests.model(seed: 11), NNPCommandTests.model(seed: 12), NNPCommandTests.model(seed: 13)]
        for (m, model) in models.enumerated() { try model.write(to: members.appendingPathComponent("member-\(m + 1)")) }
        let listed = (1...3).map { members.appendingPathComponent("member-\($0)").path }.joined(separator: ",")
        for model in [members.path, listed] {
            let result = try CommandRunner.run(["eval", file, "--json", "--potential", "committee", "--model", model])
            let frame = try #require(try NNPCommandTests.frames(result).first)
            let energies = try models.map { try Calculator(potential: NeuralNetworkPotential(model: $0, units: .metal)).evaluate(configuration).energy }
            let mean = energies.reduce(0, +) / 3
            #expect(NNPCommandTests.relative(try #require(frame["energy"] as? Double), mean) < 1e-12)
            #expect((frame["forceDeviations"] as? [Double])?.count == configuration.count)
            #expect((frame["maximumForceDeviation"] as? Double ?? 0) > 0)
            #expect((frame["energyDeviationPerAtom"] as? Double ?? 0) > 0)
        }
        let empty = members.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let bad = try CommandRunner.run(["eval", file, "--potential", "committee", "--model", empty.path])
        #expect(bad.status == 1)
        #expect(bad.error.contains("folder of member model folders"))
    }
}
