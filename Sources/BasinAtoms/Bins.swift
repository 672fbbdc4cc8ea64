/// A uniform grid over the bounding box of a set of points, for O(N) neighbor search.
///
/// Points are stored bin by bin (a counting sort), with bins indexed x fastest, so the bins of
/// one x-row of the search stencil form one contiguous range of `sortedPositions`: the inner
/// search loop streams through memory. Bins are about half the search radius wide and the
/// stencil keeps only bins that can hold a point within the radius, so it scans about 40 %
/// fewer candidates than 27 bins of full width would.
struct Bins: Sendable {
    private let lower: SIMD3<Double>
    private let inverseWidth: SIMD3<Double>
    private let counts: SIMD3<Int>
    /// The stencil as x-rows: bin offsets (dy, dz) and the largest |dx| within the radius.
    private let stencil: [(dy: Int, dz: Int, dx: Int)]
    private let binStart: [Int32]
    /// Positions in bin order.
    let sortedPositions: [SIMD3<Double>]
    /// Original index of each sorted position.
    let sortedIndex: [Int32]
    /// A caller's integer key for each sorted position (e.g. what a pair-selection rule tests).
    let sortedKeys: [Int32]

    /// Bins `positions` for a search within `radius`; `keys[a]` travels with point a.
    init(positions: [SIMD3<Double>], keys: [Int32], radius: Double) {
        var lo = SIMD3<Double>(repeating: .infinity)
        var hi = SIMD3<Double>(repeating: -.infinity)
        for x in positions {
            lo = pointwiseMin(lo, x)
            hi = pointwiseMax(hi, x)
        }
        if positions.isEmpty { lo = .zero; hi = .zero }
        let extent = hi - lo
        let target = radius / 2
        // Bins no narrower than half the radius, and not many more bins than points.
        let cap = Double(max(1, 2 * positions.count))
        var n = SIMD3<Int>(1, 1, 1)
        for k in 0..<3 { n[k] = max(1, Int((extent[k] / target).rounded(.down))) }
        while Double(n.x) * Double(n.y) * Double(n.z) > cap {
            for k in 0..<3 { n[k] = max(1, n[k] / 2) }
        }
        var width = SIMD3<Double>.zero
        var reach = SIMD3<Int>.zero
        for k in 0..<3 {
            width[k] = max(target, extent[k] / Double(n[k]))
            reach[k] = min(n[k] - 1, Int((radius / width[k]).rounded(.up)))
        }
        lower = lo
        inverseWidth = 1 / width
        counts = n
        // Two bins d apart (in bins) hold points at least (|d| − 1)·width apart along each axis.
        func gap(_ d: Int, _ k: Int) -> Double { Double(max(0, abs(d) - 1)) * width[k] }
        var rows: [(dy: Int, dz: Int, dx: Int)] = []
        for dz in -reach.z...reach.z {
            for dy in -reach.y...reach.y {
                let yz = gap(dy, 1) * gap(dy, 1) + gap(dz, 2) * gap(dz, 2)
                guard yz < radius * radius else { continue }
                var dx = reach.x
                while dx > 0 && gap(dx, 0) * gap(dx, 0) + yz >= radius * radius { dx -= 1 }
                rows.append((dy, dz, dx))
            }
        }
        stencil = rows
        let binCount = n.x * n.y * n.z
        var start = [Int32](repeating: 0, count: binCount + 1)
        var binOf = [Int32](repeating: 0, count: positions.count)
        for (a, x) in positions.enumerated() {
            let b = Bins.index(of: Bins.coordinates(x, lo, 1 / width, n), n)
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

    private static func coordinates(_ x: SIMD3<Double>, _ lo: SIMD3<Double>, _ inverseWidth: SIMD3<Double>, _ n: SIMD3<Int>) -> SIMD3<Int> {
        var c = SIMD3<Int>.zero
        for k in 0..<3 {
            c[k] = min(n[k] - 1, max(0, Int(((x[k] - lo[k]) * inverseWidth[k]).rounded(.down))))
        }
        return c
    }

    private static func index(of c: SIMD3<Int>, _ n: SIMD3<Int>) -> Int {
        (c.z * n.y + c.y) * n.x + c.x
    }

    /// Calls `body(first, end)` for each contiguous range of sorted points in the stencil
    /// around `x`: every bin within the search radius of the bin holding `x`.
    @inline(__always)
    func forEachCandidateRange(near x: SIMD3<Double>, _ body: (Int, Int) -> Void) {
        let c = Bins.coordinates(x, lower, inverseWidth, counts)
        let n = counts
        binStart.withUnsafeBufferPointer { start in
            stencil.withUnsafeBufferPointer { rows in
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
