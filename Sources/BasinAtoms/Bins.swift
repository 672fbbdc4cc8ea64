/// A uniform grid over the bounding box of a set of points, for O(N) neighbor search.
///
/// Points are stored bin by bin (a counting sort), with bins indexed x fastest, so the bins of
/// one x-row of the search stencil form one contiguous range of `sortedPositions`: the inner
/// search loop streams through memory. Bins are about half the search radius wide, so the
/// stencil (every bin within the radius) holds about 40 % fewer candidates than 27 bins of
/// full width would.
struct Bins: Sendable {
    private let lower: SIMD3<Double>
    private let inverseWidth: SIMD3<Double>
    private let counts: SIMD3<Int>
    /// How many bins the stencil reaches along x, y, z.
    private let reach: SIMD3<Int>
    private let binStart: [Int32]
    /// Positions in bin order.
    let sortedPositions: [SIMD3<Double>]
    /// Original index of each sorted position.
    let sortedIndex: [Int32]

    init(positions: [SIMD3<Double>], radius: Double) {
        var lo = SIMD3<Double>(repeating: .infinity)
        var hi = SIMD3<Double>(repeating: -.infinity)
        for x in positions {
            lo = pointwiseMin(lo, x)
            hi = pointwiseMax(hi, x)
        }
        if positions.isEmpty { lo = .zero; hi = .zero }
        let extent = hi - lo
        let target = 0.5 * radius
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
        self.reach = reach
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
        for a in 0..<positions.count {
            let b = Int(binOf[a])
            let slot = Int(fill[b])
            sorted[slot] = positions[a]
            index[slot] = Int32(a)
            fill[b] += 1
        }
        binStart = start
        sortedPositions = sorted
        sortedIndex = index
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
        let x0 = max(0, c.x - reach.x), x1 = min(counts.x - 1, c.x + reach.x)
        binStart.withUnsafeBufferPointer { start in
            for z in max(0, c.z - reach.z)...min(counts.z - 1, c.z + reach.z) {
                for y in max(0, c.y - reach.y)...min(counts.y - 1, c.y + reach.y) {
                    let row = (z * counts.y + y) * counts.x
                    body(Int(start[row + x0]), Int(start[row + x1 + 1]))
                }
            }
        }
    }
}
