@testable import BasinMath
import Glibc
import Testing

/// A loop asking for T threads runs on at most T, however many workers are free, and every
/// iteration still runs once.
@Suite struct ThreadLimitTests {
    /// Writes the running thread's identity at its iteration, after a pause long enough for
    /// every free worker to join the loop if it were allowed to.
    struct RecordThread: ParallelLoopBody {
        let threads: UnsafeMutableBufferPointer<pthread_t>
        func run(_ iteration: Int) {
            usleep(2_000)
            threads[iteration] = pthread_self()
        }
    }

    static func distinctThreads(_ count: Int, _ loop: (RecordThread) -> Void) -> Set<pthread_t> {
        var threads = [pthread_t](repeating: 0, count: count)
        threads.withUnsafeMutableBufferPointer { loop(RecordThread(threads: $0)) }
        #expect(!threads.contains(0), "an iteration did not run")
        return Set(threads)
    }

    @Test func aPoolWithMoreWorkersKeepsToTheThreadsAsked() {
        let pool = WorkerPool(maximumWorkers: 3)
        // The first loop starts all three workers; the later ones must leave some idle.
        for limit in [4, 2, 3, 1] {
            let used = Self.distinctThreads(24) { body in
                withUnsafePointer(to: body) { pointer in
                    #expect(pool.run(24, threads: limit, UnsafeRawPointer(pointer)) { body, i in
                        body.assumingMemoryBound(to: RecordThread.self).pointee.run(i)
                    })
                }
            }
            #expect(used.count <= limit, "\(used.count) threads ran a loop limited to \(limit)")
        }
    }

    @Test func oneThreadRunsInlineAndABusyPoolKeepsTheLimit() {
        let caller = pthread_self()
        #expect(Self.distinctThreads(8) { concurrentForEach(8, threads: 1, body: $0) } == [caller])
        // Inside an iteration the shared pool is busy: libdispatch runs the inner loops.
        var inner = [Set<pthread_t>](repeating: [], count: 2)
        inner.withUnsafeMutableBufferPointer { inner in
            nonisolated(unsafe) let inner = inner
            concurrentForEach(2) { outer in
                inner[outer] = Self.distinctThreads(12) { concurrentForEach(12, threads: 2, body: $0) }
            }
        }
        #expect(inner.allSatisfy { $0.count <= 2 })
    }
}
