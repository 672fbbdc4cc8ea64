import Foundation
import GRDB

/// A database of local minima of a potential-energy surface, kept in one SQLite file.
///
/// Each distinct minimum is stored once, with its energy, atoms, positions and the fingerprint
/// that recognises it again up to rotation, translation, reflection and permutation of atoms
/// (`MinimumFingerprint`); finding it again increments its `timesFound`. Searches are recorded
/// as runs (kind, JSON parameters, seed, timestamps, steps), and each minimum remembers the run
/// and step that found it first. The schema is described at `migrator`.
///
/// ```swift
/// let database = try MinimaDatabase(path: "lj38.db")
/// let run = try database.startRun(kind: "basin-hopping", parameters: ["temperature": 0.8], seed: 7)
/// let outcome = try database.record(energy: e, positions: x, symbols: labels, run: run, step: 12)
/// try database.finishRun(run, steps: 1000)
/// let lowest = try database.minima(energyRange: -174 ... -173, limit: 10)
/// ```
///
/// Every call is one transaction on a serial connection (GRDB's `DatabaseQueue`), so a database
/// may be shared by threads. The file is in write-ahead-log mode with `synchronous = NORMAL`:
/// a crash of the program loses nothing committed, and a power failure at most the last few
/// records. Units are those of the potential that produced the minima.
public final class MinimaDatabase: Sendable {
    /// How to treat a path that holds no database yet.
    public enum OpenMode: Sendable {
        /// Create the file (and schema) when it does not exist or is empty.
        case create
        /// Require an existing Basin database.
        case existing
    }

    /// The file as named by the caller.
    public let path: String
    /// When two minima count as the same.
    public let matching: MinimumMatching
    let queue: DatabaseQueue

    /// Opens the database at `path`, creating it (with `.create`) and bringing its schema up to
    /// date. Throws when the file is missing (with `.existing`), is not a Basin database, or
    /// was written by a newer schema.
    public init(path: String, mode: OpenMode = .create, matching: MinimumMatching = MinimumMatching()) throws(MinimaDatabaseError) {
        self.path = path
        self.matching = matching
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if mode == .existing, !exists { throw MinimaDatabaseError(file: path, .fileNotFound) }
        if exists, isDirectory.boolValue { throw MinimaDatabaseError(file: path, .notABasinDatabase("it is a directory")) }
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.translate(error, file: path)
        }
        try access { db in
            try Self.claim(db, file: path, allowingNew: mode == .create)
            if try Self.migrator.hasBeenSuperseded(db) { throw MinimaDatabaseError(file: path, .newerSchema) }
        }
        do {
            try Self.migrator.migrate(queue)
        } catch {
            throw Self.translate(error, file: path)
        }
    }

    /// Number of stored minima.
    public var count: Int {
        get throws(MinimaDatabaseError) {
            try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM minima") ?? 0 }
        }
    }

    /// Checks that `db` is a Basin database, or makes an empty one a Basin database.
    private static func claim(_ db: Database, file: String, allowingNew: Bool) throws {
        let application = try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard application != applicationID else { return }
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        guard application == 0, tables == 0 else {
            let reason = application == 0 ? "it holds other tables" : "its application id is \(application)"
            throw MinimaDatabaseError(file: file, .notABasinDatabase(reason))
        }
        guard allowingNew else { throw MinimaDatabaseError(file: file, .notABasinDatabase("it is empty")) }
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA journal_mode = WAL")
    }

    // MARK: - Access with typed errors

    /// Runs `body` in a write transaction.
    func write<T>(_ body: (Database) throws -> T) throws(MinimaDatabaseError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw Self.translate(error, file: path)
        }
    }

    /// Runs `body` in a read-only transaction.
    func read<T>(_ body: (Database) throws -> T) throws(MinimaDatabaseError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.translate(error, file: path)
        }
    }

    /// Runs `body` outside any transaction (for pragmas that cannot run inside one).
    private func access<T>(_ body: (Database) throws -> T) throws(MinimaDatabaseError) -> T {
        do {
            return try queue.inDatabase(body)
        } catch {
            throw Self.translate(error, file: path)
        }
    }

    /// `error` as a `MinimaDatabaseError` naming `file`.
    static func translate(_ error: any Error, file: String) -> MinimaDatabaseError {
        if let error = error as? MinimaDatabaseError { return error }
        if error is RowDecodingError {
            return MinimaDatabaseError(file: file, .corrupt("a stored value has the wrong type or is missing"))
        }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_NOTADB {
                return MinimaDatabaseError(file: file, .notABasinDatabase("not an SQLite database"))
            }
            return MinimaDatabaseError(file: file, .sqlite(printable(error.message ?? "\(error.resultCode)")))
        }
        return MinimaDatabaseError(file: file, .sqlite(printable("\(error)")))
    }

    /// `text` as one printable line for a message: control characters (a damaged file's bytes
    /// that SQLite quotes) escaped as \u{…}, and at most 300 characters.
    static func printable(_ text: String) -> String {
        var line = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{FFFD}" {
                line += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                line.unicodeScalars.append(scalar)
            }
        }
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
