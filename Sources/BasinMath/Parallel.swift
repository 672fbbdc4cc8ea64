import Dispatch

/// Runs `body(0) … body(count − 1)` concurrently on the system's worker threads and returns when
/// all have finished; with `count == 1` it runs inline.
///
/// The caller guarantees that the iterations touch disjoint memory (each writes only its own
/// slice or buffer), which is what makes sharing `body` across threads safe.
public func concurrentForEach(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: count) { body($0) }
    }
}
