import Foundation

/// Processor time used so far by the whole process, all threads (seconds): on a busy machine
/// it measures the work of a run better than wall time, which also counts waiting for a core.
func processorSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + 1e-9 * Double(now.tv_nsec)
}
