/// Inner loops of the dense factorizations on raw row-major storage.
///
/// `DenseKernels.subtractProduct` is the level-3 update C −= A·B that dominates both
/// factorizations; it works in 4×4 register tiles over column strips that stay in cache.
public enum DenseKernels {
    /// Σ_k a[k]·b[k] for k < count, with four independent accumulators.
    @inlinable
    public static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var k = 0
        while k + 4 <= count {
            s0 += a[k] * b[k]
            s1 += a[k + 1] * b[k + 1]
            s2 += a[k + 2] * b[k + 2]
            s3 += a[k + 3] * b[k + 3]
            k += 4
        }
        while k < count {
            s0 += a[k] * b[k]
            k += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// y[k] −= alpha·x[k] for k < count.
    @inlinable
    public static func subtractScaled(_ y: UnsafeMutablePointer<Double>, _ alpha: Double, _ x: UnsafePointer<Double>, count: Int) {
        for k in 0..<count { y[k] -= alpha * x[k] }
    }

    /// C[i, j] −= Σ_p A[i, p]·B[p, j] for i < rows, j < columns, p < depth. Row strides are
    /// `ldc`, `lda`, `ldb`; B's rows are contiguous over j.
    public static func subtractProduct(
        c: UnsafeMutablePointer<Double>, ldc: Int, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int, rows: Int, columns: Int, depth: Int
    ) {
        // A strip of B (depth × 128 columns) stays in L2 while every row block passes over it.
        let strip = 128
        var j0 = 0
        while j0 < columns {
            let j1 = min(columns, j0 + strip)
            var i = 0
            while i + 4 <= rows {
                var j = j0
                while j + 4 <= j1 {
                    tile4x4(c: c + i * ldc + j, ldc: ldc, a: a + i * lda, lda: lda, b: b + j, ldb: ldb, depth: depth)
                    j += 4
                }
                if j < j1 {
                    scalar(c: c + i * ldc + j, ldc: ldc, a: a + i * lda, lda: lda, b: b + j, ldb: ldb, rows: 4, columns: j1 - j, depth: depth)
                }
                i += 4
            }
            if i < rows {
                scalar(c: c + i * ldc + j0, ldc: ldc, a: a + i * lda, lda: lda, b: b + j0, ldb: ldb, rows: rows - i, columns: j1 - j0, depth: depth)
            }
            j0 = j1
        }
    }

    @inline(__always)
    static func tile4x4(
        c: UnsafeMutablePointer<Double>, ldc: Int, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int, depth: Int
    ) {
        var c0 = SIMD4<Double>.zero, c1 = SIMD4<Double>.zero, c2 = SIMD4<Double>.zero, c3 = SIMD4<Double>.zero
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda
        var row = UnsafeRawPointer(b)
        let step = ldb * MemoryLayout<Double>.stride
        for p in 0..<depth {
            let bp = row.loadUnaligned(as: SIMD4<Double>.self)
            c0 += a0[p] * bp
            c1 += a1[p] * bp
            c2 += a2[p] * bp
            c3 += a3[p] * bp
            row += step
        }
        store(c, c0)
        store(c + ldc, c1)
        store(c + 2 * ldc, c2)
        store(c + 3 * ldc, c3)
    }

    @inline(__always)
    static func store(_ c: UnsafeMutablePointer<Double>, _ update: SIMD4<Double>) {
        let raw = UnsafeMutableRawPointer(c)
        raw.storeBytes(of: raw.loadUnaligned(as: SIMD4<Double>.self) - update, as: SIMD4<Double>.self)
    }

    static func scalar(
        c: UnsafeMutablePointer<Double>, ldc: Int, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int, rows: Int, columns: Int, depth: Int
    ) {
        for i in 0..<rows {
            for j in 0..<columns {
                var s = 0.0
                for p in 0..<depth { s += a[i * lda + p] * b[p * ldb + j] }
                c[i * ldc + j] -= s
            }
        }
    }
}
