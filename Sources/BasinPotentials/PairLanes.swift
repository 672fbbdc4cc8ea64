/// The values of two neighbors side by side, one per SIMD lane: the pair kernel evaluates two
/// pairs at once, the two doubles a baseline x86-64 (SSE2) vector register holds.
public typealias PairVector = SIMD2<Double>

/// The constants of two species pairs side by side, one pair per SIMD lane, so that a pair
/// function evaluates two neighbors at once.
///
/// Column k holds constant k (`PairFunction.constants(_:)[k]`) of each lane's pair; column 7 is
/// the squared cutoff by the `PairFunction` convention.
public struct PairLanes {
    private var columns: InlineArray<8, PairVector>

    /// The same pair in both lanes (one species: fetched once for the whole loop).
    @inline(__always)
    init(_ c: SIMD8<Double>) {
        columns = InlineArray { k in PairVector(repeating: c[k]) }
    }

    /// Pair `a` in lane 0, `b` in lane 1.
    @inline(__always)
    init(_ a: SIMD8<Double>, _ b: SIMD8<Double>) {
        columns = InlineArray { k in PairVector(a[k], b[k]) }
    }

    /// Constant `k` of each lane's pair.
    @inline(__always)
    public subscript(k: Int) -> PairVector { columns[k] }

    /// Squared cutoff of each lane's pair (length²).
    @inline(__always)
    public var cutoffSquared: PairVector { columns[7] }
}
