import BasinMath

/// Processor time used so far by the whole process, all threads (seconds): on a busy machine
/// it measures the work of a run better than wall time, which also counts waiting for a core.
func processorSeconds() -> Double { ClockReading.now().process }
