import BasinMath

/// ‖U′(X*)⁻¹U′(X) − I‖₂, the quantity bounded in Wang's theorem, without forming an inverse.
///
/// With A = H*⁻¹H − I (H* = U′(X*), H = U′(X), both symmetric), A·v = H*⁻¹(H·v) − v and
/// Aᵀ·w = H·(H*⁻¹·w) − w, each one product with H and one Cholesky solve with H*. Power
/// iteration on AᵀA gives ‖A·v_k‖ for unit v_k, rising to the largest singular value; it
/// stops when that changes by less than `tolerance` (relative) in a step. The value is a lower
/// bound that is accurate to about that tolerance once converged.
public struct RatioNorm: Sendable {
    public let reference: CholeskyFactorization
    public var tolerance = 1e-7
    public var maximumIterations = 500
    let start: [Double]

    /// `reference` is the Cholesky factor of U′(X*); the starting vector is fixed by `seed`.
    public init(reference: CholeskyFactorization, seed: UInt64 = 0x5EED) {
        self.reference = reference
        var generator = SeededGenerator(seed: seed)
        let v = (0..<reference.dimension).map { _ in 2 * generator.uniform() - 1 }
        let norm = Vectors.norm(v)
        start = v.map { $0 / norm }
    }

    /// Scratch vectors for `norm(of:workspace:warmStart:threads:)`, one per thread.
    public struct Workspace: Sendable {
        var v: [Double], av: [Double], product: [Double]
        /// The last converged singular vector, if any.
        var previous: [Double]?
        public init(dimension: Int) {
            v = [Double](repeating: 0, count: dimension)
            av = v
            product = v
        }
    }

    /// ‖H*⁻¹H − I‖₂ for the Hessian `hessian` = U′(X). With `warmStart` the iteration starts
    /// from the singular vector of the workspace's previous call (for a sequence of nearby X);
    /// otherwise from the fixed starting vector, so that the value depends on H alone.
    public func norm(of hessian: DenseMatrix, workspace: inout Workspace, warmStart: Bool = false, threads: Int = 1) -> Double {
        let m = reference.dimension
        workspace.v = warmStart ? (workspace.previous ?? start) : start
        var estimate = 0.0
        for _ in 0..<maximumIterations {
            // av = A·v
            hessian.multiply(workspace.v, into: &workspace.av, threads: threads)
            reference.solve(&workspace.av)
            for k in 0..<m { workspace.av[k] -= workspace.v[k] }
            let next = Vectors.norm(workspace.av)
            guard next.isFinite else { return .infinity }
            // v = Aᵀ·av, normalised
            workspace.product = workspace.av
            reference.solve(&workspace.product)
            hessian.multiply(workspace.product, into: &workspace.v, threads: threads)
            for k in 0..<m { workspace.v[k] -= workspace.av[k] }
            let length = Vectors.norm(workspace.v)
            let converged = abs(next - estimate) <= tolerance * next
            estimate = next
            guard length > 0, !converged else { break }
            for k in 0..<m { workspace.v[k] /= length }
        }
        if warmStart {
            let length = Vectors.norm(workspace.v)
            workspace.previous = length > 0 && length.isFinite ? workspace.v.map { $0 / length } : nil
        }
        return estimate
    }

    public func norm(of hessian: DenseMatrix, threads: Int = 1) -> Double {
        var workspace = Workspace(dimension: reference.dimension)
        return norm(of: hessian, workspace: &workspace, threads: threads)
    }
}
