import Foundation

/// The global extended Kalman filter (GEKF) with which n2p2 trains high-dimensional neural
/// network potentials: every measurement (an energy, or a few force components of one
/// structure) updates all weights w and their error covariance P at once.
///
/// References: Blank & Brown, J. Chemometrics 8, 391 (1994); Singraber, Morawietz, Behler &
/// Dellago, J. Chem. Theory Comput. 15, 3075 (2019); n2p2's `KalmanFilter::update` and
/// `Training::setupUpdater` (src/libnnptrain/KalmanFilter.cpp, Training.cpp). Parameter names
/// are n2p2's keywords (`kalman_epsilon`, `kalman_eta`, …).
///
/// One update with a measurement of m values: the error ξ = y_ref − ŷ (m) and the Jacobian
/// H = ∂ŷ/∂w, given as m rows of n (so Hᵀ is n2p2's n × m H):
///
///     X = P Hᵀ                                         (n × m)
///     A = H X + (1/η) I      (standard, kalman_type 0)
///     A = H X + λ I          (fading memory, kalman_type 1)
///     K = X A⁻¹                                        (Kalman gain, n × m)
///     P ← P − K Xᵀ,  then P ← P/λ (fading memory only),  then P ← P + q I
///     w ← w + K ξ
///
/// then the schedules advance, per update t and with U the projected updates per epoch (n2p2
/// divides kalman_qtau and kalman_etatau by it, so they are rates per epoch: 2.302 = one
/// decade per epoch):
///
///     q ← max(q e^(−qtau/U), qmin)   while q > qmin        (q(t) = max(q0 e^(−qtau t/U), qmin))
///     η ← min(η e^(etatau/U), etamax) while η < etamax,   before the update (standard only)
///     λ ← ν λ + 1 − ν                                    (fading memory only; λ → 1)
///
/// and P₀ = I/ε. n2p2 puts η into the measurement noise R = I/η and steps w ← w + K ξ (no
/// extra η factor), as here. With λ = 1 and q = 0 the filter is exactly recursive least squares
/// with prior w₀ and weight ε: after all measurements w = (η HᵀH + ε I)⁻¹ (η Hᵀy + ε w₀).
///
/// Memory: P is a dense row-major n × n array of Doubles, 8n² bytes (n = 1000 weights: 8 MB;
/// n = 5000: 200 MB), and one update costs O(m n²). Fine for networks up to a few thousand
/// weights; checkpoints store P in full. n2p2's decoupled (per-element) filters are not
/// implemented.
public struct KalmanFilter: Codable, Sendable, Equatable {
    /// n2p2's `kalman_type`.
    public enum FilterType: String, Codable, Sendable, CaseIterable {
        /// 0: measurement noise 1/η with a rising η.
        case standard
        /// 1: forgetting factor λ → 1.
        case fadingMemory = "fading-memory"
    }

    /// The settings, with n2p2's keyword names. Defaults: n2p2's example
    /// `examples/nnp-train/H2O_RPBE-D3/input.nn` (n2p2 itself requires every keyword).
    public struct Parameters: Codable, Sendable, Equatable {
        public var type: FilterType
        /// `kalman_epsilon`: P₀ = I/ε.
        public var epsilon: Double
        /// `kalman_q0`, `kalman_qtau` (per epoch), `kalman_qmin`: the process noise q.
        public var q0: Double
        public var qtau: Double
        public var qmin: Double
        /// `kalman_eta`, `kalman_etatau` (per epoch), `kalman_etamax` (standard type). Without
        /// `etatau` and `etamax` η stays at `eta`, as in n2p2.
        public var eta: Double
        public var etatau: Double?
        public var etamax: Double?
        /// `kalman_lambda_short`, `kalman_nue_short` (fading-memory type).
        public var lambda: Double
        public var nu: Double

        public init(
            type: FilterType = .standard, epsilon: Double? = nil, q0: Double? = nil, qtau: Double = 2.302, qmin: Double? = nil,
            eta: Double = 0.01, etatau: Double? = 2.302, etamax: Double? = 1.0, lambda: Double = 0.96, nu: Double = 0.9995
        ) {
            let fading = type == .fadingMemory
            self.type = type
            // The example's fading-memory block uses ε = 0.1, q0 = 0, qmin = 0.
            self.epsilon = epsilon ?? (fading ? 0.1 : 0.01)
            self.q0 = q0 ?? (fading ? 0 : 0.01)
            self.qtau = qtau
            self.qmin = qmin ?? (fading ? 0 : 1e-6)
            self.eta = eta
            self.etatau = etatau
            self.etamax = etamax
            self.lambda = lambda
            self.nu = nu
            precondition(self.epsilon > 0 && self.q0 >= 0 && self.qtau >= 0 && self.qmin >= 0, "need ε > 0 and q0, qtau, qmin ≥ 0")
            precondition(eta > 0 && (etatau ?? 0) >= 0 && (etamax ?? 1) > 0, "need η > 0, etatau ≥ 0, etamax > 0")
            precondition(lambda > 0 && lambda <= 1 && nu > 0 && nu <= 1, "need 0 < λ ≤ 1 and 0 < ν ≤ 1")
        }
    }

    public var parameters: Parameters
    /// n, the number of weights.
    public let size: Int
    /// P, row-major n × n, symmetric.
    public var covariance: [Double]
    /// U, the projected updates per epoch that scale qtau and etatau.
    public var updatesPerEpoch: Double
    /// t, updates done.
    public var updates = 0
    /// The current q, η and λ.
    public var q: Double
    public var eta: Double
    public var lambda: Double

    /// A fresh filter for n weights: P = I/ε, q = q0, η = eta, λ = lambda.
    public init(size: Int, parameters: Parameters = Parameters(), updatesPerEpoch: Double = 1) {
        precondition(size >= 1 && updatesPerEpoch > 0, "need weights and a positive update count")
        self.parameters = parameters
        self.size = size
        self.updatesPerEpoch = updatesPerEpoch
        covariance = [Double](repeating: 0, count: size * size)
        for i in 0..<size { covariance[i * size + i] = 1 / parameters.epsilon }
        q = parameters.q0
        eta = parameters.eta
        lambda = parameters.lambda
    }

    /// Updates `weights` (n) with one measurement: `error` ξ = y_ref − ŷ (m values) and
    /// `jacobian` ∂ŷ/∂w as m rows of n, row-major.
    public mutating func update(_ weights: inout [Double], error: [Double], jacobian: [Double]) {
        let n = size, m = error.count
        precondition(weights.count == n && m >= 1 && jacobian.count == m * n, "need n weights and an m × n Jacobian")
        let p = parameters
        if p.type == .standard, let tau = p.etatau, let maximum = p.etamax, eta < maximum {
            eta = min(eta * exp(tau / updatesPerEpoch), maximum)
        }
        // X = P Hᵀ, stored as m rows of n (row k = P h_k; P is symmetric).
        var x = [Double](repeating: 0, count: m * n)
        covariance.withUnsafeBufferPointer { pm in
        jacobian.withUnsafeBufferPointer { h in
        x.withUnsafeMutableBufferPointer { x in
            for k in 0..<m {
                for i in 0..<n {
                    var sum = 0.0
                    let row = i * n, hk = k * n
                    for j in 0..<n { sum += pm[row + j] * h[hk + j] }
                    x[k * n + i] = sum
                }
            }
        }}}
        // A = H X + noise I (m × m, symmetric positive definite).
        let noise = p.type == .standard ? 1 / eta : lambda
        var a = [Double](repeating: 0, count: m * m)
        for k in 0..<m {
            for l in 0..<m {
                var sum = 0.0
                for j in 0..<n { sum += jacobian[k * n + j] * x[l * n + j] }
                a[k * m + l] = sum
            }
            a[k * m + k] += noise
        }
        // Symmetrize A against rounding, then A⁻¹.
        for k in 0..<m { for l in (k + 1)..<m { let s = 0.5 * (a[k * m + l] + a[l * m + k]); a[k * m + l] = s; a[l * m + k] = s } }
        let inverse = Self.invert(a, m)
        // K = X A⁻¹, as m rows of n: K_k = Σ_l (A⁻¹)_lk X_l.
        var gain = [Double](repeating: 0, count: m * n)
        for k in 0..<m {
            for l in 0..<m {
                let c = inverse[l * m + k]
                if c == 0 { continue }
                for i in 0..<n { gain[k * n + i] += c * x[l * n + i] }
            }
        }
        // P ← (P − K Xᵀ)/λ + q I, computed on the upper triangle and mirrored (K Xᵀ = X A⁻¹ Xᵀ is symmetric).
        let scale = p.type == .fadingMemory ? 1 / lambda : 1
        let q = self.q
        covariance.withUnsafeMutableBufferPointer { pm in
        gain.withUnsafeBufferPointer { g in
        x.withUnsafeBufferPointer { x in
            for i in 0..<n {
                for j in i..<n {
                    var sum = 0.0
                    for k in 0..<m { sum += g[k * n + i] * x[k * n + j] }
                    var value = (pm[i * n + j] - sum) * scale
                    if i == j { value += q }
                    pm[i * n + j] = value
                    pm[j * n + i] = value
                }
            }
        }}}
        // w ← w + K ξ.
        for k in 0..<m {
            let e = error[k]
            for i in 0..<n { weights[i] += gain[k * n + i] * e }
        }
        // Schedules.
        if self.q > p.qmin { self.q = max(self.q * exp(-p.qtau / updatesPerEpoch), p.qmin) }
        if p.type == .fadingMemory { lambda = p.nu * lambda + 1 - p.nu }
        updates += 1
    }

    /// The inverse of the symmetric positive-definite m × m matrix `a` (Gauss–Jordan with
    /// partial pivoting; m is small).
    static func invert(_ a: [Double], _ m: Int) -> [Double] {
        if m == 1 { return [1 / a[0]] }
        var a = a
        var inverse = [Double](repeating: 0, count: m * m)
        for i in 0..<m { inverse[i * m + i] = 1 }
        for c in 0..<m {
            var pivot = c
            for r in (c + 1)..<m where abs(a[r * m + c]) > abs(a[pivot * m + c]) { pivot = r }
            if pivot != c {
                for j in 0..<m {
                    a.swapAt(c * m + j, pivot * m + j)
                    inverse.swapAt(c * m + j, pivot * m + j)
                }
            }
            let d = 1 / a[c * m + c]
            for j in 0..<m { a[c * m + j] *= d; inverse[c * m + j] *= d }
            for r in 0..<m where r != c {
                let f = a[r * m + c]
                if f == 0 { continue }
                for j in 0..<m { a[r * m + j] -= f * a[c * m + j]; inverse[r * m + j] -= f * inverse[c * m + j] }
            }
        }
        return inverse
    }
}
