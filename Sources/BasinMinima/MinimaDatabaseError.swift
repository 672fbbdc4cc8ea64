/// An error opening, reading or writing a minima database, naming the database file, e.g.
/// `runs.db: not a Basin minima database (it holds other tables)`.
public struct MinimaDatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Equatable, Sendable {
        /// The database file does not exist (and was not to be created).
        case fileNotFound
        /// The file is not an SQLite database written by Basin.
        case notABasinDatabase(String)
        /// The database was written by a newer Basin, with a schema this version does not know.
        case newerSchema
        /// No minimum has this id.
        case unknownMinimum(MinimumID)
        /// No run has this id.
        case unknownRun(RunID)
        /// A minimum to record is inconsistent (counts, non-finite numbers, bad labels).
        case invalidMinimum(String)
        /// A run's parameters could not be encoded as JSON.
        case invalidParameters(String)
        /// A stored row is damaged (a blob of the wrong length, symbols that do not match).
        case corrupt(String)
        /// The caller stopped a transaction (e.g. on a signal); nothing of it was written.
        case cancelled
        /// SQLite reported an error (I/O, locking, a full disk).
        case sqlite(String)
    }

    /// The database file as the caller named it.
    public var file: String
    public var problem: Problem

    public init(file: String, _ problem: Problem) {
        self.file = file
        self.problem = problem
    }

    /// The problem without the file name.
    public var message: String {
        switch problem {
        case .fileNotFound: "no such file"
        case .notABasinDatabase(let reason): "not a Basin minima database (\(reason))"
        case .newerSchema: "the database was written by a newer version of Basin; its schema is unknown to this one"
        case .unknownMinimum(let id): "no minimum with id \(id)"
        case .unknownRun(let id): "no run with id \(id)"
        case .invalidMinimum(let reason): "cannot record the minimum: \(reason)"
        case .invalidParameters(let reason): "cannot store the run parameters as JSON: \(reason)"
        case .corrupt(let reason): "damaged database: \(reason)"
        case .cancelled: "cancelled; nothing was written"
        case .sqlite(let reason): "database error: \(reason)"
        }
    }

    /// One line: `file: message`.
    public var description: String { "\(file): \(message)" }
}
