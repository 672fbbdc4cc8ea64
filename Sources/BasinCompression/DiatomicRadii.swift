import Foundation

/// The two convergence radii of Newton's method for two atoms, in closed form.
///
/// For n = 2 the one reduced variable is the distance d and U′(d) = V″(d) with
/// V(d) = d⁻¹² − d⁻⁶, minimal at d* = 2^{1/6}; V″(d) = 156 d⁻¹⁴ − 42 d⁻⁸ and
/// V‴(d) = −2184 d⁻¹⁵ + 336 d⁻⁹.
/// - Rheinboldt (Kantorovich-type): |V″(d*)⁻¹(V″(x) − V″(y))| ≤ L|x − y| on the ball, with
///   L(r) = max |V‴| / V″(d*) over [d* − r, d* + r] — reached at d* − r, since |V‴| decreases
///   on (0, 6.5^{1/6}) — and r₁ the root of r = 2/(3L(r)).
/// - Wang: L**(r) = max |V″(d* ± r)/V″(d*) − 1| / r and r₂ the root of r = 2/L**(r).
/// Retzlaff, Munson & Di report r₁ < 0.02432 and r₂ ≤ 0.06276.
public enum DiatomicRadii {
    /// d* = 2^{1/6}, the minimum of d⁻¹² − d⁻⁶.
    public static let minimumDistance = pow(2.0, 1.0 / 6.0)

    public static func secondDerivative(_ d: Double) -> Double { 156 * pow(d, -14) - 42 * pow(d, -8) }
    public static func thirdDerivative(_ d: Double) -> Double { -2184 * pow(d, -15) + 336 * pow(d, -9) }

    /// L(r) of Rheinboldt's condition.
    public static func rheinboldtLipschitz(radius r: Double) -> Double {
        abs(thirdDerivative(minimumDistance - r)) / secondDerivative(minimumDistance)
    }

    /// L**(r) of Wang's condition.
    public static func wangLipschitz(radius r: Double) -> Double {
        let reference = secondDerivative(minimumDistance)
        let inner = abs(secondDerivative(minimumDistance - r) / reference - 1)
        let outer = abs(secondDerivative(minimumDistance + r) / reference - 1)
        return max(inner, outer) / r
    }

    /// r₁: the root of 3r·L(r) = 2.
    public static var rheinboldtRadius: Double { root { 3 * $0 * rheinboldtLipschitz(radius: $0) - 2 } }

    /// r₂: the root of r·L**(r) = 2.
    public static var wangRadius: Double { root { $0 * wangLipschitz(radius: $0) - 2 } }

    /// Bisection for the root of an increasing f on (0, 0.5].
    private static func root(_ f: (Double) -> Double) -> Double {
        var lo = 1e-9, hi = 0.5
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if f(mid) <= 0 { lo = mid } else { hi = mid }
        }
        return lo
    }
}
