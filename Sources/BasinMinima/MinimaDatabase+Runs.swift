import BasinIO
import Foundation
import GRDB

extension MinimaDatabase {
    /// Starts a search run and returns its id, to pass to `record` and `finishRun`. The run is
    /// marked running, with this process's id, until `finishRun` closes it; if the process ends
    /// first (killed), the run reads back as interrupted.
    ///
    /// - Parameters:
    ///   - kind: what kind of search it is, e.g. "basin-hopping".
    ///   - parameters: its settings, stored as JSON text with sorted keys (numbers must be finite).
    ///   - seed: the seed of its random generator, if any.
    public func startRun(kind: String, parameters: some Encodable, seed: UInt64? = nil) throws(MinimaDatabaseError) -> RunID {
        let json = try encode(parameters)
        return try write { db in try Self.insertRun(kind: kind, parameters: json, seed: seed, in: db) }
    }

    /// Closes `run` now, after `steps` steps: finished, or interrupted when a signal stopped it.
    public func finishRun(_ run: RunID, steps: Int, interrupted: Bool = false) throws(MinimaDatabaseError) {
        let file = path
        try write { db in
            try Self.closeRun(run, steps: steps, status: interrupted ? .interrupted : .finished, in: db, file: file)
        }
    }

    /// The run with this id.
    public func run(id: RunID) throws(MinimaDatabaseError) -> SearchRun {
        let file = path
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.runColumns) WHERE id = ?", arguments: [id.rawValue]) else {
                throw MinimaDatabaseError(file: file, .unknownRun(id))
            }
            return try SearchRun(row: row)
        }
    }

    /// Every run, oldest first.
    public func runs() throws(MinimaDatabaseError) -> [SearchRun] {
        try read { db in try Row.fetchAll(db, sql: "\(Self.runColumns) ORDER BY id").map { row in try SearchRun(row: row) } }
    }

    /// `parameters` as JSON text with sorted keys.
    func encode(_ parameters: some Encodable) throws(MinimaDatabaseError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(parameters), as: UTF8.self)
        } catch {
            throw MinimaDatabaseError(file: path, .invalidParameters("\(error)"))
        }
    }

    /// Inserts a running run of this process inside the caller's transaction.
    static func insertRun(kind: String, parameters: String, seed: UInt64?, in db: Database) throws -> RunID {
        try db.execute(
            sql: "INSERT INTO runs (kind, parameters, seed, started_at, status, pid, host) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [kind, parameters, seed.map { Int64(bitPattern: $0) }, Date(), RunStatus.running.rawValue,
                        ProcessExistence.current, RunStatus.host])
        return RunID(rawValue: db.lastInsertedRowID)
    }

    /// Sets the end time, steps and status of `run` inside the caller's transaction.
    static func closeRun(_ run: RunID, steps: Int, status: RunStatus, in db: Database, file: String) throws {
        try db.execute(
            sql: "UPDATE runs SET finished_at = ?, steps = ?, status = ? WHERE id = ?",
            arguments: [Date(), steps, status.rawValue, run.rawValue])
        guard db.changesCount == 1 else { throw MinimaDatabaseError(file: file, .unknownRun(run)) }
    }

    private static let runColumns = "SELECT id, kind, parameters, seed, started_at, finished_at, steps, status, pid, host FROM runs"
}

extension SearchRun {
    /// A row of `MinimaDatabase.runColumns`.
    init(row: Row) throws {
        let seed: Int64? = try row.decode(atIndex: 3)
        self.init(
            id: RunID(rawValue: try row.decode(atIndex: 0)), kind: try row.decode(atIndex: 1), parameters: try row.decode(atIndex: 2),
            seed: seed.map { UInt64(bitPattern: $0) }, startedAt: try row.decode(atIndex: 4), finishedAt: try row.decode(atIndex: 5),
            steps: try row.decode(atIndex: 6),
            status: RunStatus.reading(stored: try row.decode(atIndex: 7), pid: try row.decode(atIndex: 8), host: try row.decode(atIndex: 9)))
    }
}
