import BasinIO
import Foundation

/// Where a search run stands: the `status` column of the `runs` table, as read back.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// Its process is still recording minima.
    case running
    /// It ended normally and recorded its number of steps.
    case finished
    /// It stopped before its end: on a signal (its steps up to the stop are recorded), or its
    /// process ended without closing the run (killed or crashed; no steps recorded).
    case interrupted

    /// The status of a stored row: a row still marked running whose process (`pid` on `host`)
    /// is gone reads as interrupted. A run of another host, or without a pid, is taken at its word.
    static func reading(stored: String, pid: Int64?, host: String?) -> RunStatus {
        let status = RunStatus(rawValue: stored) ?? .interrupted
        guard status == .running, let pid, let host, host == Self.host else { return status }
        return ProcessExistence.isAlive(pid) ? .running : .interrupted
    }

    /// This machine's host name, stored with the id of the process that runs a run.
    static let host = ProcessInfo.processInfo.hostName
}
