/// Σ_s c_s ∂G_s/∂x over one neighborhood entry's block of function derivatives: the step of
/// force assembly that turns ∂E/∂G (energy units) and ∂G/∂x (length⁻¹) into a force
/// contribution (energy/length), F = −the result.
///
/// Four partial sums (over s ≡ 0, 1, 2, 3 mod 4), added pairwise at the end, so that the
/// additions of consecutive functions do not wait for one another; the result differs from a
/// left-to-right sum by rounding only.
@inlinable @inline(__always)
public func derivativeContraction(
    _ coefficients: UnsafePointer<Double>, _ derivatives: UnsafePointer<SIMD3<Double>>, count: Int
) -> SIMD3<Double> {
    var a = SIMD3<Double>.zero, b = a, c = a, d = a
    var s = 0
    while s + 4 <= count {
        a += coefficients[s] * derivatives[s]
        b += coefficients[s + 1] * derivatives[s + 1]
        c += coefficients[s + 2] * derivatives[s + 2]
        d += coefficients[s + 3] * derivatives[s + 3]
        s += 4
    }
    while s < count {
        a += coefficients[s] * derivatives[s]
        s += 1
    }
    return (a + b) + (c + d)
}
