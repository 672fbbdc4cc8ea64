/// exp(x) of four numbers at once, within about 1.5 ulp of the correctly rounded value, for the
/// hot loops of the symmetry functions (where the arguments are ≤ 0): x = (32m + j) ln 2 / 32 + r
/// with 32m + j = round(32x / ln 2), 0 ≤ j < 32 and |r| ≤ ln 2 / 64 (ln 2 / 32 split in two parts,
/// the first with 20 trailing zero bits, so that r is exact to about 2⁻⁶⁰); then
/// e^x = 2^m · 2^(j/32) · e^r, with 2^(j/32) from a table of correctly rounded values, e^r by its
/// Taylor series to r⁶ (remainder below 4·10⁻¹⁸) and 2^m built in the exponent bits. Arguments
/// below −708 are taken as −708 (exp ≈ 3·10⁻³⁰⁸, where the true value is smaller still);
/// arguments above 709 are outside the domain.
@inline(__always)
func exponential(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let x = x.replacing(with: -708, where: x .< -708)
    // 1.5 × 2⁵²: adding it rounds to an integer k = 32m + j, which then sits in the low
    // mantissa bits (as 2⁵¹ + k).
    let shifter = SIMD4<Double>(repeating: 6755399441055744.0)
    let shifted = x * 46.16624130844683 + shifter
    let k = shifted - shifter
    let r = (x - k * 0.021660849390173098) - k * 2.325192846878874e-12
    var p = SIMD4<Double>(repeating: 1.0 / 720)
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self)
    // (2⁵¹ + k) >> 5 = 2⁴⁶ + m; shifted into the exponent field, only m + 1023 stays.
    let scale = unsafeBitCast((bits &>> 5) &<< 52 &+ 0x3FF0_0000_0000_0000, to: SIMD4<Double>.self)
    let j = bits & 31
    let fraction = withUnsafePointer(to: &powersOfTwoThirtySeconds) { tuple in
        tuple.withMemoryRebound(to: Double.self, capacity: 32) { table in
            SIMD4(table[Int(j[0])], table[Int(j[1])], table[Int(j[2])], table[Int(j[3])])
        }
    }
    return p * (fraction * scale)
}

/// 2^(j/32) for j = 0 … 31, each the double nearest the exact value: a tuple of literals, which the
/// compiler lays out as constant data, so that reading it needs no lazy initialization (a call
/// in the middle of the vector loops, which would spill every vector register). Only read.
private nonisolated(unsafe) var powersOfTwoThirtySeconds: (
    Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double,
    Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double
) = (
    1.0, 1.0218971486541166, 1.0442737824274138, 1.0671404006768237,
    1.0905077326652577, 1.1143867425958924, 1.1387886347566916, 1.1637248587775775,
    1.189207115002721, 1.215247359980469, 1.241857812073484, 1.2690509571917332,
    1.2968395546510096, 1.3252366431597413, 1.3542555469368927, 1.383909881963832,
    1.4142135623730951, 1.4451808069770467, 1.4768261459394993, 1.5091644275934228,
    1.5422108254079407, 1.5759808451078865, 1.6104903319492543, 1.645755478153965,
    1.681792830507429, 1.718619298122478, 1.7562521603732995, 1.7947090750031072,
    1.8340080864093424, 1.8741676341103, 1.9152065613971474, 1.9571441241754002
)
