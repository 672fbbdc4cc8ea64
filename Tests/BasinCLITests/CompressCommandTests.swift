import Foundation
import Testing

/// `basin compress`: the analysis of small Lennard-Jones minima, as text, JSON and errors.
@Suite struct CompressCommandTests {
    static let clusters = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/lj-clusters")

    func cluster(_ n: Int) -> String { Self.clusters.appendingPathComponent("LJ\(n).xyz").path }

    @Test func analyzeReportsTheRadiusAndLevelsAsJSON() throws {
        let result = try CommandRunner.run(["compress", "analyze", cluster(7), "--samples", "200", "--threads", "2", "--json"])
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        let report = try #require(summary["report"] as? [String: Any])
        #expect(report["atoms"] as? Int == 7)
        #expect(report["samples"] as? Int == 200)
        let radius = try #require(report["radius"] as? Double)
        let estimate = try #require(report["lipschitzShortestPath"] as? Double)
        let sampled = try #require(report["lipschitzSampled"] as? Double)
        #expect(radius > 0 && radius * estimate <= 2 + 1e-9)
        #expect(estimate >= sampled)
        #expect(summary["guaranteeHolds"] as? Bool == true)
        #expect(summary["smallestConvergingBits"] is Int)
    }

    @Test func tablePrintsOneRowPerFile() throws {
        let result = try CommandRunner.run(["compress", "table", cluster(6), cluster(8), "--samples", "100", "--bits", "8...20"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("L**_est") && lines[0].contains("c_p"))
        #expect(lines[1].contains("LJ6.xyz") && lines[1].contains("yes"))
        #expect(lines[2].contains("LJ8.xyz"))
    }

    @Test func errorsNameTheFile() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let text = try String(contentsOfFile: cluster(6), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[4] = "X 0.3 0.2 0.1"
        let moved = directory.appendingPathComponent("moved.xyz")
        try lines.joined(separator: "\n").write(to: moved, atomically: true, encoding: .utf8)
        let notMinimum = try CommandRunner.run(["compress", "analyze", moved.path])
        #expect(notMinimum.status != 0)
        #expect(notMinimum.error.contains("moved.xyz") && notMinimum.error.contains("not a minimum"))

        let missing = try CommandRunner.run(["compress", "table", directory.appendingPathComponent("none.xyz").path])
        #expect(missing.status != 0)
        #expect(missing.error.contains("none.xyz"))

        let badBits = try CommandRunner.run(["compress", "analyze", cluster(6), "--bits", "30...20"])
        #expect(badBits.status != 0)
    }
}
