/// A uniform grid over the bounding box of a set of points, for O(N) neighbor search.
///
/// Bins are at least `binSize` wide, so every point within `binSize` of a point lies in its
/// own bin or one of the 26 around it. Points are stored bin by bin (a counting sort).
struct Bins: Sendable {
    private let lower: SIMD3<Double>
    private let inverseWidth: SIMD3<Double>
    private let counts: SIMD3<Int>
    private let binStart: [Int32]
    private let members: [Int32]

    init(positions: [SIMD3<Double>], binSize: Double) {
        var lo = SIMD3<Double>(repeating: .infinity)
        var hi = SIMD3<Double>(repeating: -.infinity)
        for x in positions {
            lo = pointwiseMin(lo, x)
            hi = pointwiseMax(hi, x)
        }
        if positions.isEmpty { lo = .zero; hi = .zero }
        let extent = hi - lo
        // Bins no narrower than binSize, and not many more bins than points (sparse clusters).
        let cap = Double(max(1, 2 * positions.count))
        var n = SIMD3<Int>(1, 1, 1)
        var width = SIMD3<Double>(repeating: binSize)
        for k in 0..<3 {
            n[k] = max(1, Int((extent[k] / binSize).rounded(.down)))
        }
        while Double(n.x) * Double(n.y) * Double(n.z) > cap {
            for k in 0..<3 { n[k] = max(1, n[k] / 2) }
        }
        for k in 0..<3 { width[k] = max(binSize, extent[k] / Double(n[k])) }
        lower = lo
        inverseWidth = 1 / width
        counts = n
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
        var members = [Int32](repeating: 0, count: positions.count)
        for a in 0..<positions.count {
            let b = Int(binOf[a])
            members[Int(fill[b])] = Int32(a)
            fill[b] += 1
        }
        binStart = start
        self.members = members
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

    /// Calls `body` with every stored point index in the bin of `x` and the 26 bins around it.
    @inline(__always)
    func forEachCandidate(near x: SIMD3<Double>, _ body: (Int) -> Void) {
        let c = Bins.coordinates(x, lower, inverseWidth, counts)
        binStart.withUnsafeBufferPointer { start in
            members.withUnsafeBufferPointer { members in
                for z in max(0, c.z - 1)...min(counts.z - 1, c.z + 1) {
                    for y in max(0, c.y - 1)...min(counts.y - 1, c.y + 1) {
                        let row = (z * counts.y + y) * counts.x
                        let first = Int(start[row + max(0, c.x - 1)])
                        let last = Int(start[row + min(counts.x - 1, c.x + 1) + 1])
                        for m in first..<last { body(Int(members[m])) }
                    }
                }
            }
        }
    }
}
