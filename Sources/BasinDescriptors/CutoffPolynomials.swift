/// What the polynomial cutoffs need of their argument x: arithmetic with itself and with
/// constants, so that one formula serves one distance (`Double`) and four (`SIMD4<Double>`),
/// with the same operations in the same order and so the same results lane by lane.
protocol CutoffPolynomialArgument {
    static func * (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Double, rhs: Self) -> Self
    static func - (lhs: Double, rhs: Self) -> Self
    static func + (lhs: Self, rhs: Double) -> Self
    static func - (lhs: Self, rhs: Double) -> Self
}

extension Double: CutoffPolynomialArgument {}
extension SIMD4<Double>: CutoffPolynomialArgument {}

extension CutoffKind {
    /// f(x) and df/dx of a polynomial type (5–8) at x ∈ [0, 1] (dimensionless); nil for the others.
    @inline(__always)
    func polynomial<X: CutoffPolynomialArgument>(_ x: X) -> (f: X, dfdx: X)? {
        switch self {
        case .polynomial1:
            return ((2 * x - 3) * x * x + 1, (6 * x - 6) * x)
        case .polynomial2:
            return (((15 - 6 * x) * x - 10) * x * x * x + 1, ((60 - 30 * x) * x - 30) * x * x)
        case .polynomial3:
            let x3 = x * x * x
            return ((x * (x * (20 * x - 70) + 84) - 35) * x3 * x + 1, (x * (x * (140 * x - 420) + 420) - 140) * x3)
        case .polynomial4:
            let x4 = x * x * x * x
            return (
                (x * (x * ((315 - 70 * x) * x - 540) + 420) - 126) * x4 * x + 1,
                (x * (x * ((2520 - 630 * x) * x - 3780) + 2520) - 630) * x4
            )
        default:
            return nil
        }
    }
}
