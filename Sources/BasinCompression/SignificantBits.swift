/// Rounding of binary floating-point numbers to a number of significant bits: the lossy step
/// of basin-preserving compression.
///
/// A `Double` has 52 stored mantissa bits. Keeping `c` of them (c = 0…52) leaves numbers of the
/// form ±m·2^e with an integer m < 2^(c+1). Round-to-nearest changes a number by
/// at most 2^−(c+1) of the kept value's binade, so the relative change is at most
/// 2^−(c+1) / (1 + 2^−(c+1)); truncation (towards zero) at most 2^−c relative.
/// (Retzlaff, Munson & Di, "Data compression for optimization of a molecular dynamics
/// system: preserving basins of attraction".)
public enum SignificantBitRounding: String, Sendable, Codable, CaseIterable {
    /// Round to the nearest representable value, ties away from zero.
    case nearest
    /// Drop the discarded bits (round towards zero).
    case truncate

    /// `value` with only its leading `bits` mantissa bits kept (0…52). Zeros, infinities and
    /// NaN are returned unchanged; rounding up may carry into the exponent, as it should.
    public func apply(_ value: Double, bits: Int) -> Double {
        precondition((0...52).contains(bits), "significant bits must be in 0...52")
        guard value.isFinite, value != 0, bits < 52 else { return value }
        let dropped = UInt64(52 - bits)
        let pattern = value.bitPattern
        let mask: UInt64 = (1 << dropped) - 1
        let kept = pattern & ~mask
        switch self {
        case .truncate:
            return Double(bitPattern: kept)
        case .nearest:
            // Adding half a unit in the last kept place, then truncating, rounds the magnitude
            // to nearest with ties away from zero; a carry moves into the exponent as it should.
            let half: UInt64 = 1 << (dropped - 1)
            return Double(bitPattern: (pattern &+ half) & ~mask)
        }
    }

    /// Every element of `values` rounded to `bits` significant bits.
    public func apply(_ values: [Double], bits: Int) -> [Double] {
        values.map { apply($0, bits: bits) }
    }

    /// The largest relative change |x̃ − x| / |x| this rounding can make with `bits` kept bits.
    public func maximumRelativeError(bits: Int) -> Double {
        let unit = Double(sign: .plus, exponent: -bits, significand: 1)
        switch self {
        case .nearest: return unit / 2 / (1 + unit / 2)
        case .truncate: return unit
        }
    }
}
