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
    /// When the run finished, or nil while it runs (or if it stopped without finishing).
    public var finishedAt: Date?
    /// Number of steps it took, set when it finished.
    public var steps: Int?
}
