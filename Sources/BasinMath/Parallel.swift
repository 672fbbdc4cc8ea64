import Dispatch

/// Runs `body(0) … body(count − 1)` concurrently and returns when all have finished; with
/// `count == 1` it runs inline. The iterations run on `WorkerPool`'s threads, which allocate
/// nothing per call; on libdispatch's when that pool is busy with another loop (a nested or a
/// concurrent call) or on systems without it.
///
/// The caller guarantees that the iterations touch disjoint memory (each writes only its own
/// slice or buffer), which is what makes sharing `body` across threads safe.
public func concurrentForEach(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    #if canImport(Glibc)
    if WorkerPool.shared.run(count, body) { return }
    #endif
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: count) { body($0) }
    }
}

/// How many parts to split a simple loop over `count` elements into, given `threads`: one
/// part below about 16,000 elements, where waking another thread costs more than it saves.
@inlinable
public func parallelParts(threads: Int, count: Int) -> Int {
    count >= 16_384 ? max(1, threads) : 1
}
