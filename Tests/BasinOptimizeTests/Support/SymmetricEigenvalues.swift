import BasinMath

/// Eigenvalues of a symmetric matrix in ascending order (BasinMath's Jacobi eigensystem).
func symmetricEigenvalues(_ matrix: DenseMatrix) -> [Double] {
    SymmetricEigensystem(matrix).values
}
