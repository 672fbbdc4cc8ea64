/// The cutoff function at four distances at once, for the angular pair loops.
extension CutoffFunction {
    /// f_c and f_c′ (length⁻¹) at each lane of `r`: the tanh³ types in vector form (as the
    /// scalar `valueAndDerivative`, with `exponential` and r/r_c as r·(1/r_c)), the polynomial
    /// types in vector form with the scalar's operations (so equal to it lane by lane), the
    /// others lane by lane (out of line: rare, and kept out of the hot loops' code).
    @inline(__always)
    func valueAndDerivative(_ r: SIMD4<Double>) -> (value: SIMD4<Double>, derivative: SIMD4<Double>) {
        switch kind {
        case .tanhUnnormalized: return tanhCube(r, scale: 1)
        case .tanh: return tanhCube(r, scale: Self.tanhNormalization)
        case .polynomial1, .polynomial2, .polynomial3, .polynomial4: return polynomial(r)
        default: return laneByLane(r)
        }
    }

    /// scale·tanh³(1 − r/r_c) and its derivative, with r/r_c as r·(1/r_c).
    @inline(__always)
    private func tanhCube(_ r: SIMD4<Double>, scale: Double) -> (value: SIMD4<Double>, derivative: SIMD4<Double>) {
        let e = exponential(-2 * (1 - r * inverseRadius)), inverse = 1 / (1 + e)
        let t = (1 - e) * inverse
        let outside = r .>= radius
        let f = scale * t * t * t, df = -scale * 12 * inverseRadius * t * t * e * inverse * inverse
        return (f.replacing(with: 0, where: outside), df.replacing(with: 0, where: outside))
    }

    @inline(__always)
    private func polynomial(_ r: SIMD4<Double>) -> (value: SIMD4<Double>, derivative: SIMD4<Double>) {
        let width = radius - innerRadius
        let (f, dfdx) = kind.polynomial((r - innerRadius) / width)!
        let inside = r .<= innerRadius, outside = r .>= radius
        let value = f.replacing(with: 1, where: inside).replacing(with: 0, where: outside)
        let derivative = (dfdx / width).replacing(with: 0, where: inside .| outside)
        return (value, derivative)
    }

    @inline(never)
    private func laneByLane(_ r: SIMD4<Double>) -> (value: SIMD4<Double>, derivative: SIMD4<Double>) {
        var f = SIMD4<Double>(), df = SIMD4<Double>()
        for lane in 0..<4 { (f[lane], df[lane]) = valueAndDerivative(r[lane]) }
        return (f, df)
    }
}
