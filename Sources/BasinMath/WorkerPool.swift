#if canImport(Glibc)
import Glibc

/// Threads that run the iterations of `concurrentForEach`, started when first needed and kept
/// for the life of the process, so that a parallel loop run once per MD step allocates nothing
/// after its first run (libdispatch's `concurrentPerform` allocates a few blocks per call).
///
/// A job is handed over through fields guarded by one mutex, never by a queued closure: the
/// caller publishes a pointer to its loop body (a `ParallelLoopBody` on its stack), the
/// function that runs one iteration of it (made where the body's type is known, so that the
/// body's `run` is the version compiled for that type), the iteration count and how many
/// threads may take part, wakes the workers and takes iterations itself; each taking part
/// claims the next iteration until none is left, and the caller returns once every iteration
/// has completed. A worker that wakes when the job already has its threads goes back to sleep,
/// so a job asking for T threads runs on at most T. Workers are named `basin-worker` (allocation counters tell
/// them from libdispatch's threads by this name). At most one job runs at a time: `run` returns
/// false, running nothing, while another job is in progress (a call from another thread, or
/// from inside an iteration), and the caller then runs the loop some other way. Linux only
/// (other systems use libdispatch).
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// Guards every field below and the conditions.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Signalled when a job is published.
    private let published = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Signalled when the last iteration of a job completes.
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Workers started so far (never stopped).
    private var workers = 0
    /// Incremented per job, so that a worker wakes once per job.
    private var generation = 0
    private var busy = false
    /// The running job's body (on the caller's stack) and the function that runs iteration i
    /// of it, nil between jobs.
    private var jobBody: UnsafeRawPointer?
    private var jobIteration: ((UnsafeRawPointer, Int) -> Void)?
    private var iterations = 0, nextIteration = 0, completed = 0
    /// Threads that have joined the running job (its caller included), and the most it may have.
    private var participants = 0, participantLimit = 0
    /// The most workers started.
    private let maximumWorkers: Int

    /// A pool of at most `maximumWorkers` workers; the shared pool has one fewer than the online
    /// processors (the caller works too).
    init(maximumWorkers: Int = max(0, sysconf(Int32(_SC_NPROCESSORS_ONLN)) - 1)) {
        self.maximumWorkers = maximumWorkers
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(published, nil)
        pthread_cond_init(finished, nil)
    }

    /// Runs `iteration(body, 0) … iteration(body, count − 1)` on the caller's thread and up to
    /// `min(count, threads) − 1` workers, returning when all have finished; false (nothing run)
    /// when a job is already running. Allocates nothing once the workers are started
    /// (`iteration` is escaping because it is kept in a field for the job's length, which a
    /// non-escaping closure could only be through `withoutActuallyEscaping`, and that allocates
    /// a check object per call; where the body's type is concrete it captures nothing, so it
    /// costs no allocation).
    func run(_ count: Int, threads: Int, _ body: UnsafeRawPointer, _ iteration: @escaping (UnsafeRawPointer, Int) -> Void) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !busy else { return false }
        busy = true
        let limit = max(1, min(count, threads))
        startWorkers(min(limit - 1, maximumWorkers))
        jobBody = body
        jobIteration = iteration
        iterations = count
        nextIteration = 0
        completed = 0
        participants = 1
        participantLimit = limit
        generation &+= 1
        pthread_cond_broadcast(published)
        takeIterations()
        while completed < iterations { pthread_cond_wait(finished, mutex) }
        jobBody = nil
        jobIteration = nil
        busy = false
        return true
    }

    /// Runs unclaimed iterations of the current job until none is left; called and returning
    /// with the mutex held, which is released while an iteration runs.
    private func takeIterations() {
        while nextIteration < iterations, let body = jobBody, let iteration = jobIteration {
            let i = nextIteration
            nextIteration += 1
            pthread_mutex_unlock(mutex)
            iteration(body, i)
            pthread_mutex_lock(mutex)
            completed += 1
            if completed == iterations { pthread_cond_signal(finished) }
        }
    }

    /// Starts workers until there are `count` (called with the mutex held).
    private func startWorkers(_ count: Int) {
        while workers < count {
            var thread = pthread_t()
            let context = Unmanaged.passUnretained(self).toOpaque()
            guard pthread_create(&thread, nil, { context in
                Unmanaged<WorkerPool>.fromOpaque(context!).takeUnretainedValue().work()
            }, context) == 0 else { return }
            pthread_detach(thread)
            workers += 1
        }
    }

    /// A worker's life: wait for each job and take its iterations, unless the job has all the
    /// threads it may have.
    private func work() -> Never {
        // pthread_setname_np is not visible to Swift; the thread's comm file names it alike.
        let file = open("/proc/thread-self/comm", O_WRONLY)
        if file >= 0 {
            _ = write(file, "basin-worker", 12)
            close(file)
        }
        pthread_mutex_lock(mutex)
        var seen = generation
        while true {
            while generation == seen { pthread_cond_wait(published, mutex) }
            seen = generation
            guard participants < participantLimit else { continue }
            participants += 1
            takeIterations()
        }
    }
}
#endif
