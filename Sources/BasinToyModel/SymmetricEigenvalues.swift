/// The eigenvalues of a real symmetric n × n matrix in ascending order, by the cyclic Jacobi
/// method (Golub & Van Loan, *Matrix Computations*, 4th ed., §8.5.3): rotations annihilate
/// off-diagonal entries until their norm is below 1e-15 of the matrix's. Meant for the small
/// proximity matrices (n = N_p); cost O(n³) per sweep, a handful of sweeps.
/// - Parameters:
///   - matrix: row-major n × n, symmetric; used as scratch.
///   - n: the order.
func symmetricEigenvalues(_ matrix: inout [Double], order n: Int) -> [Double] {
    precondition(matrix.count == n * n, "the matrix must be n × n")
    let total = matrix.reduce(0) { $0 + $1 * $1 }
    for _ in 0..<100 {
        var off = 0.0
        for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += matrix[p * n + q] * matrix[p * n + q] } }
        if off <= 1e-30 * total || off == 0 { break }
        for p in 0..<n {
            for q in (p + 1)..<max(p + 1, n) where matrix[p * n + q] != 0 {
                let apq = matrix[p * n + q]
                let theta = (matrix[q * n + q] - matrix[p * n + p]) / (2 * apq)
                let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<n {
                    let akp = matrix[k * n + p], akq = matrix[k * n + q]
                    matrix[k * n + p] = c * akp - s * akq
                    matrix[k * n + q] = s * akp + c * akq
                }
                for k in 0..<n {
                    let apk = matrix[p * n + k], aqk = matrix[q * n + k]
                    matrix[p * n + k] = c * apk - s * aqk
                    matrix[q * n + k] = s * apk + c * aqk
                }
            }
        }
    }
    return (0..<n).map { matrix[$0 * n + $0] }.sorted()
}
