import BasinCompression

/// A Lennard-Jones minimum kept at a number c of significant bits per reduced coordinate
/// (Retzlaff, Munson & Di, "Data compression for optimization of a molecular dynamics system:
/// preserving basins of attraction").
///
/// The minimum X* is written in a reduced frame (`ReducedFrame`: atom 1 at the origin, atom 2
/// on the x-axis, atom 3 in the xy-plane), which leaves m = 3n − 6 free coordinates (1 for
/// n = 2), and each is rounded to nearest with c kept mantissa bits (`SignificantBitRounding`).
/// When X^(0),c lies within the radius r₂ of Wang's ball around X*, Newton's method from it
/// converges to X*, so the rounded point is a lossless store of the minimum up to rotation and
/// translation. The frame records which stored atoms are 1, 2 and 3, and `ReducedFrame.order`
/// maps the reduced atoms back to the stored order, so expanded positions keep that order.
///
/// `coordinates` are the rounded values exactly: `encoded` and `init(encoded:)` turn them into
/// bytes and back bit for bit. The encoding (format version 1), in order:
///
/// | field   | size                  | meaning                                                  |
/// |---------|-----------------------|----------------------------------------------------------|
/// | version | 1 byte                | 1                                                        |
/// | n       | varint                | atom count (≥ 2)                                         |
/// | origin  | varint                | stored index (from 0) of frame atom 1                    |
/// | axis    | varint                | stored index of frame atom 2                             |
/// | plane   | varint                | stored index of frame atom 3; absent when n = 2          |
/// | c       | 1 byte                | mantissa bits kept, 0…52                                 |
/// | e_min   | varint                | smallest biased binary64 exponent field of the values    |
/// | w       | 1 byte                | bits of each exponent offset, 0…11: the fewest that hold e_max − e_min |
/// | values  | ⌈m (1 + w + c) / 8⌉ bytes | m records, bit-packed most significant bit first: sign (1 bit), exponent field − e_min (w bits), the leading c bits of the 52-bit fraction; the last byte padded with zero bits |
///
/// A varint is unsigned LEB128: 7 bits per byte, lowest group first, the high bit set on every
/// byte but the last. The exponent field is IEEE 754's biased one, so zeros and subnormal
/// numbers need no special case. The LJ13 icosahedron of `data/lj-clusters` at c_t = 5 takes
/// 9 + ⌈33 · 12 / 8⌉ = 59 bytes against 312 for 13 positions in binary64; its exponents span
/// 2⁻⁵⁸…2¹ (symmetry puts some coordinates within rounding of zero), so w = 6.
public struct CompressedMinimum: Sendable, Equatable {
    /// The version byte `encoded` writes.
    public static let formatVersion: UInt8 = 1

    /// Which stored atoms are frame atoms 1, 2, 3.
    public let frame: ReducedFrame
    /// c, the mantissa bits kept in every coordinate (0…52).
    public let bits: Int
    /// X^(0),c: the reduced coordinates rounded to `bits` significant bits (reduced length units).
    public let coordinates: [Double]

    /// The minimum `minimum` (reduced coordinates in `frame`) rounded to nearest at `bits`
    /// significant bits. Throws when the count is wrong, a value is not finite, or `bits` is
    /// outside 0…52.
    public init(frame: ReducedFrame, bits: Int, minimum: [Double]) throws(CompressedMinimumError) {
        guard (0...52).contains(bits) else { throw .invalidInput("\(bits) significant bits is outside 0...52") }
        guard minimum.count == frame.variableCount else {
            throw .invalidInput("\(minimum.count) reduced coordinates for \(frame.atomCount) atoms, which have \(frame.variableCount)")
        }
        if let index = minimum.firstIndex(where: { !$0.isFinite }) {
            throw .invalidInput("reduced coordinate \(index + 1) is not finite")
        }
        self.init(frame: frame, bits: bits, rounded: SignificantBitRounding.nearest.apply(minimum, bits: bits))
    }

    /// Values already rounded to `bits` (their low 52 − bits fraction bits zero).
    init(frame: ReducedFrame, bits: Int, rounded: [Double]) {
        self.frame = frame
        self.bits = bits
        coordinates = rounded
    }

    /// Number of atoms n.
    public var atomCount: Int { frame.atomCount }

    /// The starting positions X^(0),c as Cartesian positions in the reduced frame, stored order.
    public var roundedPositions: [SIMD3<Double>] { frame.positions(from: coordinates) }
}
