import BasinMath

/// A grid of bins laid along the cell's lattice directions, for O(N) neighbor search.
///
/// Bins are cut in fractional coordinates. Along a periodic direction there are `perCell`
/// bins per cell length, plus a margin of bins on each side for the ghost atoms; a ghost's bin
/// is its owner's bin shifted by exactly `image × perCell`, computed in integers. The binning
/// is therefore exactly covariant under lattice translations: if a ghost sits at bin offset Δ
/// from an atom, the mirror pair (the ghost's owner and the opposite image of that atom) sits
/// at offset −Δ. That is what lets a half list scan only half of the stencil. Along an open
/// direction the bins span the atoms' extent.
///
/// Bins are at least half the search radius thick (perpendicular to their faces), so the
/// stencil reaches at most two bins each way; in an orthogonal cell it keeps only bins that can
/// hold a point within the radius.
struct BinGrid: Sendable {
    /// Bins along a, b, c, margins included.
    let dimensions: SIMD3<Int>
    /// Bins per cell length along periodic directions.
    let perCell: SIMD3<Int>
    /// Margin bins before the cell along periodic directions.
    let margin: SIMD3<Int>
    /// The fractional coordinate where bin 0 (after the margin) starts, and bins per unit of
    /// fractional coordinate (`perCell` along periodic directions).
    private let origin: SIMD3<Double>
    private let scale: SIMD3<Double>
    /// Stencil rows: bin offsets (dy, dz) and the largest |dx| reached.
    let rows: [(dy: Int, dz: Int, dx: Int)]
    /// The rows of the half stencil: dz > 0, or dz = 0 and dy > 0.
    let upperRows: [(dy: Int, dz: Int, dx: Int)]
    /// Largest |dx| of the row through the own bin.
    let ownRowReach: Int

    /// - Parameters:
    ///   - cell: the cell (its spanning vectors define the fractional coordinates).
    ///   - fractional: fractional coordinates of the local atoms (wrapped along periodic axes).
    ///   - radius: the search radius.
    ///   - ghostReach: δ_k, how far (in fractional units) ghosts extend beyond the cell.
    ///   - pointCount: about how many points will be binned (caps the number of bins).
    init(cell: Cell, fractional: [SIMD3<Double>], radius: Double, ghostReach: SIMD3<Double>, pointCount: Int) {
        let widths = cell.perpendicularWidths
        let periodic = cell.periodic
        var low = SIMD3<Double>(repeating: .infinity), high = SIMD3<Double>(repeating: -.infinity)
        for s in fractional {
            low = pointwiseMin(low, s)
            high = pointwiseMax(high, s)
        }
        if fractional.isEmpty { low = .zero; high = .zero }
        // Physical length covered by the binned region along each direction.
        var extent = SIMD3<Double>.zero
        for k in 0..<3 { extent[k] = periodic[k] ? widths[k] : (high[k] - low[k]) * widths[k] }
        // Counts are bounded while still Doubles (2⁵² stays exact and far inside Int), so that an
        // extent of 1e18 or 1e308, or an infinite one (coordinates of opposite sign near the
        // largest Double), cannot trap the conversion; the cap below then leaves few bins.
        let largest = 0x1p52
        var counts = SIMD3<Int>(1, 1, 1)
        for k in 0..<3 { counts[k] = wholeNumber(extent[k] / (0.5 * radius), atMost: largest) }
        func margins(_ n: SIMD3<Int>) -> SIMD3<Int> {
            var g = SIMD3<Int>.zero
            for k in 0..<3 where periodic[k] {
                g[k] = wholeNumber((ghostReach[k] * Double(n[k])).rounded(.up), atMost: largest, atLeast: 0) + 1
            }
            return g
        }
        // Not many more bins than points: a sparse cluster or gas would waste memory otherwise.
        let cap = Double(max(4096, 4 * pointCount))
        while true {
            let g = margins(counts)
            let total = (0..<3).reduce(1.0) { $0 * Double(counts[$1] + 2 * g[$1]) }
            if total <= cap || counts == SIMD3(1, 1, 1) { break }
            for k in 0..<3 { counts[k] = max(1, counts[k] / 2) }
        }
        let margin = margins(counts)
        let dimensions = counts &+ 2 &* margin
        perCell = counts
        self.margin = margin
        self.dimensions = dimensions
        var origin = SIMD3<Double>.zero, scale = SIMD3<Double>.zero
        for k in 0..<3 {
            if periodic[k] {
                scale[k] = Double(counts[k])
            } else {
                origin[k] = low[k]
                scale[k] = high[k] > low[k] ? Double(counts[k]) / (high[k] - low[k]) : 0
            }
        }
        self.origin = origin
        self.scale = scale
        // Stencil: reach along each direction from the bin thickness, trimmed by distance when
        // the lattice directions are orthogonal (gaps along them then add in quadrature).
        var thickness = SIMD3<Double>.zero, reach = SIMD3<Int>.zero
        for k in 0..<3 {
            thickness[k] = extent[k] > 0 ? extent[k] / Double(counts[k]) : .infinity
            reach[k] = thickness[k].isFinite
                ? wholeNumber((radius / thickness[k]).rounded(.up), atMost: Double(dimensions[k] - 1), atLeast: 0) : 0
        }
        let v = cell.spanningVectors
        let orthogonal = dot(v[0], v[1]) == 0 && dot(v[0], v[2]) == 0 && dot(v[1], v[2]) == 0
        // The least distance between points of bins d apart along k. Along a direction of zero
        // extent (a flat or linear structure) the thickness is infinite and d is 0: the gap is 0,
        // not 0 · ∞ = NaN, which would drop every stencil row.
        func gap(_ d: Int, _ k: Int) -> Double { orthogonal && abs(d) > 1 ? Double(abs(d) - 1) * thickness[k] : 0 }
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
        self.rows = rows
        upperRows = rows.filter { $0.dz > 0 || ($0.dz == 0 && $0.dy > 0) }
        ownRowReach = rows.first { $0.dy == 0 && $0.dz == 0 }?.dx ?? 0
    }

    /// The bin of a local atom with fractional coordinates `s`.
    @inline(__always)
    func coordinates(ofFractional s: SIMD3<Double>) -> SIMD3<Int> {
        let raw = ((s - origin) * scale).rounded(.down)
        let clamped = raw.clamped(lowerBound: .zero, upperBound: SIMD3<Double>(perCell &- 1))
        return integers(clamped) &+ margin
    }

    /// The bin of the image of an atom in bin `c` translated by `image` cells.
    func coordinates(ofImage image: SIMD3<Int>, ownerBin c: SIMD3<Int>) -> SIMD3<Int> {
        c &+ image &* perCell
    }

    /// Linear index of bin `c`, x fastest.
    @inline(__always)
    func index(of c: SIMD3<Int>) -> Int {
        (c.z &* dimensions.y &+ c.y) &* dimensions.x &+ c.x
    }
}

/// The components of `v` (whole numbers in Int's range) as integers.
@inline(__always)
func integers(_ v: SIMD3<Double>) -> SIMD3<Int> {
    SIMD3(Int(v.x), Int(v.y), Int(v.z))
}

/// `value` rounded down and clamped to [`atLeast`, `atMost`] before it becomes an Int, so that
/// no value (huge, infinite or NaN, which gives `atLeast`) can trap the conversion.
@inline(__always)
func wholeNumber(_ value: Double, atMost upper: Double, atLeast lower: Double = 1) -> Int {
    guard value >= lower else { return Int(lower) }
    return Int(min(value, upper).rounded(.down))
}
