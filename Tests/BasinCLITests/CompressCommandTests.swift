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
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("conventions: basin"))
        #expect(lines[1].contains("L**_est") && lines[1].contains("c_p"))
        #expect(lines[2].contains("LJ6.xyz") && lines[2].contains("yes"))
        #expect(lines[3].contains("LJ8.xyz"))
    }

    @Test func thePaperConventionsCountTheLeadingBitAndMoveTheAtomsHalfAsFar() throws {
        func run(_ conventions: String) throws -> [String: Any] {
            let result = try CommandRunner.run(["compress", "analyze", cluster(6), "--samples", "50", "--conventions", conventions, "--json"])
            #expect(result.status == 0, "\(result.error)")
            let summary = try #require(try CommandRunner.json(result) as? [String: Any])
            return try #require(summary["report"] as? [String: Any])
        }
        let basin = try run("basin"), paper = try run("paper")
        #expect(basin["conventions"] as? String == "basin" && paper["conventions"] as? String == "paper")
        let basinTrials = try #require((basin["levels"] as? [String: Any])?["trials"] as? [[String: Any]])
        let paperTrials = try #require((paper["levels"] as? [String: Any])?["trials"] as? [[String: Any]])
        #expect(basinTrials.first?["bits"] as? Int == 0 && paperTrials.first?["bits"] as? Int == 1)
        // Each atom moves r/2 instead of r/√2: a smaller L**_est and a larger radius.
        let basinRadius = try #require(basin["radius"] as? Double), paperRadius = try #require(paper["radius"] as? Double)
        #expect(paperRadius > 1.2 * basinRadius && paperRadius < 1.6 * basinRadius)
        let table = try CommandRunner.run(["compress", "table", cluster(6), "--samples", "20", "--conventions", "paper"])
        #expect(table.output.hasPrefix("conventions: paper"))
        let wrong = try CommandRunner.run(["compress", "table", cluster(6), "--conventions", "wang"])
        #expect(wrong.status != 0)
    }

    @Test func sweepWritesCurvesAndTheNearestSingularity() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let result = try CommandRunner.run([
            "compress", "sweep", cluster(6), "-o", directory.path, "--points", "6", "--sample-count", "30", "--samples", "50", "--json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let summaries = try #require(try CommandRunner.json(result) as? [[String: Any]])
        let sweep = try #require(summaries.first?["sweep"] as? [String: Any])
        let singular = try #require(sweep["nearestSingularity"] as? Double)
        // The closest pair of free atoms meets after d/√2 (d ≈ 1.1 for LJ6).
        #expect(singular > 0.7 && singular < 0.85)
        let radius = try #require(sweep["radius"] as? Double)
        #expect(radius > 0.02 && radius < 0.05)
        let csv = try String(contentsOf: directory.appendingPathComponent("LJ6.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n")
        #expect(rows.first == "r,L_est,L_rand,two_over_r")
        #expect(rows.count == 7)
        // L**_est dominates L**_rand and 2/r falls with r.
        for row in rows.dropFirst() {
            let v = row.split(separator: ",").compactMap { Double($0) }
            #expect(v.count == 4 && v[1] >= v[2] && abs(v[3] - 2 / v[0]) <= 1e-5 * v[3])
        }
        let svg = try String(contentsOf: directory.appendingPathComponent("LJ6.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("L**_est"))
        let bad = try CommandRunner.run(["compress", "sweep", cluster(6), "-o", directory.path, "--from", "0.5", "--to", "0.1"])
        #expect(bad.status != 0)
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

    @Test(arguments: [
        (["--from", "1e-300", "--to", "inf"], "both finite"),
        (["--from", "nan"], "0 < --from < --to"),
        (["--points", "2000000000"], "--points must be from 2 to 10000"),
        (["--sample-count", "9223372036854775807"], "--sample-count must be from 1 to 10000000"),
        (["--frame-candidates", "0"], "--frame-candidates must be at least 1"),
    ])
    func sweepRefusesExtremeSettings(arguments: [String], message: String) throws {
        let output = try CommandRunner.temporaryDirectory().appendingPathComponent("sweep")
        let result = try CommandRunner.run(["compress", "sweep", cluster(6), "-o", output.path] + arguments)
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
