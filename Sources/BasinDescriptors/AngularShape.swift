import Foundation

/// The angular part (1 + λ cos θ)^ζ of angular symmetry functions with one (λ, ζ): the members
/// of an angular group that share it share its value and derivative at each pair.
struct AngularShape: Sendable, Equatable {
    let lambda: Double
    let zeta: Double
    /// ζ when it is a small whole number (powers by multiplication), else 0.
    let wholeZeta: Int

    init(lambda: Double, zeta: Double) {
        self.lambda = lambda
        self.zeta = zeta
        wholeZeta = zeta == zeta.rounded() && zeta >= 1 && zeta <= 64 ? Int(zeta) : 0
    }

    /// (1 + λ cos θ)^ζ and its derivative by cos θ; both 0 when 1 + λ cos θ ≤ 0 (a zero term).
    @inline(__always)
    func part(_ cosine: Double) -> (value: Double, derivative: Double) {
        let base = 1 + lambda * cosine
        if base <= 0 { return (0, 0) }
        let power: Double  // base^(ζ−1)
        if wholeZeta > 0 {
            var p = 1.0
            for _ in 1..<wholeZeta { p *= base }
            power = p
        } else {
            power = pow(base, zeta - 1)
        }
        return (power * base, zeta * lambda * power)
    }

    /// `part(_:)` at four cosines, each lane by the same operations as the scalar form.
    @inline(__always)
    func part(_ cosine: SIMD4<Double>) -> (value: SIMD4<Double>, derivative: SIMD4<Double>) {
        let base = 1 + lambda * cosine, power = powerBelowZeta(base), outside = base .<= 0
        return ((power * base).replacing(with: 0, where: outside), (zeta * lambda * power).replacing(with: 0, where: outside))
    }

    /// (1 + λ cos θ)^ζ at four cosines (0 where 1 + λ cos θ ≤ 0).
    @inline(__always)
    func value(_ cosine: SIMD4<Double>) -> SIMD4<Double> {
        let base = 1 + lambda * cosine
        return (powerBelowZeta(base) * base).replacing(with: 0, where: base .<= 0)
    }

    /// base^(ζ−1) per lane: by multiplication for a whole ζ, else by `pow` (NaN for a
    /// negative base, which the callers replace).
    @inline(__always)
    private func powerBelowZeta(_ base: SIMD4<Double>) -> SIMD4<Double> {
        var power = SIMD4<Double>(repeating: 1)
        if wholeZeta > 0 {
            for _ in 1..<wholeZeta { power *= base }
        } else {
            for lane in 0..<4 { power[lane] = pow(base[lane], zeta - 1) }
        }
        return power
    }
}
