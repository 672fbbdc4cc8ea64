import BasinMath

extension DenseMatrix {
    /// Replaces the lower triangle of this symmetric matrix by its Cholesky factor L, A = L Lᵀ
    /// (Golub & Van Loan, *Matrix Computations*, 4th ed., Algorithm 4.2.2, row by row). The
    /// upper triangle is not read. Returns false, leaving the matrix partly overwritten, when
    /// A is not (numerically) positive definite: a pivot is not positive.
    mutating func choleskyFactorize() -> Bool {
        precondition(rows == columns, "Cholesky needs a square matrix")
        let n = rows
        for i in 0..<n {
            for j in 0...i {
                var sum = self[i, j]
                for k in 0..<j { sum -= self[i, k] * self[j, k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return false }
                    self[i, i] = sum.squareRoot()
                } else {
                    self[i, j] = sum / self[j, j]
                }
            }
        }
        return true
    }

    /// b ← A⁻¹ b by forward and back substitution, with the factor from `choleskyFactorize`
    /// in the lower triangle.
    func choleskySolve(_ b: inout [Double]) {
        let n = rows
        precondition(b.count == n, "the right-hand side needs \(n) numbers")
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= self[i, k] * b[k] }
            b[i] = sum / self[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[i]
            for k in (i + 1)..<n { sum -= self[k, i] * b[k] }
            b[i] = sum / self[i, i]
        }
    }
}
