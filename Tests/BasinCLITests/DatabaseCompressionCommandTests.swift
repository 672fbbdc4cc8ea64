import Foundation
import Testing

/// `basin db compress` and `basin db verify`.
@Suite struct DatabaseCompressionCommandTests {
    /// LJ8 with one atom pushed outwards by 5 %: Lennard-Jones, but not a minimum.
    static func pushedCluster(in directory: URL) throws -> String {
        let lines = try String(contentsOfFile: DatabaseCommandTests.cluster(8), encoding: .utf8).split(separator: "\n")
        let atoms = lines.dropFirst(2).enumerated().map { index, line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let scale = index == 3 ? 1.05 : 1
            return "X \(Double(fields[1])! * scale) \(Double(fields[2])! * scale) \(Double(fields[3])! * scale)"
        }
        let url = directory.appendingPathComponent("pushed.xyz")
        try ("8\npushed\n" + atoms.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func compressAndVerify() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let database = dir.appendingPathComponent("minima.db").path
        let added = try CommandRunner.run([
            "db", "add", DatabaseCommandTests.cluster(7), DatabaseCommandTests.cluster(13), try Self.pushedCluster(in: dir),
            "--database", database,
        ])
        #expect(added.status == 0, "\(added.error)")

        let compressed = try CommandRunner.run(["db", "compress", "--database", database, "--samples", "200", "--threads", "1", "--json"])
        #expect(compressed.status == 0, "\(compressed.error)")
        let report = try #require(try CommandRunner.json(compressed) as? [String: Any])
        let rows = try #require(report["minima"] as? [[String: Any]])
        #expect(rows.map { $0["atoms"] as? Int } == [7, 13, 8])
        for row in rows.prefix(2) {
            let n = try #require(row["atoms"] as? Int)
            let bytes = try #require(row["compressedBytes"] as? Int)
            #expect(row["rawBytes"] as? Int == 24 * n)
            #expect(row["reducedRawBytes"] as? Int == 8 * (3 * n - 6))
            #expect(abs((row["ratio"] as? Double ?? 0) - Double(24 * n) / Double(bytes)) < 1e-12)
            #expect((row["bits"] as? Int).map { (0...24).contains($0) } == true)
            #expect((row["radius"] as? Double ?? 0) > 0)
        }
        #expect(rows[2]["bits"] == nil)
        #expect((rows[2]["refusal"] as? String)?.contains("not a minimum") == true)
        let totals = try #require(report["totals"] as? [String: Any])
        #expect(totals["compressed"] as? Int == 2)
        #expect(totals["uncompressed"] as? Int == 1)
        #expect(totals["rawBytes"] as? Int == 24 * 20)

        let verified = try CommandRunner.run(["db", "verify", "--database", database, "--threads", "1", "--json"])
        #expect(verified.status == 0, "\(verified.error)")
        let verification = try #require(try CommandRunner.json(verified) as? [String: Any])
        #expect(verification["verified"] as? Int == 2)
        #expect(verification["failed"] as? Int == 0)
        for row in try #require(verification["minima"] as? [[String: Any]]) {
            #expect((row["distance"] as? Double ?? 1) <= 1e-10)
        }
        let table = try CommandRunner.run(["db", "verify", "--database", database, "--threads", "1"])
        #expect(table.output.contains("2 of 2 compressed minima verified"))

        // Asking to verify the minimum that was left uncompressed is an error.
        let uncompressed = try CommandRunner.run(["db", "verify", "--database", database, "--ids", "3"])
        #expect(uncompressed.status != 0)
        #expect(uncompressed.error.contains("minimum 3 is not compressed"))
    }

    @Test func anEnergyRangeSelectsTheMinimaToCompress() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let database = dir.appendingPathComponent("minima.db").path
        let added = try CommandRunner.run([
            "db", "add", DatabaseCommandTests.cluster(7), DatabaseCommandTests.cluster(13), "--database", database,
        ])
        #expect(added.status == 0, "\(added.error)")
        // LJ7 lies at −16.505 ε, LJ13 at −44.327 ε.
        let arguments = ["db", "compress", "--database", database, "--samples", "50", "--threads", "1", "--json"]
        let low = try CommandRunner.run(arguments + ["--max-energy", "-40"])
        #expect(low.status == 0, "\(low.error)")
        let rows = try #require((try CommandRunner.json(low) as? [String: Any])?["minima"] as? [[String: Any]])
        #expect(rows.map { $0["atoms"] as? Int } == [13])
        let none = try CommandRunner.run(arguments + ["--ids", "1", "--min-energy", "-20"])
        let picked = try #require((try CommandRunner.json(none) as? [String: Any])?["minima"] as? [[String: Any]])
        #expect(picked.map { $0["atoms"] as? Int } == [7])
        let unknown = try CommandRunner.run(arguments + ["--ids", "99"])
        #expect(unknown.status != 0)
    }
}
