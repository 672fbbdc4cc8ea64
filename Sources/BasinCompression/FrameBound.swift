import BasinMath

/// A proven upper bound on ‖U′(X*)⁻¹‖₂ for every choice of frame of one minimum, cheap enough
/// to rank thousands of candidate frames before any is factorised.
///
/// Let H be the 3n × 3n Cartesian Hessian at X*, λ⁺ its smallest nonzero eigenvalue and R the
/// 3n × 6 matrix whose orthonormal columns span the rigid motions (H·R = 0 at a minimum). A frame
/// fixes six coordinates: atom 1 entirely, atom 2 across the x-axis, atom 3 across the
/// xy-plane. U′(X*) is H with those rows and columns removed, so for a reduced vector v,
/// embedded as x with zeros in the fixed places, vᵀU′v = xᵀHx. Write x = R·a + w with w ⊥ R;
/// then xᵀHx ≥ λ⁺‖w‖². On the fixed coordinates 0 = B·a + w_F, where B (6 × 6) holds the rows of
/// R at the fixed coordinates, so ‖a‖ ≤ ‖w‖/σ with σ = σ_min(B), and ‖x‖² = ‖a‖² + ‖w‖² ≤
/// (1 + 1/σ²)‖w‖². Hence λ_min(U′) ≥ λ⁺/(1 + 1/σ²), that is
///
///     ‖U′(X*)⁻¹‖₂ ≤ (1 + 1/σ²) / λ⁺.
///
/// λ⁺ is shared by all frames; σ depends on the frame alone and costs a 6 × 6 eigenproblem. A
/// frame whose atoms pin the rigid motions poorly (atom 3 near the axis, atoms 1–3 close
/// together) has a small σ and a large bound.
public struct FrameBound: Sendable {
    /// λ⁺, the smallest nonzero eigenvalue of the Cartesian Hessian at X* (reduced units).
    public let smallestNonzeroEigenvalue: Double
    let positions: [SIMD3<Double>]
    /// Per atom, the rows of the orthonormal rigid-motion basis: 3 rows of 6 numbers.
    let rigidRows: [Double]

    /// The bound for the minimum at `positions` (Cartesian, input order, n ≥ 3). Throws when
    /// the Hessian is indefinite or the rigid motions are degenerate (a linear cluster).
    public init(positions: [SIMD3<Double>], threads: Int = 1) throws(CompressionError) {
        let n = positions.count
        precondition(n >= 3, "a frame bound needs three atoms")
        self.positions = positions
        let basis = try Self.orthonormalRigidRows(positions)
        rigidRows = basis
        // H + α·R·Rᵀ moves the six zero eigenvalues to α; with α = trace(H)/(3n − 6), the mean
        // of the nonzero eigenvalues, α ≥ λ⁺, so the smallest eigenvalue of the sum is λ⁺.
        var hessian = ReducedLennardJones.cartesianHessian(positions, threads: threads)
        let size = 3 * n
        var trace = 0.0
        for k in 0..<size { trace += hessian.storage[k * size + k] }
        let shift = trace / Double(size - 6)
        hessian.storage.withUnsafeMutableBufferPointer { h in
            basis.withUnsafeBufferPointer { r in
                for i in 0..<size {
                    for j in 0..<size {
                        var sum = 0.0
                        for k in 0..<6 { sum += r[6 * i + k] * r[6 * j + k] }
                        h[i * size + j] += shift * sum
                    }
                }
            }
        }
        let factor = try FrameSelection.cholesky(hessian, threads: threads)
        smallestNonzeroEigenvalue = 1 / FrameSelection.inverseNorm(factor, tolerance: 1e-6)
    }

    /// σ, the smallest singular value of the 6 × 6 rigid-motion matrix of the frame with atoms
    /// `origin`, `axis`, `plane` (input indices) as 1, 2, 3; 0 when atom 3 is on the axis.
    public func rigidMotionSingularValue(origin: Int, axis: Int, plane: Int) -> Double {
        guard let axes = ReducedFrame.Axes(positions: positions, origin: origin, axis: axis, plane: plane, strict: true) else { return 0 }
        // The six fixed coordinates as unit vectors on their atoms.
        let fixed: [(atom: Int, direction: SIMD3<Double>)] = [
            (origin, SIMD3(1, 0, 0)), (origin, SIMD3(0, 1, 0)), (origin, SIMD3(0, 0, 1)),
            (axis, axes.e2), (axis, axes.e3), (plane, axes.e3),
        ]
        var b = [Double](repeating: 0, count: 36)
        for (row, f) in fixed.enumerated() {
            for k in 0..<6 {
                var sum = 0.0
                for d in 0..<3 { sum += f.direction[d] * rigidRows[18 * f.atom + 6 * d + k] }
                b[6 * row + k] = sum
            }
        }
        var gram = [Double](repeating: 0, count: 36)
        for i in 0..<6 {
            for j in i..<6 {
                var sum = 0.0
                for row in 0..<6 { sum += b[6 * row + i] * b[6 * row + j] }
                gram[6 * i + j] = sum
                gram[6 * j + i] = sum
            }
        }
        let smallest = SymmetricEigensystem.eigenvalues(of: &gram, order: 6)[0]
        return max(smallest, 0).squareRoot()
    }

    /// (1 + 1/σ²)/λ⁺ for the frame: an upper bound on its ‖U′(X*)⁻¹‖₂ (∞ when σ = 0).
    public func inverseHessianBound(origin: Int, axis: Int, plane: Int) -> Double {
        let sigma = rigidMotionSingularValue(origin: origin, axis: axis, plane: plane)
        guard sigma > 0 else { return .infinity }
        return (1 + 1 / (sigma * sigma)) / smallestNonzeroEigenvalue
    }

    /// R's rows (3n × 6, row-major): translations and rotations about the centroid, made
    /// orthonormal by G^(−1/2) with G = RᵀR.
    static func orthonormalRigidRows(_ positions: [SIMD3<Double>]) throws(CompressionError) -> [Double] {
        let n = positions.count
        let centroid = positions.reduce(SIMD3<Double>.zero, +) / Double(n)
        var raw = [Double](repeating: 0, count: 18 * n)
        for (i, p) in positions.enumerated() {
            let q = p - centroid
            // Columns: translations x, y, z; rotations about x, y, z (e_k × q).
            let rows: [[Double]] = [
                [1, 0, 0, 0, q.z, -q.y],
                [0, 1, 0, -q.z, 0, q.x],
                [0, 0, 1, q.y, -q.x, 0],
            ]
            for d in 0..<3 { for k in 0..<6 { raw[18 * i + 6 * d + k] = rows[d][k] } }
        }
        var gram = DenseMatrix(rows: 6, columns: 6)
        for row in 0..<(3 * n) {
            for a in 0..<6 { for b in 0..<6 { gram[a, b] += raw[6 * row + a] * raw[6 * row + b] } }
        }
        let system = SymmetricEigensystem(gram)
        guard let largest = system.values.last, system.values[0] > 1e-10 * largest else { throw .singularHessian }
        // G^(−1/2) = V·diag(μ^(−1/2))·Vᵀ.
        var root = [Double](repeating: 0, count: 36)
        for (value, vector) in zip(system.values, system.vectors) {
            let scale = 1 / value.squareRoot()
            for a in 0..<6 { for b in 0..<6 { root[6 * a + b] += scale * vector[a] * vector[b] } }
        }
        var result = [Double](repeating: 0, count: 18 * n)
        for row in 0..<(3 * n) {
            for k in 0..<6 {
                var sum = 0.0
                for a in 0..<6 { sum += raw[6 * row + a] * root[6 * a + k] }
                result[6 * row + k] = sum
            }
        }
        return result
    }
}
