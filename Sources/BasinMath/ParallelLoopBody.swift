/// The body of a parallel loop as a value rather than a closure: `run(i)` is called once for
/// each iteration index i, concurrently for different indices.
///
/// `concurrentForEach(_:body:)` hands such a value to other threads by pointer, with no heap
/// allocation; a closure handed over the same way needs one object per call (the context Swift
/// builds to let a non-escaping closure cross to another thread), which a loop run once per MD
/// step must not have. A conforming type holds what the iterations read and write (usually
/// unsafe pointers), and guarantees, as with the closure form, that different iterations
/// touch disjoint memory.
public protocol ParallelLoopBody: SendableMetatype {
    func run(_ iteration: Int)
}

/// A closure as a `ParallelLoopBody`, for loops that may allocate once per call.
struct ClosureLoopBody: ParallelLoopBody {
    let body: (Int) -> Void

    func run(_ iteration: Int) { body(iteration) }
}
