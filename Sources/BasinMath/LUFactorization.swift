/// The LU factorization P·A = L·U with partial (row) pivoting of a square matrix.
///
/// Blocked and right-looking on row-major storage (Golub & Van Loan, *Matrix Computations*,
/// 4th ed., §3.4.8): a panel of `blockSize` columns is factored with pivoting, the block row
/// to its right solved against its unit lower triangle, and the trailing matrix updated with
/// one level-3 product split over `threads`. A pivot negligible against the largest entry of
/// the matrix ends the factorization with `.singular`.
public struct LUFactorization: Sendable {
    /// Order of the matrix.
    public let dimension: Int
    /// L (unit diagonal, not stored) below the diagonal and U on and above it, row-major.
    public private(set) var factors: [Double]
    /// Row i of P·A is row `rowOrder[i]` of A.
    public private(set) var rowOrder: [Int]

    static let blockSize = 64

    /// Factors the square matrix whose row-major entries are `entries` (order `dimension`).
    public init(entries: [Double], dimension: Int, threads: Int = 1) throws(MatrixFactorizationError) {
        precondition(entries.count == dimension * dimension, "the matrix needs dimension² entries")
        self.dimension = dimension
        factors = entries
        rowOrder = Array(0..<dimension)
        var largest = 0.0
        for value in entries {
            guard value.isFinite else { throw .nonFinite }
            largest = max(largest, abs(value))
        }
        let negligible = largest * Double(max(dimension, 1)) * Double.ulpOfOne
        var failure: MatrixFactorizationError?
        let n = dimension
        factors.withUnsafeMutableBufferPointer { buffer in
            rowOrder.withUnsafeMutableBufferPointer { order in
                failure = Self.factorInPlace(buffer.baseAddress!, order: order, n: n, negligible: negligible, threads: threads)
            }
        }
        if let failure { throw failure }
    }

    /// Factors the square `matrix`.
    public init(_ matrix: DenseMatrix, threads: Int = 1) throws(MatrixFactorizationError) {
        precondition(matrix.rows == matrix.columns, "LU needs a square matrix")
        try self.init(entries: matrix.storage, dimension: matrix.rows, threads: threads)
    }

    private static func factorInPlace(
        _ a: UnsafeMutablePointer<Double>, order: UnsafeMutableBufferPointer<Int>, n: Int, negligible: Double, threads: Int
    ) -> MatrixFactorizationError? {
        var k0 = 0
        while k0 < n {
            let b = min(blockSize, n - k0)
            let panelEnd = k0 + b
            // Panel: columns k0..<panelEnd of rows k0..<n, with row interchanges over whole rows.
            for j in k0..<panelEnd {
                var pivotRow = j
                var pivotSize = abs(a[j * n + j])
                for i in (j + 1)..<n where abs(a[i * n + j]) > pivotSize {
                    pivotRow = i
                    pivotSize = abs(a[i * n + j])
                }
                guard pivotSize.isFinite else { return .nonFinite }
                guard pivotSize > negligible else { return .singular(pivot: j) }
                if pivotRow != j {
                    swapRows(a, j, pivotRow, n: n)
                    order.swapAt(j, pivotRow)
                }
                let rowJ = a + j * n
                let inverse = 1 / rowJ[j]
                for i in (j + 1)..<n {
                    let rowI = a + i * n
                    rowI[j] *= inverse
                    DenseKernels.subtractScaled(rowI + j + 1, rowI[j], rowJ + j + 1, count: panelEnd - j - 1)
                }
            }
            let right = n - panelEnd
            if right == 0 { break }
            // Block row U12 = L11⁻¹·A12.
            for r in 1..<b {
                let rowR = a + (k0 + r) * n
                for p in 0..<r {
                    DenseKernels.subtractScaled(rowR + panelEnd, rowR[k0 + p], a + (k0 + p) * n + panelEnd, count: right)
                }
            }
            // Trailing update A22 −= L21·U12.
            let rowBlock = 64
            let blocks = (right + rowBlock - 1) / rowBlock
            let tasks = threads > 1 && right >= 128 ? blocks : 1
            concurrentForEach(tasks) { task in
                let range = tasks == 1 ? 0..<blocks : task..<(task + 1)
                for block in range {
                    let r0 = panelEnd + block * rowBlock, r1 = min(n, r0 + rowBlock)
                    DenseKernels.subtractProduct(
                        c: a + r0 * n + panelEnd, ldc: n, a: a + r0 * n + k0, lda: n,
                        b: UnsafePointer(a + k0 * n + panelEnd), ldb: n, rows: r1 - r0, columns: right, depth: b)
                }
            }
            k0 = panelEnd
        }
        return nil
    }

    private static func swapRows(_ a: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int, n: Int) {
        let rowI = a + i * n, rowJ = a + j * n
        for k in 0..<n { (rowI[k], rowJ[k]) = (rowJ[k], rowI[k]) }
    }

    /// Solves A·x = b in place (`vector` holds b on entry, x on return).
    public func solve(_ vector: inout [Double]) {
        precondition(vector.count == dimension, "the right-hand side needs \(dimension) entries")
        let n = dimension
        let permuted = rowOrder.map { vector[$0] }
        vector = permuted
        factors.withUnsafeBufferPointer { f in
            vector.withUnsafeMutableBufferPointer { x in
                let f = f.baseAddress!, x = x.baseAddress!
                for i in 0..<n {
                    x[i] -= DenseKernels.dot(f + i * n, x, count: i)
                }
                var i = n - 1
                while i >= 0 {
                    let row = f + i * n
                    x[i] = (x[i] - DenseKernels.dot(row + i + 1, x + i + 1, count: n - i - 1)) / row[i]
                    i -= 1
                }
            }
        }
    }
}
