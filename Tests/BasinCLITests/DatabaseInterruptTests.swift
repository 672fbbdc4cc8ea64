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

    /// The frames reach the command through a named pipe, written only after the command has
    /// taken over SIGINT and received it, so the signal always lands while the import reads,
    /// however slowly a loaded machine starts the process or runs it.
    @Test func interruptedImportSaysSoAndExitsWithTheSignalStatus() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOfFile: try Self.triangles(1000, in: folder), encoding: .utf8)
        let fifo = folder.appendingPathComponent("frames.xyz").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let database = folder.appendingPathComponent("minima.db").path
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["db", "add", fifo, "--database", database]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        Subprocess.wait { !process.isRunning || InterruptTests.handles(SIGINT, processIdentifier: process.processIdentifier) }
        try #require(process.isRunning, "the import ended before reading its input")
        kill(process.processIdentifier, SIGINT)
        Thread.sleep(forTimeInterval: 0.2)
        try Self.write(text, toPipe: fifo, while: process)
        process.waitUntilExit()
        let error = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(error)")
        #expect(error.contains("SIGINT: import stopped; nothing was recorded in \(database)"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    /// Writes `text` into the named pipe `path` once `process` has opened it for reading (polling,
    /// so that a process that ended without opening it cannot block the test).
    static func write(_ text: String, toPipe path: String, while process: Process) throws {
        var descriptor: Int32 = -1
        Subprocess.wait {
            descriptor = open(path, O_WRONLY | O_NONBLOCK)
            return descriptor >= 0 || !process.isRunning
        }
        try #require(descriptor >= 0, "the import never opened its input")
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        handle.write(Data(text.utf8))
        try handle.close()
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
