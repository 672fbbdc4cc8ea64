import Foundation

/// A search that recorded minima: one row of the `runs` table.
public struct SearchRun: Sendable, Equatable {
    public var id: RunID
    /// What kind of search it was, e.g. "basin-hopping" or "import".
    public var kind: String
    /// The search's settings as JSON text (an object with sorted keys when written by
    /// `MinimaDatabase.startRun`).
    public var parameters: String
    /// The seed of its random generator, if it used one.
    public var seed: UInt64?
    /// When the run started.
    public var startedAt: Date
    /// When the run finished or was stopped by a signal; nil while it runs, or when its process
    /// ended without closing it.
    public var finishedAt: Date?
    /// Number of steps it took, set when it finished or was stopped by a signal.
    public var steps: Int?
    /// Whether it is running, finished, or was interrupted (see `RunStatus`).
    public var status: RunStatus
}
