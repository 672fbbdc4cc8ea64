import Foundation
import Testing

/// `basin db compress` polishes minima before compressing them and fails when a true minimum fails.
@Suite struct CompressExitStatusTests {
    @Test func hopMinimaCompressAfterRefinement() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("lj.db").path
        let hop = try CommandRunner.run(["hop", "--atoms", "9", "--steps", "20", "--seed", "1", "--database", database])
        #expect(hop.status == 0, "\(hop.error)")
        let compressed = try CommandRunner.run(["db", "compress", "--database", database, "--samples", "20", "--threads", "1", "--json"])
        #expect(compressed.status == 0, "\(compressed.error)")
        let report = try #require(try CommandRunner.json(compressed) as? [String: Any])
        let totals = try #require(report["totals"] as? [String: Any])
        #expect(totals["failed"] as? Int == 0 && totals["uncompressed"] as? Int == 0, "\(totals)")
        #expect((totals["compressed"] as? Int ?? 0) >= 1)
        let verified = try CommandRunner.run(["db", "verify", "--database", database, "--threads", "1"])
        #expect(verified.status == 0, "\(verified.output)\n\(verified.error)")
    }

    @Test func aTrueMinimumLeftUncompressedExitsWithOne() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("minima.db").path
        #expect(try CommandRunner.run(["db", "add", DatabaseCommandTests.cluster(7), "--database", database]).status == 0)
        let result = try CommandRunner.run(["db", "compress", "--database", database, "--samples", "20", "--threads", "1", "--bits", "0...1"])
        #expect(result.status == 1, "\(result.output)\n\(result.error)")
        #expect(result.output.contains("0 compressed, 1 left uncompressed (0 skipped as not Lennard-Jones minima, 1 failed)"), "\(result.output)")
        #expect(result.error.contains("1 of 1 minima are true Lennard-Jones minima that could not be compressed"), "\(result.error)")
    }
}
