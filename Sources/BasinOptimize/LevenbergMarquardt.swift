import BasinMath

/// The Levenberg–Marquardt method for nonlinear least squares, min F(w) = ½ |r(w)|² over a
/// `ResidualProblem` (Levenberg, Q. Appl. Math. 2, 164 (1944); Marquardt, J. SIAM 11, 431
/// (1963)), with Nielsen's damping update (Nielsen, IMM-REP-1999-05, DTU (1999); Madsen,
/// Nielsen & Tingleff, *Methods for Non-Linear Least Squares Problems*, 2nd ed., DTU (2004),
/// Algorithm 3.16). With A = JᵀJ and g = Jᵀr each attempt solves, by Cholesky,
///
///     (A + μ D) h = −g,      D = I  or  D = diag(A)  (Marquardt's scaling)
///
/// and measures the gain ratio ϱ = (F(w) − F(w + h)) / (L(0) − L(h)) with the predicted
/// decrease L(0) − L(h) = ½ hᵀ(μ D h − g). If ϱ > 0 the step is taken and
/// μ ← μ max(⅓, 1 − (2ϱ − 1)³), ν ← 2; otherwise μ ← μ ν, ν ← 2ν (also when A + μD is not
/// numerically positive definite). Large μ gives short gradient-descent steps, small μ
/// Gauss–Newton steps. The starting damping is μ₀ = τ max Aₖₖ for D = I and μ₀ = τ for
/// Marquardt's scaling.
///
/// With Marquardt's scaling D holds the largest Aₖₖ seen so far (Moré, Lect. Notes Math. 630,
/// 105 (1978)), so the scaling never shrinks; a parameter no residual has depended on yet gets
/// Dₖₖ = 1.
///
/// The run stops when ‖g‖∞ < `StoppingCriteria.maximumForce` (converged), when
/// ‖h‖₂ ≤ ε₂ (‖w‖₂ + ε₂) (small step), after `maximumSteps` accepted steps, or when μ
/// overflows. Each attempt costs one residual evaluation, each accepted step one Jacobian and
/// O(mn² + n³) operations; memory is m n + 2 n² numbers.
public struct LevenbergMarquardt: Sendable {
    /// The damping matrix D.
    public enum Damping: String, Sendable, Codable, CaseIterable {
        /// D = I (Levenberg).
        case identity
        /// D = diag(JᵀJ), the running maximum (Marquardt, Moré): invariant to the scale of
        /// the parameters.
        case jacobianDiagonal
    }

    public var damping: Damping
    /// τ of the starting damping.
    public var initialDamping: Double
    /// ε₂ of the step test.
    public var relativeStepTolerance: Double

    /// τ = 10⁻³ (Madsen, Nielsen & Tingleff's suggestion for a good starting point) and
    /// ε₂ = 10⁻¹⁴.
    public init(damping: Damping = .jacobianDiagonal, initialDamping: Double = 1e-3, relativeStepTolerance: Double = 1e-14) {
        precondition(initialDamping > 0 && relativeStepTolerance >= 0, "need τ > 0 and ε₂ ≥ 0")
        self.damping = damping
        self.initialDamping = initialDamping
        self.relativeStepTolerance = relativeStepTolerance
    }

    /// Minimizes ½ |r|² of `problem` from `start`.
    /// - Parameter criteria: `maximumForce` bounds ‖Jᵀr‖∞ at convergence; `maximumSteps` the
    ///   number of accepted steps.
    /// - Throws: whatever the problem throws, passed through.
    public func minimize<P: ResidualProblem>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria
    ) throws(P.Failure) -> LeastSquaresResult {
        let n = problem.dimension, m = problem.residualCount
        precondition(start.count == n, "the starting point needs \(n) parameters")
        var w = start, trialPoint = start
        var r = [Double](repeating: 0, count: m), trialResiduals = r
        var jacobian = DenseMatrix(rows: m, columns: n)
        var normal = DenseMatrix(rows: n, columns: n), factor = normal
        var g = [Double](repeating: 0, count: n), h = g
        var scaling = [Double](repeating: 0, count: n)
        var iterations = 0, residualEvaluations = 1, jacobianEvaluations = 1

        try problem.residuals(at: w, into: &r)
        var cost = 0.5 * r.dot(r)
        try problem.jacobian(at: w, into: &jacobian)
        formNormalEquations(jacobian, r, normal: &normal, gradient: &g, scaling: &scaling)
        var gradientNorm = g.reduce(0) { max($0, abs($1)) }
        var mu = initialDamping, nu = 2.0
        if damping == .identity { mu *= (0..<n).reduce(0) { max($0, normal[$1, $1]) } }

        // Dₖₖ.
        func weight(_ k: Int) -> Double { damping == .identity || scaling[k] == 0 ? 1 : scaling[k] }
        // A rejected attempt: more damping.
        func dampMore() {
            mu = max(mu, .leastNormalMagnitude) * nu
            nu *= 2
        }
        func result(_ reason: LeastSquaresStopReason) -> LeastSquaresResult {
            LeastSquaresResult(
                stopReason: reason, point: w, residuals: r, cost: cost, gradientNorm: gradientNorm, damping: mu,
                iterations: iterations, residualEvaluations: residualEvaluations, jacobianEvaluations: jacobianEvaluations)
        }
        guard cost.isFinite, jacobian.storage.isFinite else { return result(.nonFiniteValue) }

        while true {
            if gradientNorm < criteria.maximumForce || gradientNorm == 0 { return result(.converged) }
            if iterations >= criteria.maximumSteps { return result(.stepLimit) }
            guard mu.isFinite else { return result(.noProgress) }
            factor.storage.assign(1, times: normal.storage)
            for k in 0..<n { factor[k, k] += mu * weight(k) }
            guard factor.choleskyFactorize() else {
                dampMore()
                continue
            }
            h.assign(-1, times: g)
            factor.choleskySolve(&h)
            let stepLength = h.dot(h).squareRoot()
            if stepLength <= relativeStepTolerance * (w.dot(w).squareRoot() + relativeStepTolerance) { return result(.smallStep) }

            trialPoint.assign(w, plus: 1, times: h)
            try problem.residuals(at: trialPoint, into: &trialResiduals)
            residualEvaluations += 1
            let trialCost = 0.5 * trialResiduals.dot(trialResiduals)
            var predicted = 0.0
            for k in 0..<n { predicted += h[k] * (mu * weight(k) * h[k] - g[k]) }
            let gain = (cost - trialCost) / (0.5 * predicted)
            guard gain > 0, trialCost.isFinite else {
                dampMore()
                continue
            }
            swap(&w, &trialPoint)
            swap(&r, &trialResiduals)
            cost = trialCost
            try problem.jacobian(at: w, into: &jacobian)
            jacobianEvaluations += 1
            iterations += 1
            formNormalEquations(jacobian, r, normal: &normal, gradient: &g, scaling: &scaling)
            gradientNorm = g.reduce(0) { max($0, abs($1)) }
            let t = 2 * gain - 1
            mu *= max(1.0 / 3, 1 - t * t * t)
            nu = 2
        }
    }

    /// A ← JᵀJ (both triangles), g ← Jᵀr, and `scaling` ← the running maximum of diag(A).
    private func formNormalEquations(
        _ jacobian: DenseMatrix, _ r: [Double], normal: inout DenseMatrix, gradient g: inout [Double], scaling: inout [Double]
    ) {
        let m = jacobian.rows, n = jacobian.columns
        normal.storage.setToZero()
        g.setToZero()
        // One rank-1 update of the upper triangle per residual row, over contiguous rows.
        jacobian.storage.withUnsafeBufferPointer { J in
        normal.storage.withUnsafeMutableBufferPointer { A in
        g.withUnsafeMutableBufferPointer { g in
            for i in 0..<m {
                let row = J.baseAddress! + i * n, ri = r[i]
                for a in 0..<n {
                    let jia = row[a]
                    guard jia != 0 else { continue }
                    g[a] += jia * ri
                    let target = A.baseAddress! + a * n
                    for b in a..<n { target[b] += jia * row[b] }
                }
            }
        }}}
        for a in 0..<n {
            for b in 0..<a { normal[a, b] = normal[b, a] }
            scaling[a] = max(scaling[a], normal[a, a])
        }
    }
}
