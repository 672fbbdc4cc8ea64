/// Points sorted into the bins of a `BinGrid` (a counting sort), with bins indexed x fastest,
/// so that the bins of one x-row of a stencil form one contiguous range of `sortedPositions`
/// and the inner search loop streams through memory. The arrays keep their storage from one
/// sort to the next.
struct Bins: Sendable {
    private(set) var grid: BinGrid?
    private var binStart: [Int32] = []
    private var binOf: [Int32] = []
    /// Positions in bin order.
    private(set) var sortedPositions: [SIMD3<Double>] = []
    /// Original index of each sorted position.
    private(set) var sortedIndex: [Int32] = []
    /// A caller's integer key for each sorted position (what a pair-selection rule tests).
    private(set) var sortedKeys: [Int32] = []

    /// Sorts point a (at `positions[a]`, in bin `bins[a]`, with key `keys[a]`) into its bin.
    mutating func sort(grid: BinGrid, bins: [SIMD3<Int>], positions: [SIMD3<Double>], keys: (Int) -> Int32) {
        self.grid = grid
        let binCount = grid.dimensions.x * grid.dimensions.y * grid.dimensions.z
        let count = positions.count
        Bins.refill(&binStart, binCount + 1)
        Bins.refill(&binOf, count)
        Bins.refill(&sortedIndex, count)
        Bins.refill(&sortedKeys, count)
        if sortedPositions.count != count {
            sortedPositions.removeAll(keepingCapacity: true)
            sortedPositions.append(contentsOf: repeatElement(.zero, count: count))
        }
        binStart.withUnsafeMutableBufferPointer { start in
        binOf.withUnsafeMutableBufferPointer { binOf in
        sortedPositions.withUnsafeMutableBufferPointer { sorted in
        sortedIndex.withUnsafeMutableBufferPointer { index in
        sortedKeys.withUnsafeMutableBufferPointer { sortedKeys in
            for a in 0..<count {
                let b = grid.index(of: bins[a])
                binOf[a] = Int32(truncatingIfNeeded: b)
                start[b &+ 1] &+= 1
            }
            for b in 0..<binCount { start[b &+ 1] &+= start[b] }
            // Fill each bin from its end backwards, leaving `start` as the bins' first slots.
            for a in stride(from: count - 1, through: 0, by: -1) {
                let b = Int(binOf[a]) &+ 1
                start[b] &-= 1
                let slot = Int(start[b])
                sorted[slot] = positions[a]
                index[slot] = Int32(truncatingIfNeeded: a)
                sortedKeys[slot] = keys(a)
            }
            // Now start[b + 1] is the first slot of bin b; shift back to start[b].
            for b in 0..<binCount { start[b] = start[b &+ 1] }
            start[binCount] = Int32(truncatingIfNeeded: count)
        }}}}}
    }

    /// Sets `array` to `count` zeros, keeping its storage.
    private static func refill(_ array: inout [Int32], _ count: Int) {
        if array.count != count {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(0, count: count))
        } else {
            array.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }
    }

    /// Calls `body` with a view of the bins and their stencils that the search loops use
    /// without touching reference counts (so threads scanning together do not contend).
    func withStencil<R>(_ body: (Stencil) -> R) -> R {
        let grid = grid!
        return binStart.withUnsafeBufferPointer { start in
            grid.rows.withUnsafeBufferPointer { rows in
                grid.upperRows.withUnsafeBufferPointer { upperRows in
                    body(Stencil(start: start, rows: rows, upperRows: upperRows, dimensions: grid.dimensions,
                                 ownRowReach: grid.ownRowReach))
                }
            }
        }
    }

    /// Raw views of the bin starts and the stencil rows, valid inside `withStencil`.
    struct Stencil {
        let start: UnsafeBufferPointer<Int32>
        let rows: UnsafeBufferPointer<(dy: Int, dz: Int, dx: Int)>
        let upperRows: UnsafeBufferPointer<(dy: Int, dz: Int, dx: Int)>
        let dimensions: SIMD3<Int>
        let ownRowReach: Int

        /// The end of bin `c` in sorted order.
        @inline(__always)
        func end(ofBin c: SIMD3<Int>) -> Int {
            Int(start[(c.z &* dimensions.y &+ c.y) &* dimensions.x &+ c.x &+ 1])
        }

        /// Calls `body(first, end)` for each contiguous range of sorted points in the full
        /// stencil of bin `c`.
        @inline(__always)
        func forEachCandidateRange(ofBin c: SIMD3<Int>, _ body: (Int, Int) -> Void) {
            scan(rows, from: c, body)
        }

        /// Calls `body(first, end)` for each contiguous range of sorted points in the half
        /// stencil of bin `c`: from the start of bin `c` along its row, then the rows above it.
        @inline(__always)
        func forEachHalfCandidateRange(ofBin c: SIMD3<Int>, _ body: (Int, Int) -> Void) {
            let n = dimensions
            let own = (c.z &* n.y &+ c.y) &* n.x
            body(Int(start[own &+ c.x]), Int(start[own &+ min(n.x &- 1, c.x &+ ownRowReach) &+ 1]))
            scan(upperRows, from: c, body)
        }

        @inline(__always)
        private func scan(_ rows: UnsafeBufferPointer<(dy: Int, dz: Int, dx: Int)>, from c: SIMD3<Int>, _ body: (Int, Int) -> Void) {
            let n = dimensions
            for row in rows {
                let y = c.y &+ row.dy, z = c.z &+ row.dz
                if y < 0 || y >= n.y || z < 0 || z >= n.z { continue }
                let base = (z &* n.y &+ y) &* n.x
                let x0 = max(0, c.x &- row.dx), x1 = min(n.x &- 1, c.x &+ row.dx)
                body(Int(start[base &+ x0]), Int(start[base &+ x1 &+ 1]))
            }
        }
    }
}
