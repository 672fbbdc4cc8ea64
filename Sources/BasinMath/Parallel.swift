import Dispatch

/// Runs `body(0) … body(count − 1)` concurrently and returns when all have finished; with
/// `count == 1` it runs inline. The iterations run on `WorkerPool`'s threads; on libdispatch's
/// when that pool is busy with another loop (a nested or a concurrent call) or on systems
/// without it. Handing the closure to the other threads allocates one small object per call;
/// loops run once per MD step use `concurrentForEach(_:body:)` instead, which allocates nothing.
///
/// The caller guarantees that the iterations touch disjoint memory (each writes only its own
/// slice or buffer), which is what makes sharing `body` across threads safe.
public func concurrentForEach(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { body in
        concurrentForEach(count, body: ClosureLoopBody(body: body))
    }
}

/// Runs `body.run(0) … body.run(count − 1)` concurrently on at most `threads` threads (the
/// caller's included) and returns when all have finished, as `concurrentForEach(_:_:)`, but
/// without any heap allocation when the iterations run on `WorkerPool`'s threads (after the
/// pool's first use). There each thread claims the next unclaimed iteration when it is free, so
/// a faster thread runs more of them; which thread runs which iteration, and in what order the
/// iterations complete, varies from call to call. With `threads == 1` the iterations run
/// inline, in order.
///
/// Inlinable, so that it is compiled for each caller's concrete `Body`: the iterations then
/// call the version of `run` compiled for that type (a generic body, such as a kernel's pass
/// specialised for its switches and pair function, would otherwise run its generic version).
@inlinable
public func concurrentForEach<Body: ParallelLoopBody>(_ count: Int, threads: Int = .max, body: Body) {
    guard count > 1, threads > 1 else {
        for i in 0..<max(0, count) { body.run(i) }
        return
    }
    withUnsafePointer(to: body) { pointer in
        runIterations(count, threads: threads, UnsafeRawPointer(pointer)) { body, i in
            body.assumingMemoryBound(to: Body.self).pointee.run(i)
        }
    }
}

/// Runs `iteration(body, 0) … iteration(body, count − 1)` concurrently on at most `threads`
/// threads: on `WorkerPool`'s, or on libdispatch's when that pool is busy or missing.
/// `iteration` is escaping only so that the pool can keep it for the job's length (see
/// `WorkerPool.run`).
@usableFromInline
func runIterations(_ count: Int, threads: Int, _ body: UnsafeRawPointer, _ iteration: @escaping (UnsafeRawPointer, Int) -> Void) {
    #if canImport(Glibc)
    if WorkerPool.shared.run(count, threads: threads, body, iteration) { return }
    #endif
    // Participant p takes iterations p, p + T, p + 2T, … (T participants).
    let participants = min(count, threads)
    nonisolated(unsafe) let body = body, iteration = iteration
    DispatchQueue.concurrentPerform(iterations: participants) { p in
        for i in stride(from: p, to: count, by: participants) { iteration(body, i) }
    }
}

/// How many parts to split a simple loop over `count` elements into, given `threads`: one
/// part below about 16,000 elements, where waking another thread costs more than it saves.
@inlinable
public func parallelParts(threads: Int, count: Int) -> Int {
    count >= 16_384 ? max(1, threads) : 1
}
