/// Values that can be zeroed and accumulated: per-atom scalars (`Double`) and vectors
/// (`SIMD3<Double>`), so that one generic routine sums either.
public protocol Summable {
    static var zero: Self { get }
    static func += (lhs: inout Self, rhs: Self)
}

extension Double: Summable {}
extension SIMD3: Summable where Scalar == Double {}
