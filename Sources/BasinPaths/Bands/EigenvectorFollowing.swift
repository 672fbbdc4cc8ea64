import BasinMath
import BasinOptimize

/// A direct search for a first-order saddle: eigenvector following (Cerjan & Miller, J. Chem.
/// Phys. 75, 2800 (1981); Baker, J. Comput. Chem. 7, 385 (1986); in the form of Wales,
/// *Energy Landscapes* (Cambridge, 2003), §6.2.2).
///
/// Each step diagonalises the Hessian with the surface's symmetry modes projected out, and in
/// the eigenbasis (bᵢ, gradient components gᵢ) steps uphill along the lowest mode and downhill
/// along all others:
///
///     h₀ = +2g₀ / (|b₀| + √(b₀² + 4g₀²)),   hᵢ = −2gᵢ / (|bᵢ| + √(bᵢ² + 4gᵢ²))  (i > 0),
///
/// which is a Newton step near a saddle and a bounded step far from one. Given a `direction`,
/// the mode followed uphill is instead the one that overlaps most with it, and then with the
/// mode followed at the previous step (Cerjan & Miller's mode following), which reaches saddles
/// other than the one along the softest mode. The whole step is
/// shortened to `maximumStep` in the surface's norm (for atoms: no atom moves further). Near a
/// saddle the steps converge quadratically, so a tight threshold costs a few extra iterations.
public struct EigenvectorFollowing: Sendable {
    /// Longest step in the surface's norm (for atoms: length units).
    public var maximumStep: Double

    public init(maximumStep: Double = 0.1) {
        precondition(maximumStep > 0, "the maximum step must be positive")
        self.maximumStep = maximumStep
    }

    /// Searches from `start` until the gradient's norm is below `criteria.maximumForce`,
    /// following the softest mode uphill, or the mode closest to `direction` when one is given.
    public func search<S: LandscapeSurface>(
        _ surface: inout S, from start: [Double], following direction: [Double]? = nil, until criteria: StoppingCriteria
    ) throws(S.Failure) -> SaddleSearchResult {
        var followed = direction
        let n = surface.dimension
        var x = start
        var gradient = [Double](repeating: 0, count: n)
        var iterations = 0
        while true {
            let value = try surface.evaluate(at: x, gradient: &gradient)
            let force = surface.norm(gradient)
            let converged = force < criteria.maximumForce
            guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
                return SaddleSearchResult(point: x, value: value, maximumForce: force, iterations: iterations, converged: false)
            }
            if converged || iterations >= criteria.maximumSteps {
                return SaddleSearchResult(point: x, value: value, maximumForce: force, iterations: iterations, converged: converged)
            }
            let modes = InternalModes(hessian: try surface.hessian(at: x), symmetryModes: surface.symmetryModes(at: x))
            var uphill = 0
            if let previous = followed {
                let overlaps = modes.vectors.map { abs($0.dot(previous)) }
                uphill = overlaps.indices.max { overlaps[$0] < overlaps[$1] } ?? 0
                followed = modes.vectors[uphill]
            }
            var step = [Double](repeating: 0, count: n)
            for (k, (b, v)) in zip(modes.values, modes.vectors).enumerated() {
                let g = gradient.dot(v)
                let denominator = abs(b) + (b * b + 4 * g * g).squareRoot()
                guard denominator > 0 else { continue }
                let h = (k == uphill ? 2 : -2) * g / denominator
                for a in 0..<n { step[a] += h * v[a] }
            }
            let length = surface.norm(step)
            let scale = length > maximumStep ? maximumStep / length : 1
            for a in 0..<n { x[a] += scale * step[a] }
            iterations += 1
        }
    }
}

/// Where a saddle search stopped.
public struct SaddleSearchResult: Sendable {
    public var point: [Double]
    /// The energy at `point`.
    public var value: Double
    /// The surface's norm of the gradient at `point` (for atoms: the largest per-atom force).
    public var maximumForce: Double
    public var iterations: Int
    public var converged: Bool
}

/// The eigenvalues and eigenvectors of a Hessian in the space orthogonal to a surface's
/// symmetry modes: H is projected, PHP with P = I − Σ m mᵀ, and the eigenpairs whose vectors
/// lie in the symmetry space (the k with the largest overlap) are dropped.
public struct InternalModes: Sendable {
    /// Eigenvalues, ascending (energy / length² for atoms).
    public let values: [Double]
    /// Unit eigenvectors, `values.count` of them.
    public let vectors: [[Double]]

    public init(hessian: DenseMatrix, symmetryModes: [[Double]]) {
        let n = hessian.rows
        var projected = hessian
        for m in symmetryModes {
            // A ← A − m (mᵀA) − (A m) mᵀ + m (mᵀ A m) mᵀ  (one mode of P A P).
            var mA = [Double](repeating: 0, count: n), am = [Double](repeating: 0, count: n)
            for i in 0..<n {
                for j in 0..<n {
                    mA[j] += m[i] * projected[i, j]
                    am[i] += projected[i, j] * m[j]
                }
            }
            let mAm = zip(m, am).reduce(0) { $0 + $1.0 * $1.1 }
            for i in 0..<n {
                for j in 0..<n {
                    projected[i, j] += -m[i] * mA[j] - am[i] * m[j] + m[i] * mAm * m[j]
                }
            }
        }
        let system = SymmetricEigensystem(projected)
        let overlaps = system.vectors.map { v in symmetryModes.reduce(0) { $0 + pow2(zip(v, $1).reduce(0) { $0 + $1.0 * $1.1 }) } }
        let dropped = Set(overlaps.indices.sorted { overlaps[$0] > overlaps[$1] }.prefix(symmetryModes.count))
        let kept = system.values.indices.filter { !dropped.contains($0) }
        values = kept.map { system.values[$0] }
        vectors = kept.map { system.vectors[$0] }
    }
}

private func pow2(_ x: Double) -> Double { x * x }
