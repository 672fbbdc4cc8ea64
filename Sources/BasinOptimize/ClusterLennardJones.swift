/// The Lennard-Jones energy of a cluster, all pairs and no cutoff, as a function of its 3N
/// Cartesian coordinates: the fast path basin hopping uses for Lennard-Jones clusters.
///
///     E = 4ε Σ_{i<j} [(σ/rᵢⱼ)¹² − (σ/rᵢⱼ)⁶]
///
/// (Lennard-Jones, Proc. R. Soc. A 106, 463 (1924)); with ε = σ = 1 (reduced units) these are
/// the energies of the Cambridge Cluster Database. Coordinates are ordered (atom 0 x, y, z,
/// atom 1 x, …) in length units; the value is in energy units and the gradient in energy /
/// length. The norm is the largest per-atom length, as for `PotentialEnergySurface`, so that a
/// force threshold means the same on both paths.
///
/// One evaluation is a single pass over the N(N − 1)/2 pairs, four partners at a time, on
/// scratch rows allocated once: no neighbor list, no allocation.
public struct ClusterLennardJones: Optimizable, Sendable {
    /// Number of atoms N.
    public let atomCount: Int
    /// Well depth ε (energy units).
    public let epsilon: Double
    /// Length σ at which the pair energy is zero (length units).
    public let sigma: Double
    /// Scratch: the coordinates as rows x₀…x_{N−1}, y₀…, z₀….
    private var rows: [Double]
    /// Scratch: the gradient / 4ε in the same layout.
    private var gradientRows: [Double]

    public init(atomCount: Int, epsilon: Double = 1, sigma: Double = 1) {
        precondition(atomCount >= 1, "a cluster needs at least one atom")
        precondition(epsilon > 0 && sigma > 0, "ε and σ must be positive")
        self.atomCount = atomCount
        self.epsilon = epsilon
        self.sigma = sigma
        rows = [Double](repeating: 0, count: 3 * atomCount)
        gradientRows = rows
    }

    public var dimension: Int { 3 * atomCount }

    public mutating func evaluate(at x: [Double], gradient: inout [Double]) -> Double {
        precondition(x.count == dimension && gradient.count == dimension, "a point needs three coordinates per atom")
        let n = atomCount
        // Coordinates and gradient components in separate rows (x, y, z), so that the inner
        // loop over partners j runs four at a time.
        for i in 0..<n {
            rows[i] = x[3 * i]
            rows[n + i] = x[3 * i + 1]
            rows[2 * n + i] = x[3 * i + 2]
        }
        let sum = Self.accumulate(rows: rows, into: &gradientRows, count: n, sigmaSquared: sigma * sigma)
        let scale = 4 * epsilon
        for i in 0..<n {
            gradient[3 * i] = scale * gradientRows[i]
            gradient[3 * i + 1] = scale * gradientRows[n + i]
            gradient[3 * i + 2] = scale * gradientRows[2 * n + i]
        }
        return scale * sum
    }

    /// Σ_{i<j} s⁶(s⁶ − 1) with s = σ/rᵢⱼ, and its gradient, both divided by 4ε, over all pairs.
    private static func accumulate(rows: [Double], into gradientRows: inout [Double], count n: Int, sigmaSquared: Double)
        -> Double
    {
        rows.withUnsafeBufferPointer { r in
            gradientRows.withUnsafeMutableBufferPointer { g in
                let x = r.baseAddress!, y = x + n, z = x + 2 * n
                let gx = g.baseAddress!, gy = gx + n, gz = gx + 2 * n
                for k in 0..<(3 * n) { g[k] = 0 }
                var sum4 = SIMD4<Double>.zero
                var sum = 0.0
                for i in 0..<n {
                    let xi = x[i], yi = y[i], zi = z[i]
                    var fx4 = SIMD4<Double>.zero, fy4 = SIMD4<Double>.zero, fz4 = SIMD4<Double>.zero
                    var j = i + 1
                    while j + 4 <= n {
                        let dx = xi - load(x + j), dy = yi - load(y + j), dz = zi - load(z + j)
                        let inverseSquare = 1 / (dx * dx + dy * dy + dz * dz)
                        let s2 = sigmaSquared * inverseSquare
                        let s6 = s2 * s2 * s2
                        sum4 += s6 * (s6 - 1)
                        // (1/r) dE/dr / (4ε) = −(12 s¹² − 6 s⁶) / r².
                        let factor = (6 - 12 * s6) * s6 * inverseSquare
                        fx4 += factor * dx
                        fy4 += factor * dy
                        fz4 += factor * dz
                        store(load(gx + j) - factor * dx, gx + j)
                        store(load(gy + j) - factor * dy, gy + j)
                        store(load(gz + j) - factor * dz, gz + j)
                        j += 4
                    }
                    var fx = fx4.sum(), fy = fy4.sum(), fz = fz4.sum()
                    while j < n {
                        let dx = xi - x[j], dy = yi - y[j], dz = zi - z[j]
                        let inverseSquare = 1 / (dx * dx + dy * dy + dz * dz)
                        let s2 = sigmaSquared * inverseSquare
                        let s6 = s2 * s2 * s2
                        sum += s6 * (s6 - 1)
                        let factor = (6 - 12 * s6) * s6 * inverseSquare
                        fx += factor * dx
                        fy += factor * dy
                        fz += factor * dz
                        gx[j] -= factor * dx
                        gy[j] -= factor * dy
                        gz[j] -= factor * dz
                        j += 1
                    }
                    gx[i] += fx
                    gy[i] += fy
                    gz[i] += fz
                }
                return sum + sum4.sum()
            }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func load(_ p: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    /// The largest per-atom length maxᵢ |vᵢ|.
    public func norm(_ vector: [Double]) -> Double {
        var largest = 0.0
        for i in stride(from: 0, to: vector.count, by: 3) {
            largest = max(largest, vector[i] * vector[i] + vector[i + 1] * vector[i + 1] + vector[i + 2] * vector[i + 2])
        }
        return largest.squareRoot()
    }
}
