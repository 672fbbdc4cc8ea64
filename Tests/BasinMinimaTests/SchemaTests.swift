import Foundation
import GRDB
import Testing

@testable import BasinMinima

@Suite("Opening, creating and rejecting database files")
struct SchemaTests {
    @Test("a new database has the schema, and reopening keeps what was stored")
    func createAndReopen() throws {
        let path = try temporaryDatabasePath()
        let cluster = try Cluster(atoms: 13)
        do {
            let database = try MinimaDatabase(path: path)
            #expect(try database.count == 0)
            try database.record(energy: cluster.energy, positions: cluster.positions, symbols: cluster.symbols)
        }
        let reopened = try MinimaDatabase(path: path, mode: .existing)
        #expect(try reopened.count == 1)
        let stored = try reopened.minimum(id: MinimumID(rawValue: 1))
        #expect(stored.energy == cluster.energy)
        #expect(stored.positions == cluster.positions)

        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "PRAGMA application_id") == MinimaDatabase.applicationID)
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            let columns = Set(try db.columns(in: "minima").map(\.name))
            #expect(columns.isSuperset(of: ["energy", "positions", "centroid_distances", "times_found", "bits", "compressed"]))
            let indexed = try db.indexes(on: "minima").flatMap(\.columns)
            #expect(indexed.contains("energy"))
            #expect(try db.columns(in: "runs").map(\.name) == [
                "id", "kind", "parameters", "seed", "started_at", "finished_at", "steps", "status", "pid", "host",
            ])
        }
    }

    @Test("a missing file is an error unless it may be created")
    func missingFile() throws {
        let path = try temporaryDatabasePath("absent.db")
        #expect(throws: MinimaDatabaseError(file: path, .fileNotFound)) {
            try MinimaDatabase(path: path, mode: .existing)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a text file, another program's SQLite file or an empty file is refused")
    func foreignFiles() throws {
        let text = try temporaryDatabasePath("notes.db")
        try "13\nnot a database\n".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: MinimaDatabaseError(file: text, .notABasinDatabase("not an SQLite database"))) {
            try MinimaDatabase(path: text)
        }

        let other = try temporaryDatabasePath("other.db")
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE items (name TEXT)") }
        let error = #expect(throws: MinimaDatabaseError.self) { try MinimaDatabase(path: other) }
        #expect(error?.description == "\(other): not a Basin minima database (it holds other tables)")
        // The other program's file is left as it was.
        let tables = try DatabaseQueue(path: other).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["items"])

        let empty = try temporaryDatabasePath("empty.db")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(throws: MinimaDatabaseError(file: empty, .notABasinDatabase("it is empty"))) {
            try MinimaDatabase(path: empty, mode: .existing)
        }
        #expect(try MinimaDatabase(path: empty).count == 0)
    }

    @Test("a database migrated by a newer version is refused")
    func newerSchema() throws {
        let path = try temporaryDatabasePath()
        _ = try MinimaDatabase(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('a later migration')")
        }
        #expect(throws: MinimaDatabaseError(file: path, .newerSchema)) { try MinimaDatabase(path: path) }
    }
}
