import BasinMath

/// Eigenvalues of a symmetric matrix in ascending order, by the cyclic Jacobi method (Golub &
/// Van Loan, *Matrix Computations*, 4th ed., Algorithm 8.5.3): rotations annihilate the
/// off-diagonal entries until their norm is negligible.
func symmetricEigenvalues(_ matrix: DenseMatrix) -> [Double] {
    precondition(matrix.rows == matrix.columns, "a square matrix")
    let n = matrix.rows
    var a = matrix
    func offDiagonalNorm() -> Double {
        var sum = 0.0
        for i in 0..<n { for j in 0..<n where i != j { sum += a[i, j] * a[i, j] } }
        return sum.squareRoot()
    }
    let scale = max(1, a.storage.reduce(0) { max($0, abs($1)) })
    var sweeps = 0
    while offDiagonalNorm() > 1e-13 * scale * Double(n) && sweeps < 100 {
        sweeps += 1
        for p in 0..<n {
            for q in (p + 1)..<n where a[p, q] != 0 {
                // The rotation (c, s) that zeroes a[p, q].
                let theta = (a[q, q] - a[p, p]) / (2 * a[p, q])
                let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<n {
                    let akp = a[k, p], akq = a[k, q]
                    a[k, p] = c * akp - s * akq
                    a[k, q] = s * akp + c * akq
                }
                for k in 0..<n {
                    let apk = a[p, k], aqk = a[q, k]
                    a[p, k] = c * apk - s * aqk
                    a[q, k] = s * apk + c * aqk
                }
            }
        }
    }
    return (0..<n).map { a[$0, $0] }.sorted()
}
