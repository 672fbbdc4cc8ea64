extension DenseMatrix {
    /// y = A·x, rows split over `threads` when the matrix is large.
    public func multiply(_ x: [Double], into y: inout [Double], threads: Int = 1) {
        precondition(x.count == columns && y.count == rows, "vector lengths must match the matrix")
        let n = columns
        let parts = parallelParts(threads: threads, count: rows * columns / 64)
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    let a = a.baseAddress!, xs = x.baseAddress!, ys = y.baseAddress!
                    concurrentForEach(parts) { part in
                        let start = rows * part / parts, end = rows * (part + 1) / parts
                        for i in start..<end { ys[i] = DenseKernels.dot(a + i * n, xs, count: n) }
                    }
                }
            }
        }
    }
}
