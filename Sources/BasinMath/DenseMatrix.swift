/// A dense row-major matrix of doubles, e.g. the 3N×3N Hessian of a cluster.
///
/// Entry (i, j) lives at `storage[i * columns + j]`.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var storage: [Double]

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        storage = Array(repeating: 0, count: rows * columns)
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Largest |A_ij − A_ji|; zero for a symmetric matrix.
    public var asymmetry: Double {
        precondition(rows == columns, "asymmetry needs a square matrix")
        var worst = 0.0
        for i in 0..<rows {
            for j in (i + 1)..<columns {
                worst = max(worst, abs(self[i, j] - self[j, i]))
            }
        }
        return worst
    }
}
