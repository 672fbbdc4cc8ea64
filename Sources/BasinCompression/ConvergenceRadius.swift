/// The radius of a ball of guaranteed Newton convergence (the paper's Algorithm 1).
///
/// Wang's theorem (X. Wang, IMA J. Numer. Anal. 20, 123 (2000); as used by Retzlaff, Munson
/// & Di): if ‖U′(X*)⁻¹U′(X) − I‖ ≤ L**‖X − X*‖ on B(X*, r₂) and r₂ ≤ 2/L**, Newton's method
/// converges to X* from every start in the ball. For a trial radius r, r₂ = min{r, 2/L**(r)}
/// is such a radius when L**(r) bounds the ratio on the whole ball.
public struct ConvergenceRadius: Sendable, Codable, Equatable {
    /// r₂ (reduced length units).
    public var radius: Double
    /// The L** that certifies it: L**(r) at the trial radius r that gave r₂.
    public var lipschitz: Double
    /// The trial radius r with which L** was evaluated (r ≥ r₂).
    public var trialRadius: Double
    /// Number of L** evaluations.
    public var evaluations: Int

    /// r₂ = min{r, 2/L(r)} from `initial`, or — when `refine` — the largest such radius found
    /// by moving r towards the fixed point r = 2/L(r): r ← 2/L(r) while r·L(r) > 2 (doubling r
    /// while r·L(r) ≤ 2) gives a bracket [r_lo, r_hi] with r_lo·L(r_lo) ≤ 2 < r_hi·L(r_hi),
    /// narrowed by the Illinois variant of regula falsi until it is `relativeTolerance` wide. Every evaluated r contributes min{r, 2/L(r)}; the
    /// largest is reported.
    public static func search(
        initial: Double, refine: Bool, relativeTolerance: Double = 1e-6, maximumEvaluations: Int = 60,
        lipschitz: (Double) -> Double
    ) -> ConvergenceRadius {
        var best = ConvergenceRadius(radius: 0, lipschitz: .infinity, trialRadius: initial, evaluations: 0)
        var evaluations = 0
        func excess(_ r: Double) -> Double {
            let l = lipschitz(r)
            evaluations += 1
            let candidate = min(r, 2 / l)
            if candidate > best.radius { best = ConvergenceRadius(radius: candidate, lipschitz: l, trialRadius: r, evaluations: 0) }
            return r * l - 2
        }
        var r = initial
        var g = excess(r)
        if refine, g.isFinite {
            // Bracket the root of g(r) = r·L(r) − 2.
            var lo = (r: r, g: g), hi = (r: r, g: g)
            while lo.g > 0, evaluations < maximumEvaluations {
                // r ← 2/L(r) = 2r/(g + 2) < r, valid at once when L grows with r.
                hi = lo
                r = 2 * lo.r / (lo.g + 2)
                lo = (r, excess(r))
            }
            while hi.g <= 0, evaluations < maximumEvaluations, hi.r < 1e3 {
                lo = hi
                r = hi.r * 2
                hi = (r, excess(r))
            }
            var side = 0
            while lo.g <= 0, hi.g > 0, hi.r - lo.r > relativeTolerance * hi.r, evaluations < maximumEvaluations {
                r = (lo.r * hi.g - hi.r * lo.g) / (hi.g - lo.g)
                if !(r > lo.r && r < hi.r) { r = (lo.r + hi.r) / 2 }
                g = excess(r)
                if g <= 0 {
                    lo = (r, g)
                    if side == -1 { hi.g /= 2 }
                    side = -1
                } else {
                    hi = (r, g)
                    if side == 1 { lo.g /= 2 }
                    side = 1
                }
            }
        }
        best.evaluations = evaluations
        return best
    }
}
