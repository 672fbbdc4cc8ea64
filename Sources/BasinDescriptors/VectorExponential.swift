/// exp(x) of four numbers at once, within about one ulp of the correctly rounded value, for the
/// hot loops of the symmetry functions (where the arguments are ≤ 0): x = n ln 2 + r with
/// n = round(x / ln 2) and |r| ≤ ln 2 / 2 (ln 2 split in two parts so that r is exact to
/// about 2⁻⁶⁰), e^r by its Taylor series to r¹³ (remainder below 10⁻¹⁷), times 2ⁿ built in the
/// exponent bits. Arguments below −708 are taken as −708 (exp ≈ 3·10⁻³⁰⁸, where the true value is
/// smaller still); arguments above 709 are outside the domain.
@inline(__always)
func exponential(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let x = x.replacing(with: -708, where: x .< -708)
    // 1.5 × 2⁵²: adding it rounds to an integer, which then sits in the low mantissa bits.
    let shifter = SIMD4<Double>(repeating: 6755399441055744.0)
    let shifted = x * 1.4426950408889634 + shifter
    let n = shifted - shifter
    let r = (x - n * 0.693147180369123816490) - n * 1.90821492927058770002e-10
    var p = SIMD4<Double>(repeating: 1.0 / 6227020800)
    p = p * r + 1.0 / 479001600
    p = p * r + 1.0 / 39916800
    p = p * r + 1.0 / 3628800
    p = p * r + 1.0 / 362880
    p = p * r + 1.0 / 40320
    p = p * r + 1.0 / 5040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &<< 52 &+ 0x3FF0_0000_0000_0000
    return p * unsafeBitCast(bits, to: SIMD4<Double>.self)
}
