import BasinMath

/// Conjugate gradients for H·s = g preconditioned by the Cholesky factor of a nearby positive
/// definite matrix (Saad, *Iterative Methods for Sparse Linear Systems*, 2nd ed., Alg. 9.1).
enum PreconditionedConjugateGradient {
    enum Outcome {
        /// ‖H·s − g‖ ≤ tolerance·‖g‖.
        case solved([Double])
        /// A direction p with pᵀHp ≤ 0: H is not positive definite.
        case negativeCurvature
        /// The tolerance was not reached within the iteration limit.
        case notConverged
    }

    /// s with ‖H·s − g‖ ≤ `tolerance`·‖g‖ within `maximumIterations`.
    static func solve(
        _ h: DenseMatrix, _ g: [Double], preconditioner: CholeskyFactorization, threads: Int,
        tolerance: Double = 1e-12, maximumIterations: Int = 40
    ) -> Outcome {
        let m = g.count
        let target = tolerance * Vectors.norm(g)
        guard target > 0 else { return .solved([Double](repeating: 0, count: m)) }
        var s = [Double](repeating: 0, count: m)
        var r = g
        var z = r
        preconditioner.solve(&z)
        var p = z
        var rz = r.dot(z)
        var hp = [Double](repeating: 0, count: m)
        for _ in 0..<maximumIterations {
            h.multiply(p, into: &hp, threads: threads)
            let curvature = p.dot(hp)
            guard curvature.isFinite else { return .notConverged }
            guard curvature > 0 else { return .negativeCurvature }
            let alpha = rz / curvature
            for k in 0..<m {
                s[k] += alpha * p[k]
                r[k] -= alpha * hp[k]
            }
            if Vectors.norm(r) <= target {
                // Confirm with the true residual, which the recurrence only tracks.
                h.multiply(s, into: &hp, threads: threads)
                var residual = 0.0
                for k in 0..<m { residual += (hp[k] - g[k]) * (hp[k] - g[k]) }
                return residual.squareRoot() <= 10 * target ? .solved(s) : .notConverged
            }
            z = r
            preconditioner.solve(&z)
            let rzNext = r.dot(z)
            let beta = rzNext / rz
            rz = rzNext
            for k in 0..<m { p[k] = z[k] + beta * p[k] }
        }
        return .notConverged
    }
}
