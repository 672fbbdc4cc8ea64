/// The Cholesky factorization A = L·Lᵀ of a symmetric positive definite matrix.
///
/// Blocked and right-looking on row-major storage (Golub & Van Loan, *Matrix Computations*,
/// 4th ed., §4.2.9): each block of `blockSize` columns is factored, its panel below solved row by
/// row, and the trailing matrix updated with one level-3 product split over `threads`. Only the
/// lower triangle of the input is read. A pivot within n·ε·max|A_ii| of zero ends the
/// factorization as `.singular`, a more negative one as `.notPositiveDefinite`, so a success
/// is a usable, well-defined factor.
public struct CholeskyFactorization: Sendable {
    /// Order of the matrix.
    public let dimension: Int
    /// L in row-major order; the strict upper triangle is zero.
    public private(set) var factor: [Double]

    /// Columns per block of the blocked factorization.
    static let blockSize = 64

    /// Factors the symmetric matrix whose row-major entries are `symmetric` (order `dimension`).
    public init(symmetric: [Double], dimension: Int, threads: Int = 1) throws(MatrixFactorizationError) {
        precondition(symmetric.count == dimension * dimension, "the matrix needs dimension² entries")
        self.dimension = dimension
        factor = symmetric
        let n = dimension
        var largestDiagonal = 0.0
        for i in 0..<n {
            let d = symmetric[i * n + i]
            guard d.isFinite else { throw .nonFinite }
            largestDiagonal = max(largestDiagonal, abs(d))
        }
        let negligible = largestDiagonal * Double(max(n, 1)) * Double.ulpOfOne
        var failure: MatrixFactorizationError?
        factor.withUnsafeMutableBufferPointer { buffer in
            failure = Self.factorInPlace(buffer.baseAddress!, n: n, negligible: negligible, threads: threads)
        }
        if let failure { throw failure }
        for i in 0..<n {
            for j in (i + 1)..<n { factor[i * n + j] = 0 }
        }
    }

    /// Factors `matrix` (square, symmetric; only its lower triangle is read).
    public init(_ matrix: DenseMatrix, threads: Int = 1) throws(MatrixFactorizationError) {
        precondition(matrix.rows == matrix.columns, "Cholesky needs a square matrix")
        try self.init(symmetric: matrix.storage, dimension: matrix.rows, threads: threads)
    }

    private static func factorInPlace(
        _ a: UnsafeMutablePointer<Double>, n: Int, negligible: Double, threads: Int
    ) -> MatrixFactorizationError? {
        var packed = [Double](repeating: 0, count: blockSize * max(n - blockSize, 0))
        var k0 = 0
        while k0 < n {
            let b = min(blockSize, n - k0)
            // Diagonal block, row by row (Cholesky–Banachiewicz).
            for i in k0..<(k0 + b) {
                let rowI = a + i * n + k0
                for j in k0..<i {
                    let rowJ = a + j * n + k0
                    rowI[j - k0] = (rowI[j - k0] - DenseKernels.dot(rowI, rowJ, count: j - k0)) / rowJ[j - k0]
                }
                let pivot = rowI[i - k0] - DenseKernels.dot(rowI, rowI, count: i - k0)
                guard pivot.isFinite else { return .nonFinite }
                guard pivot >= -negligible else { return .notPositiveDefinite(pivot: i) }
                guard pivot > negligible else { return .singular(pivot: i) }
                rowI[i - k0] = pivot.squareRoot()
            }
            let below = n - k0 - b
            if below == 0 { break }
            // Panel: rows under the block solve against the block's transpose, independently.
            let parts = below >= 256 ? max(1, threads) : 1
            concurrentForEach(parts) { part in
                let start = k0 + b + below * part / parts, end = k0 + b + below * (part + 1) / parts
                for i in start..<end {
                    let rowI = a + i * n + k0
                    for j in 0..<b {
                        let rowJ = a + (k0 + j) * n + k0
                        rowI[j] = (rowI[j] - DenseKernels.dot(rowI, rowJ, count: j)) / rowJ[j]
                    }
                }
            }
            // Trailing update A22 −= L21·L21ᵀ (lower part), with L21ᵀ packed contiguously.
            packed.withUnsafeMutableBufferPointer { buffer in
                let p = buffer.baseAddress!
                for i in 0..<below {
                    let source = a + (k0 + b + i) * n + k0
                    for q in 0..<b { p[q * below + i] = source[q] }
                }
                let rowBlock = 64
                let blocks = (below + rowBlock - 1) / rowBlock
                let tasks = threads > 1 && below >= 128 ? blocks : 1
                concurrentForEach(tasks) { task in
                    // Largest blocks first: the lower triangle's last rows are the longest.
                    let range = tasks == 1 ? 0..<blocks : (blocks - 1 - task)..<(blocks - task)
                    for block in range {
                        let r0 = block * rowBlock, r1 = min(below, r0 + rowBlock)
                        let origin = k0 + b
                        DenseKernels.subtractProduct(
                            c: a + (origin + r0) * n + origin, ldc: n, a: a + (origin + r0) * n + k0, lda: n,
                            b: UnsafePointer(p), ldb: below, rows: r1 - r0, columns: r1, depth: b)
                    }
                }
            }
            k0 += b
        }
        return nil
    }

    /// Solves A·x = b in place (`vector` holds b on entry, x on return).
    public func solve(_ vector: inout [Double]) {
        precondition(vector.count == dimension, "the right-hand side needs \(dimension) entries")
        let n = dimension
        factor.withUnsafeBufferPointer { l in
            vector.withUnsafeMutableBufferPointer { x in
                let l = l.baseAddress!, x = x.baseAddress!
                // L·y = b, by rows.
                for i in 0..<n {
                    x[i] = (x[i] - DenseKernels.dot(l + i * n, x, count: i)) / l[i * n + i]
                }
                // Lᵀ·x = y, column by column of Lᵀ (rows of L), from the last.
                var i = n - 1
                while i >= 0 {
                    x[i] /= l[i * n + i]
                    DenseKernels.subtractScaled(x, x[i], l + i * n, count: i)
                    i -= 1
                }
            }
        }
    }
}
