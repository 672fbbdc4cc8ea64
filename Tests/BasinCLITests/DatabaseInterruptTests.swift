import Foundation
import Testing

/// Signals and kill -9 during commands that write minima databases: `db add` records all or
/// nothing, and a `hop` run that did not finish reads as interrupted.
@Suite struct DatabaseInterruptTests {
    /// `count` distinct three-atom clusters (right triangles with legs a < b), one frame each, in an xyz file.
    static func triangles(_ count: Int, in folder: URL) throws -> String {
        var text = ""
        for k in 0..<count {
            let a = 1.0 + 0.01 * Double(k % 100), b = 2.05 + 0.01 * Double(k / 100)
            text += "3\n\nX 0 0 0\nX \(a) 0 0\nX 0 \(b) 0\n"
        }
        let url = folder.appendingPathComponent("triangles.xyz")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test(arguments: [SIGTERM, SIGKILL])
    func stoppedImportRecordsNothingAndARerunCountsEachMinimumOnce(signal: Int32) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let frames = 3000
        let input = try Self.triangles(frames, in: folder)
        let database = folder.appendingPathComponent("minima.db").path
        // The database is opened once every frame is read and checked (seconds in a debug
        // build); recording them takes about a tenth of a second, and the signal lands then.
        let stopped = try Subprocess.launch(["db", "add", input, "--database", database])
        Subprocess.wait { FileManager.default.fileExists(atPath: database) }
        #expect(stopped.isRunning, "the import ended before the signal")
        kill(stopped.processIdentifier, signal)
        stopped.waitUntilExit()
        if signal == SIGKILL {
            #expect(stopped.terminationReason == .uncaughtSignal)
        } else {
            #expect(stopped.terminationReason == .exit && stopped.terminationStatus == 143)
        }
        // Nothing of the stopped import is in the database: running it again records every
        // minimum as new, in the only run.
        let again = try CommandRunner.run(["db", "add", input, "--database", database])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("\(frames) new and 0 known minima recorded"), "\(again.output.suffix(200))")
        let runs = try CommandRunner.run(["db", "runs", "--database", database, "--json"])
        let rows = try #require((try CommandRunner.json(runs) as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(rows.count == 1 && rows.first?["status"] as? String == "finished", "\(runs.output)")
    }

    @Test func interruptedImportSaysSoAndExitsWithTheSignalStatus() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Reading and checking 5,000 frames takes a good part of a second in a debug build; the
        // signal is sent as soon as the command handles SIGINT, early in that reading.
        let input = try Self.triangles(5000, in: folder)
        let database = folder.appendingPathComponent("minima.db").path
        let stopped = try InterruptTests.run(["db", "add", input, "--database", database], signal: SIGINT, delay: 0, marker: nil)
        #expect(!stopped.signaled && stopped.status == 130, "\(stopped.error)")
        #expect(stopped.error.contains("SIGINT: import stopped; nothing was recorded in \(database)"), "\(stopped.error)")
    }

    @Test func killedHopRunReadsAsInterrupted() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("minima.db").path
        let hop = try Subprocess.launch(["hop", "--atoms", "13", "--steps", "100000000", "--database", database])
        Subprocess.wait { FileManager.default.fileExists(atPath: database) }
        Thread.sleep(forTimeInterval: 0.5)
        let running = try CommandRunner.run(["db", "runs", "--database", database, "--json"])
        let live = try #require((try CommandRunner.json(running) as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(live.first?["status"] as? String == "running")
        kill(hop.processIdentifier, SIGKILL)
        hop.waitUntilExit()

        let runs = try CommandRunner.run(["db", "runs", "--database", database, "--json"])
        #expect(runs.status == 0, "\(runs.error)")
        let rows = try #require((try CommandRunner.json(runs) as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["status"] as? String == "interrupted")
        #expect(rows.first?["finishedAt"] == nil && rows.first?["steps"] == nil)
        let table = try CommandRunner.run(["db", "runs", "--database", database])
        #expect(table.output.contains("basin-hopping") && table.output.contains("interrupted"), "\(table.output)")
        let show = try CommandRunner.run(["db", "show", "1", "--database", database])
        #expect(show.output.contains("basin-hopping, seed 1, interrupted"), "\(show.output)")
    }

    @Test func hopStoppedBySIGTERMClosesItsRunAsInterrupted() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("minima.db").path
        let stopped = try InterruptTests.run(
            ["hop", "--atoms", "13", "--steps", "100000000", "--database", database], signal: SIGTERM, delay: 1.0, marker: nil)
        #expect(!stopped.signaled && stopped.status == 143, "\(stopped.error)")
        let runs = try CommandRunner.run(["db", "runs", "--database", database, "--json"])
        let rows = try #require((try CommandRunner.json(runs) as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(rows.first?["status"] as? String == "interrupted")
        #expect((rows.first?["steps"] as? Int ?? 0) > 0 && rows.first?["finishedAt"] != nil)
    }
}
