/// The eigenvalues (and eigenvectors) of a real symmetric matrix, by the cyclic Jacobi method
/// (Golub & Van Loan, *Matrix Computations*, 4th ed., Algorithm 8.5.3; the rotation formulas of
/// Press et al., *Numerical Recipes*, 3rd ed., §11.1).
///
/// Each sweep annihilates every off-diagonal entry once by a plane rotation; sweeps repeat
/// until the off-diagonal sum of squares is below 10⁻³⁰ of the total (convergence is
/// quadratic, typically 6–10 sweeps). The cost is O(n³) per sweep, which suits small and
/// medium matrices: proximity matrices of a few particles, Hessians of clusters of up to a few
/// hundred atoms.
public struct SymmetricEigensystem: Sendable {
    /// Eigenvalues, ascending.
    public let values: [Double]
    /// Eigenvectors as rows: `vectors[k]` (n numbers, unit length) belongs to `values[k]`.
    public let vectors: [[Double]]

    /// Diagonalises `matrix` (square; only its symmetric part is used).
    public init(_ matrix: DenseMatrix) {
        precondition(matrix.rows == matrix.columns, "an eigensystem needs a square matrix")
        let n = matrix.rows
        var a = matrix.storage
        for i in 0..<n {
            for j in (i + 1)..<n {
                let mean = 0.5 * (a[i * n + j] + a[j * n + i])
                a[i * n + j] = mean
                a[j * n + i] = mean
            }
        }
        // v holds the eigenvectors as rows (the transpose of the accumulated rotations).
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in Self.diagonalize(a, vectors: v, order: n) }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
        values = order.map { a[$0 * n + $0] }
        vectors = order.map { Array(v[($0 * n)..<($0 * n + n)]) }
    }

    /// The eigenvalues alone, ascending, of the symmetric row-major n × n `matrix`, which is
    /// used as scratch.
    public static func eigenvalues(of matrix: inout [Double], order n: Int) -> [Double] {
        precondition(matrix.count == n * n, "the matrix must be n × n")
        matrix.withUnsafeMutableBufferPointer { diagonalize($0, vectors: nil, order: n) }
        return (0..<n).map { matrix[$0 * n + $0] }.sorted()
    }

    /// Jacobi sweeps on `a` (row-major, symmetric) until it is diagonal to 10⁻³⁰ of its
    /// squared norm, rotating the rows of `vectors` alongside when given.
    private static func diagonalize(_ a: UnsafeMutableBufferPointer<Double>, vectors v: UnsafeMutableBufferPointer<Double>?, order n: Int) {
        let total = a.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { off += a[i * n + j] * a[i * n + j] } }
            if 2 * off <= 1e-30 * total || off == 0 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
                    rotate(a, v, n: n, p: p, q: q)
                }
            }
        }
    }

    /// Annihilates a[p][q] by the rotation J(p, q, θ): A ← JᵀAJ, and rotates rows p, q of V.
    private static func rotate(_ a: UnsafeMutableBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>?, n: Int, p: Int, q: Int) {
        let apq = a[p * n + q]
        let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<n {
            let akp = a[k * n + p], akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = a[p * n + k], aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
        }
        guard let v else { return }
        for k in 0..<n {
            let vpk = v[p * n + k], vqk = v[q * n + k]
            v[p * n + k] = c * vpk - s * vqk
            v[q * n + k] = s * vpk + c * vqk
        }
    }
}
