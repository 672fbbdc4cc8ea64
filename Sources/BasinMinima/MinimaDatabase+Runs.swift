import Foundation
import GRDB

extension MinimaDatabase {
    /// Starts a search run and returns its id, to pass to `record` and `finishRun`.
    ///
    /// - Parameters:
    ///   - kind: what kind of search it is, e.g. "basin-hopping".
    ///   - parameters: its settings, stored as JSON text with sorted keys (numbers must be finite).
    ///   - seed: the seed of its random generator, if any.
    public func startRun(kind: String, parameters: some Encodable, seed: UInt64? = nil) throws(MinimaDatabaseError) -> RunID {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json: String
        do {
            json = String(decoding: try encoder.encode(parameters), as: UTF8.self)
        } catch {
            throw MinimaDatabaseError(file: path, .invalidParameters("\(error)"))
        }
        return try write { db in
            try db.execute(
                sql: "INSERT INTO runs (kind, parameters, seed, started_at) VALUES (?, ?, ?, ?)",
                arguments: [kind, json, seed.map { Int64(bitPattern: $0) }, Date()])
            return RunID(rawValue: db.lastInsertedRowID)
        }
    }

    /// Marks `run` finished now, after `steps` steps.
    public func finishRun(_ run: RunID, steps: Int) throws(MinimaDatabaseError) {
        let file = path
        try write { db in
            try db.execute(
                sql: "UPDATE runs SET finished_at = ?, steps = ? WHERE id = ?", arguments: [Date(), steps, run.rawValue])
            guard db.changesCount == 1 else { throw MinimaDatabaseError(file: file, .unknownRun(run)) }
        }
    }

    /// The run with this id.
    public func run(id: RunID) throws(MinimaDatabaseError) -> SearchRun {
        let file = path
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.runColumns) WHERE id = ?", arguments: [id.rawValue]) else {
                throw MinimaDatabaseError(file: file, .unknownRun(id))
            }
            return SearchRun(row: row)
        }
    }

    /// Every run, oldest first.
    public func runs() throws(MinimaDatabaseError) -> [SearchRun] {
        try read { db in try Row.fetchAll(db, sql: "\(Self.runColumns) ORDER BY id").map(SearchRun.init(row:)) }
    }

    private static let runColumns = "SELECT id, kind, parameters, seed, started_at, finished_at, steps FROM runs"
}

extension SearchRun {
    /// A row of `MinimaDatabase.runColumns`.
    init(row: Row) {
        let seed: Int64? = row[3]
        self.init(
            id: RunID(rawValue: row[0]), kind: row[1], parameters: row[2], seed: seed.map { UInt64(bitPattern: $0) },
            startedAt: row[4], finishedAt: row[5], steps: row[6])
    }
}
