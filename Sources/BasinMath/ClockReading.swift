import Foundation

/// One reading of three clocks, in seconds: wall time (monotonic), the processor time of the
/// calling thread and that of the whole process (all threads). On a busy machine processor
/// time measures the work of a computation far better than wall time, which also counts the
/// time spent waiting for a core; the difference of two readings is a duration by each clock.
public struct ClockReading: Sendable, Equatable {
    public var wall: Double
    public var thread: Double
    public var process: Double

    public init(wall: Double = 0, thread: Double = 0, process: Double = 0) {
        (self.wall, self.thread, self.process) = (wall, thread, process)
    }

    public static func now() -> ClockReading {
        ClockReading(wall: seconds(CLOCK_MONOTONIC), thread: seconds(CLOCK_THREAD_CPUTIME_ID), process: seconds(CLOCK_PROCESS_CPUTIME_ID))
    }

    /// The monotonic wall clock alone (seconds): a read without a system call, for laps too
    /// short and too many for the processor clocks.
    public static func wallNow() -> Double { seconds(CLOCK_MONOTONIC) }

    /// This reading with its processor times scaled by `share` (a part of an interval whose
    /// processor time was measured as a whole) and its wall time replaced by `wall`.
    public func apportioned(_ share: Double, wall: Double) -> ClockReading {
        ClockReading(wall: wall, thread: share * thread, process: share * thread)
    }

    /// The durations since `start` by each clock, and now as the next start.
    public static func lap(since start: inout ClockReading) -> ClockReading {
        let now = now()
        defer { start = now }
        return now - start
    }

    public static func - (a: ClockReading, b: ClockReading) -> ClockReading {
        ClockReading(wall: a.wall - b.wall, thread: a.thread - b.thread, process: a.process - b.process)
    }

    public static func + (a: ClockReading, b: ClockReading) -> ClockReading {
        ClockReading(wall: a.wall + b.wall, thread: a.thread + b.thread, process: a.process + b.process)
    }

    private static func seconds(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
    }
}
