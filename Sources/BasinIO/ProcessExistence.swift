#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a process still exists on this machine: how files and records left by a process
/// tell a killed writer from a living one.
public enum ProcessExistence {
    /// This process's id.
    public static var current: Int64 { Int64(getpid()) }

    /// Whether a process with id `pid` exists (it may belong to another user). Process ids are
    /// reused, so a long-dead writer's id may name an unrelated living process: the answer errs
    /// towards "alive".
    public static func isAlive(_ pid: Int64) -> Bool {
        guard pid > 0, pid <= Int64(Int32.max) else { return false }
        return kill(pid_t(pid), 0) == 0 || errno == EPERM
    }
}
