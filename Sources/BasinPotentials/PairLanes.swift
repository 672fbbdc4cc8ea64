/// The constants of four species pairs side by side, one pair per SIMD lane, so that a pair
/// function evaluates four neighbors at once.
///
/// Column k holds constant k (`PairFunction.constants(_:)[k]`) of each lane's pair; column 7 is
/// the squared cutoff by the `PairFunction` convention.
public struct PairLanes {
    private var columns: InlineArray<8, SIMD4<Double>>

    /// The same pair in every lane (one species: fetched once for the whole loop).
    @inline(__always)
    init(_ c: SIMD8<Double>) {
        columns = InlineArray { k in SIMD4(repeating: c[k]) }
    }

    /// Pair `a` in lane 0, `b` in lane 1, and so on.
    @inline(__always)
    init(_ a: SIMD8<Double>, _ b: SIMD8<Double>, _ c: SIMD8<Double>, _ d: SIMD8<Double>) {
        columns = InlineArray { k in SIMD4(a[k], b[k], c[k], d[k]) }
    }

    /// Constant `k` of each lane's pair.
    @inline(__always)
    public subscript(k: Int) -> SIMD4<Double> { columns[k] }

    /// Squared cutoff of each lane's pair (length²).
    @inline(__always)
    public var cutoffSquared: SIMD4<Double> { columns[7] }
}
