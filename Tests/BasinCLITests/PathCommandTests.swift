import Foundation
import Testing

/// `basin path` as a user runs it: a short least-action run with its outputs and resumable
/// state, and one clear line with a non-zero exit for bad input, with nothing written.
@Suite struct PathCommandTests {
    static let start = """
        4
        Properties=species:S:1:pos:R:3
        X 0 0 0
        X 1.12 0 0
        X 0.56 0.97 0
        X 0.56 0.32 0.92
        """
    static let end = """
        4
        Properties=species:S:1:pos:R:3
        X 0.02 -0.03 0.01
        X 1.15 0.02 0
        X 0.52 1.0 0.03
        X 0.58 0.30 0.95
        """

    func files(_ end: String = end) throws -> (URL, String, String) {
        let dir = try CommandRunner.temporaryDirectory()
        let a = dir.appendingPathComponent("a.xyz"), b = dir.appendingPathComponent("b.xyz")
        try (Self.start + "\n").write(to: a, atomically: true, encoding: .utf8)
        try (end + "\n").write(to: b, atomically: true, encoding: .utf8)
        return (dir, a.path, b.path)
    }

    static let small = ["--cutoff", "none", "--duration", "0.5", "--intervals", "6", "--hidden", "5", "--pretrain-steps", "100"]

    @Test func trainsWritesTheOutputsAndResumes() throws {
        let (dir, a, b) = try files()
        let state = dir.appendingPathComponent("run.json").path
        let output = dir.appendingPathComponent("path.extxyz").path
        let energies = dir.appendingPathComponent("path.csv").path
        let first = try CommandRunner.run(["path", a, b] + Self.small + [
            "--steps", "30", "--state", state, "--output", output, "--frames", "7", "--energies", energies, "--quench", "--json"])
        #expect(first.status == 0, "\(first.error)")
        let summary = try #require(try CommandRunner.json(first) as? [String: Any])
        #expect(summary["steps"] as? Int == 30)
        #expect((summary["pathLength"] as? Double ?? 0) > 0)
        #expect((summary["quenchedBasins"] as? [Double])?.isEmpty == false)
        let csv = try String(contentsOfFile: energies, encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 8 && csv[0] == "time,potential_energy,kinetic_energy,total_energy,quenched_energy")
        let frames = try String(contentsOfFile: output, encoding: .utf8)
        #expect(frames.components(separatedBy: "velocities:R:3").count == 8)
        let second = try CommandRunner.run(["path", a, b] + Self.small + ["--steps", "50", "--state", state, "--json"])
        #expect(second.status == 0, "\(second.error)")
        let resumed = try #require(try CommandRunner.json(second) as? [String: Any])
        #expect(resumed["steps"] as? Int == 50 && resumed["pretrainingSteps"] as? Int == 100)
    }

    /// Three frames of the four atoms with velocities, as an MD trajectory would hold them.
    static let reference: String = (0..<3).map { k -> String in
        let s = Double(k) / 2
        return """
            4
            Properties=species:S:1:pos:R:3:velocities:R:3
            X \(0.02 * s) \(-0.03 * s) \(0.01 * s) 0.04 -0.06 0.02
            X \(1.12 + 0.03 * s) \(0.02 * s) 0 0.06 0.04 0
            X \(0.56 - 0.04 * s) \(0.97 + 0.03 * s) \(0.03 * s) -0.08 0.06 0.06
            X \(0.56 + 0.02 * s) \(0.32 - 0.02 * s) \(0.92 + 0.03 * s) 0.04 -0.04 0.06
            """
    }.joined(separator: "\n")

    @Test func searchesTheWeightsAndComparesWithAReference() throws {
        let (dir, a, b) = try files()
        let reference = dir.appendingPathComponent("md.xyz")
        try (Self.reference + "\n").write(to: reference, atomically: true, encoding: .utf8)
        let prefix = dir.appendingPathComponent("cmp").path
        let result = try CommandRunner.run(["path", a, b] + Self.small + [
            "--steps", "20", "--search-trials", "3", "--search-steps", "5", "--search-decades", "4",
            "--reference", reference.path, "--comparison", prefix, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        let search = try #require(summary["weightSearch"] as? [String: Any])
        let trials = try #require(search["trials"] as? [[String: Any]])
        let index = try #require(search["bestIndex"] as? Int)
        let kept = try #require(trials[index]["weights"] as? [String: Double])
        #expect(trials.count == 3 && (summary["weights"] as? [String: Double]) == kept)
        let comparison = try #require(summary["comparison"] as? [String: Any])
        #expect((comparison["rows"] as? [Any])?.count == 3 && (comparison["largestPositionRMSD"] as? Double ?? 0) > 0)
        let rmsd = try String(contentsOfFile: prefix + "-rmsd.csv", encoding: .utf8).split(separator: "\n")
        #expect(rmsd.count == 4 && rmsd[0] == "time,grid_time,position_rmsd,momentum_rmsd")
        for name in ["rmsd.svg", "vacf.csv", "vacf.svg"] { #expect(FileManager.default.fileExists(atPath: "\(prefix)-\(name)")) }
        #expect(!FileManager.default.fileExists(atPath: prefix + "-gr.csv"))
    }

    @Test(arguments: [
        (["--intervals", "2"], "--intervals must be at least 3"),
        (["--duration", "0"], "--duration must be positive"),
        (["--comparison", "cmp"], "--comparison needs --reference"),
        (["--search-trials", "2", "--search-steps", "0"], "at least one step per trial"),
        (["--search-trials", "2", "--search-decades", "1e300"], "decades must be from 0 to 20"),
        (["--search-trials", "2", "--search-decades", "nan"], "decades must be from 0 to 20"),
        (["--search-trials", "2000000000"], "--search-trials must be from 0 to 10000"),
        (["--hidden", "9223372036854775807"], "--hidden must be from 1 to 100000"),
        (["--intervals", "2000000000"], "--intervals must be at most 1000000"),
        (["--frames", "2000000000"], "--frames must be from 2 to 1000000"),
    ])
    func refusesBadSettings(arguments: [String], message: String) throws {
        let (dir, a, b) = try files()
        let output = dir.appendingPathComponent("path.extxyz").path
        let result = try CommandRunner.run(["path", a, b, "--cutoff", "none", "--duration", "1"] + arguments + ["--output", output])
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(arguments: [
        ("3\nProperties=species:S:1:pos:R:3\nX 0 0 0\nX 1.1 0 0\nX 0 1.1 0", "the start has 4 atoms and the end 3"),
        ("4\nProperties=species:S:1:pos:R:3\nX 0 0 0\nX 1.12 0 0\nX 0.56 0.97 0\nY 0.56 0.32 0.92", "atom 4 is X at the start and Y at the end"),
        ("4\nProperties=species:S:1:pos:R:3\nX 0 0 0\nX 0.01 0 0\nX 0.56 0.97 0\nX 0.56 0.32 0.92", "the end structure: atoms 1 and 2"),
    ])
    func refusesBadEndPoints(end: String, message: String) throws {
        let (dir, a, b) = try files(end)
        let output = dir.appendingPathComponent("path.extxyz").path
        let state = dir.appendingPathComponent("run.json").path
        let result = try CommandRunner.run(["path", a, b] + Self.small + ["--output", output, "--state", state])
        #expect(result.status == 1)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: output) && !FileManager.default.fileExists(atPath: state))
    }
}

/// Ctrl-C during training: the state and the outputs of the best network so far are written,
/// and the exit status is the shell's 130.
@Suite struct PathInterruptTests {
    @Test func keepsTheBestStateOnInterrupt() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let a = dir.appendingPathComponent("a.xyz"), b = dir.appendingPathComponent("b.xyz")
        try (PathCommandTests.start + "\n").write(to: a, atomically: true, encoding: .utf8)
        try (PathCommandTests.end + "\n").write(to: b, atomically: true, encoding: .utf8)
        let state = dir.appendingPathComponent("run.json").path
        let output = dir.appendingPathComponent("path.extxyz").path
        let process = try Subprocess.launch(["path", a.path, b.path] + PathCommandTests.small + [
            "--steps", "100000000", "--save-every", "50", "--state", state, "--output", output])
        Subprocess.wait { FileManager.default.fileExists(atPath: state) }
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(FileManager.default.fileExists(atPath: output))
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: state))) as? [String: Any])
        #expect((saved["step"] as? Int ?? 0) > 0)
        #expect((saved["bestParameters"] as? [Double])?.isEmpty == false)
    }
}
