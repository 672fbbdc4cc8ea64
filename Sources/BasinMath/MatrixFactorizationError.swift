/// Why a dense factorization stopped.
public enum MatrixFactorizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A Cholesky pivot was zero, negative or NaN: the matrix is not symmetric positive definite.
    case notPositiveDefinite(pivot: Int)
    /// A pivot was negligible against the matrix's largest entry: numerically singular.
    case singular(pivot: Int)
    /// The matrix holds a NaN or an infinity.
    case nonFinite

    public var description: String {
        switch self {
        case .notPositiveDefinite(let pivot): return "the matrix is not positive definite (pivot \(pivot))"
        case .singular(let pivot): return "the matrix is singular (pivot \(pivot))"
        case .nonFinite: return "the matrix holds NaN or infinite entries"
        }
    }
}
