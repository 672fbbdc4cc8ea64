import Foundation

/// The global extended Kalman filter (GEKF) with which n2p2 trains high-dimensional neural
/// network potentials: every measurement (an energy, or a force component of one structure)
/// updates all weights w and their error covariance P at once.
///
/// References: Blank & Brown, J. Chemometrics 8, 391 (1994); Singraber, Morawietz, Behler &
/// Dellago, J. Chem. Theory Comput. 15, 3075 (2019); n2p2's `KalmanFilter::update` and
/// `Training::setupUpdater` (src/libnnptrain/KalmanFilter.cpp, Training.cpp). Parameter names
/// are n2p2's keywords (`kalman_epsilon`, `kalman_eta`, …).
///
/// One update with a measurement of m values: the error ξ = y_ref − ŷ (m) and the Jacobian
/// H = ∂ŷ/∂w, given as m rows of n (so Hᵀ is n2p2's n × m H):
///
///     η ← η e^(etatau/U)   if η < etamax                    (standard only; no cap, as n2p2)
///     X = P Hᵀ                                         (n × m)
///     A = H X + (1/η) I      (standard, kalman_type 0)
///     A = H X + λ I          (fading memory, kalman_type 1)
///     K = X A⁻¹                                        (Kalman gain, n × m)
///     P ← P − K Xᵀ,  then P ← P/λ (fading memory only),  then P ← P + q I
///     w ← w + K ξ
///     q ← q e^(−qtau/U)    if q > qmin                    (no floor, as n2p2)
///     λ ← ν λ + 1 − ν                                    (fading memory only; λ → 1)
///
/// with U the projected updates per epoch (n2p2 divides kalman_qtau and kalman_etatau by it, so
/// they are rates per epoch: 2.302 = one decade per epoch) and P₀ = I/ε. n2p2 puts η into the
/// measurement noise R = I/η and steps w ← w + K ξ (no extra η factor), as here. With λ = 1 and
/// q = 0 the filter is exactly recursive least squares with prior w₀ and weight ε: after all
/// measurements w = (η HᵀH + ε I)⁻¹ (η Hᵀy + ε w₀).
///
/// Storage: P is symmetric, so only its upper triangle is kept, row by row (`settled`,
/// n(n+1)/2 doubles: 32 MB for n = 2,827). The low-rank corrections of the last updates are
/// kept aside, P = s B + d I − Σ_k g_k x_kᵀ with B the settled triangle, and folded into B
/// every `pendingCapacity` updates (`settle()`): an update then reads B once (the product
/// P h) instead of reading and writing all of P, about a quarter of the memory traffic of a
/// dense update. Settling at fixed points (every `pendingCapacity` updates, and whenever the
/// caller asks, e.g. at the end of each epoch) keeps the arithmetic identical between an
/// uninterrupted run and one resumed from a checkpoint.
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
    /// B, the settled upper triangle of P row by row: row i holds P_ii … P_i,n−1 from
    /// `rowStart(i)`; n(n+1)/2 numbers (empty in a checkpoint header, whose state file holds them).
    public var settled: [Double]
    /// s and d of P = s B + d I − Σ_k g_k x_kᵀ (1 and 0 once settled).
    var scale = 1.0
    var diagonal = 0.0
    /// The pending pairs (g_k, x_k), `pendingCount` of each, n numbers apiece.
    var pendingGains: [Double] = []
    var pendingVectors: [Double] = []
    var pendingCount = 0
    /// U, the projected updates per epoch that scale qtau and etatau.
    public var updatesPerEpoch: Double
    /// t, updates done.
    public var updates = 0
    /// The current q, η and λ.
    public var q: Double
    public var eta: Double
    public var lambda: Double

    /// Pairs kept aside before they are folded into B.
    public static let pendingCapacity = 16

    /// A fresh filter for n weights: P = I/ε, q = q0, η = eta, λ = lambda.
    public init(size: Int, parameters: Parameters = Parameters(), updatesPerEpoch: Double = 1) {
        precondition(size >= 1 && updatesPerEpoch > 0, "need weights and a positive update count")
        self.parameters = parameters
        self.size = size
        self.updatesPerEpoch = updatesPerEpoch
        settled = [Double](repeating: 0, count: Self.triangleCount(size))
        for i in 0..<size { settled[Self.rowStart(i, size)] = 1 / parameters.epsilon }
        q = parameters.q0
        eta = parameters.eta
        lambda = parameters.lambda
    }

    /// n(n+1)/2, the numbers of the upper triangle.
    public static func triangleCount(_ n: Int) -> Int { n * (n + 1) / 2 }

    /// Index of P_ii in the packed upper triangle of an n × n matrix.
    static func rowStart(_ i: Int, _ n: Int) -> Int { i * n - i * (i - 1) / 2 }

    /// P_ij (either order), including the pending corrections.
    public func covariance(_ i: Int, _ j: Int) -> Double {
        let n = size, (a, b) = (min(i, j), max(i, j))
        var value = scale * settled[Self.rowStart(a, n) + b - a] + (i == j ? diagonal : 0)
        for k in 0..<pendingCount { value -= pendingGains[k * n + a] * pendingVectors[k * n + b] }
        return value
    }

    /// Folds the pending corrections into B: B ← s B + d I − Σ_k g_k x_kᵀ on the upper triangle,
    /// each row read and written once.
    public mutating func settle() {
        guard pendingCount > 0 || scale != 1 || diagonal != 0 else { return }
        let n = size, count = pendingCount, s = scale, d = diagonal
        settled.withUnsafeMutableBufferPointer { b in
        pendingGains.withUnsafeBufferPointer { g in
        pendingVectors.withUnsafeBufferPointer { x in
            let b = b.baseAddress!, g = g.baseAddress!, x = x.baseAddress!
            var c = [Double](repeating: 0, count: count)
            for i in 0..<n {
                let row = b + Self.rowStart(i, n) - i
                for k in 0..<count { c[k] = g[k * n + i] }
                var j = i
                while j + 4 <= n {
                    var v = SIMD4(row[j], row[j + 1], row[j + 2], row[j + 3]) * s
                    for k in 0..<count {
                        let xk = x + k * n + j
                        v -= c[k] * SIMD4(xk[0], xk[1], xk[2], xk[3])
                    }
                    row[j] = v[0]; row[j + 1] = v[1]; row[j + 2] = v[2]; row[j + 3] = v[3]
                    j += 4
                }
                while j < n {
                    var v = row[j] * s
                    for k in 0..<count { v -= c[k] * x[k * n + j] }
                    row[j] = v
                    j += 1
                }
                row[i] += d
            }
        }}}
        scale = 1
        diagonal = 0
        pendingCount = 0
        pendingGains.removeAll(keepingCapacity: true)
        pendingVectors.removeAll(keepingCapacity: true)
    }

    /// y = P h for one vector h (n), with the pending corrections.
    func multiply(_ h: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        let n = size
        y.update(repeating: 0, count: n)
        settled.withUnsafeBufferPointer { b in
            let b = b.baseAddress!
            // Symmetric product from the upper triangle: each B_ij (j > i) serves y_i and y_j.
            for i in 0..<n {
                let row = b + Self.rowStart(i, n) - i
                let hi = h[i], hv = SIMD4(repeating: hi)
                var partial = SIMD4<Double>.zero
                var j = i + 1
                while j + 4 <= n {
                    let r = SIMD4(row[j], row[j + 1], row[j + 2], row[j + 3])
                    partial += r * SIMD4(h[j], h[j + 1], h[j + 2], h[j + 3])
                    let v = SIMD4(y[j], y[j + 1], y[j + 2], y[j + 3]) + r * hv
                    y[j] = v[0]; y[j + 1] = v[1]; y[j + 2] = v[2]; y[j + 3] = v[3]
                    j += 4
                }
                var sum = row[i] * hi + partial.sum()
                while j < n {
                    sum += row[j] * h[j]
                    y[j] += row[j] * hi
                    j += 1
                }
                y[i] += sum
            }
        }
        let s = scale, d = diagonal
        for i in 0..<n { y[i] = s * y[i] + d * h[i] }
        pendingGains.withUnsafeBufferPointer { g in
        pendingVectors.withUnsafeBufferPointer { x in
            for k in 0..<pendingCount {
                let xk = x.baseAddress! + k * n, gk = g.baseAddress! + k * n
                var dot = 0.0
                for j in 0..<n { dot += xk[j] * h[j] }
                if dot == 0 { continue }
                for i in 0..<n { y[i] -= gk[i] * dot }
            }
        }}
    }

    /// Updates `weights` (n) with one measurement: `error` ξ = y_ref − ŷ (m values) and
    /// `jacobian` ∂ŷ/∂w as m rows of n, row-major.
    public mutating func update(_ weights: inout [Double], error: [Double], jacobian: [Double]) {
        let n = size, m = error.count
        precondition(weights.count == n && m >= 1 && jacobian.count == m * n, "need n weights and an m × n Jacobian")
        let p = parameters
        if p.type == .standard, let tau = p.etatau, let maximum = p.etamax, eta < maximum {
            eta *= exp(tau / updatesPerEpoch)
        }
        // X = P Hᵀ, stored as m rows of n (row k = P h_k; P is symmetric).
        var x = [Double](repeating: 0, count: m * n)
        jacobian.withUnsafeBufferPointer { h in
        x.withUnsafeMutableBufferPointer { x in
            for k in 0..<m { multiply(h.baseAddress! + k * n, into: x.baseAddress! + k * n) }
        }}
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
        // w ← w + K ξ.
        for k in 0..<m {
            let e = error[k]
            for i in 0..<n { weights[i] += gain[k * n + i] * e }
        }
        // P ← (P − K Xᵀ)/λ + q I, the product kept aside.
        if pendingCount + m > Self.pendingCapacity { settle() }
        pendingGains += gain
        pendingVectors += x
        pendingCount += m
        if p.type == .fadingMemory {
            let inverseLambda = 1 / lambda
            scale *= inverseLambda
            diagonal *= inverseLambda
            for i in pendingGains.indices { pendingGains[i] *= inverseLambda }
        }
        diagonal += q
        // Schedules.
        if q > p.qmin { q *= exp(-p.qtau / updatesPerEpoch) }
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
