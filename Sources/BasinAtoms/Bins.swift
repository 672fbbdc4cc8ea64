/// Points sorted into the bins of a `BinGrid` (a counting sort), with bins indexed x fastest,
/// so that the bins of one x-row of a stencil form one contiguous range of `sortedPositions`
/// and the inner search loop streams through memory.
struct Bins: Sendable {
    let grid: BinGrid
    private let binStart: [Int32]
    /// Positions in bin order.
    let sortedPositions: [SIMD3<Double>]
    /// Original index of each sorted position.
    let sortedIndex: [Int32]
    /// A caller's integer key for each sorted position (what a pair-selection rule tests).
    let sortedKeys: [Int32]

    /// Sorts point a (at `positions[a]`, in bin `bins[a]`, with key `keys[a]`) into its bin.
    init(grid: BinGrid, bins: [SIMD3<Int>], positions: [SIMD3<Double>], keys: [Int32]) {
        self.grid = grid
        let binCount = grid.dimensions.x * grid.dimensions.y * grid.dimensions.z
        var start = [Int32](repeating: 0, count: binCount + 1)
        var binOf = [Int32](repeating: 0, count: positions.count)
        for a in 0..<positions.count {
            let b = grid.index(of: bins[a])
            binOf[a] = Int32(b)
            start[b + 1] += 1
        }
        for b in 0..<binCount { start[b + 1] += start[b] }
        var fill = start
        var sorted = [SIMD3<Double>](repeating: .zero, count: positions.count)
        var index = [Int32](repeating: 0, count: positions.count)
        var sortedKeys = [Int32](repeating: 0, count: positions.count)
        for a in 0..<positions.count {
            let b = Int(binOf[a])
            let slot = Int(fill[b])
            sorted[slot] = positions[a]
            index[slot] = Int32(a)
            sortedKeys[slot] = keys[a]
            fill[b] += 1
        }
        binStart = start
        sortedPositions = sorted
        sortedIndex = index
        self.sortedKeys = sortedKeys
    }

    /// The end of bin `c` in sorted order.
    @inline(__always)
    func end(ofBin c: SIMD3<Int>) -> Int {
        binStart.withUnsafeBufferPointer { Int($0[grid.index(of: c) &+ 1]) }
    }

    /// Calls `body(first, end)` for each contiguous range of sorted points in the full stencil
    /// of bin `c`.
    @inline(__always)
    func forEachCandidateRange(ofBin c: SIMD3<Int>, _ body: (Int, Int) -> Void) {
        scan(grid.rows, from: c, body)
    }

    /// Calls `body(first, end)` for each contiguous range of sorted points in the half stencil
    /// of bin `c`: from the start of bin `c` along its row, then the rows above it.
    @inline(__always)
    func forEachHalfCandidateRange(ofBin c: SIMD3<Int>, _ body: (Int, Int) -> Void) {
        let n = grid.dimensions
        binStart.withUnsafeBufferPointer { start in
            let own = (c.z &* n.y &+ c.y) &* n.x
            body(Int(start[own &+ c.x]), Int(start[own &+ min(n.x &- 1, c.x &+ grid.ownRowReach) &+ 1]))
        }
        scan(grid.upperRows, from: c, body)
    }

    @inline(__always)
    private func scan(_ rows: [(dy: Int, dz: Int, dx: Int)], from c: SIMD3<Int>, _ body: (Int, Int) -> Void) {
        let n = grid.dimensions
        binStart.withUnsafeBufferPointer { start in
            rows.withUnsafeBufferPointer { rows in
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
}
