import BasinMath
import Foundation
import GRDB
import Testing

@testable import BasinMinima

/// An id of a process that has ended: one of `/bin/true`, waited for.
func deadProcessID() throws -> Int64 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return Int64(process.processIdentifier)
}

@Suite("Imports are all or nothing, and runs say whether they finished")
struct ImportTests {
    /// Four distinct published minima and one of them seen again, moved.
    static func minima() throws -> [MinimaDatabase.FoundMinimum] {
        var generator = SeededGenerator(seed: 3)
        var found = try [7, 8, 13, 19].map { atoms in
            let cluster = try Cluster(atoms: atoms)
            return MinimaDatabase.FoundMinimum(energy: cluster.energy, positions: cluster.positions, symbols: cluster.symbols)
        }
        var again = found[2]
        again.positions = randomlyMoved(again.positions, generator: &generator)
        found.append(again)
        return found
    }

    @Test("an import stopped part-way records nothing, and importing again counts each minimum once")
    func cancelledImportRollsBack() throws {
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let minima = try Self.minima()
        var asked = 0
        #expect(throws: MinimaDatabaseError(file: database.path, .cancelled)) {
            try database.importMinima(minima, parameters: ["files": "a.xyz"]) {
                asked += 1
                return asked > 3
            }
        }
        #expect(asked == 4)
        #expect(try database.count == 0)
        #expect(try database.runs().isEmpty)

        let outcome = try database.importMinima(minima, parameters: ["files": "a.xyz"])
        #expect(outcome.records.map(\.isNew) == [true, true, true, true, false])
        #expect(outcome.records.map(\.timesFound) == [1, 1, 1, 1, 2])
        #expect(try database.count == 4)
        let run = try database.run(id: outcome.run)
        #expect(run.status == .finished && run.steps == 5 && run.kind == "import")
        #expect(try database.minima().map(\.timesFound).sorted() == [1, 1, 1, 2])
    }

    @Test("an invalid minimum anywhere in an import is refused before anything is written")
    func invalidMinimumRefusesTheWholeImport() throws {
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        var minima = try Self.minima()
        minima[3].energy = .nan
        #expect(throws: MinimaDatabaseError(file: database.path, .invalidMinimum("minimum 4: the energy is not finite"))) {
            try database.importMinima(minima, parameters: [String: String]())
        }
        #expect(try database.count == 0)
        #expect(try database.runs().isEmpty)
    }

    @Test("a run is running while its process lives, interrupted when it is gone or was stopped, finished when closed")
    func runStatus() throws {
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let running = try database.startRun(kind: "basin-hopping", parameters: [String: String]())
        #expect(try database.run(id: running).status == .running)

        let killed = try database.startRun(kind: "basin-hopping", parameters: [String: String]())
        let dead = try deadProcessID()
        try database.queue.write { db in
            try db.execute(sql: "UPDATE runs SET pid = ? WHERE id = ?", arguments: [dead, killed.rawValue])
        }
        let stale = try database.run(id: killed)
        #expect(stale.status == .interrupted && stale.finishedAt == nil && stale.steps == nil)

        try database.finishRun(running, steps: 12, interrupted: true)
        #expect(try database.run(id: running).status == .interrupted)
        #expect(try database.run(id: running).steps == 12)
        let finished = try database.startRun(kind: "basin-hopping", parameters: [String: String]())
        try database.finishRun(finished, steps: 3)
        #expect(try database.runs().map(\.status) == [.interrupted, .interrupted, .finished])
    }

    @Test("a database of the first schema gains run status: closed runs finished, open ones interrupted")
    func migrationMarksOpenRunsInterrupted() throws {
        let path = try temporaryDatabasePath()
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in try db.execute(sql: "PRAGMA application_id = \(MinimaDatabase.applicationID)") }
        try MinimaDatabase.migrator.migrate(queue, upTo: "runs and minima")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (kind, started_at, finished_at, steps) VALUES ('import', '2026-01-01 00:00:00', '2026-01-01 00:01:00', 4);
                INSERT INTO runs (kind, started_at) VALUES ('basin-hopping', '2026-01-02 00:00:00');
                """)
        }
        try queue.close()
        let database = try MinimaDatabase(path: path, mode: .existing)
        #expect(try database.runs().map(\.status) == [.finished, .interrupted])
    }
}
