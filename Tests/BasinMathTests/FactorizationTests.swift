import BasinMath
import Testing

@Suite struct FactorizationTests {
    /// A random symmetric positive definite matrix B·Bᵀ + n·I of order n.
    func spd(_ n: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        let b = (0..<(n * n)).map { _ in 2 * generator.uniform() - 1 }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0
                for k in 0..<n { s += b[i * n + k] * b[j * n + k] }
                a[i * n + j] = s + (i == j ? Double(n) : 0)
            }
        }
        return a
    }

    func residual(_ a: [Double], _ x: [Double], _ b: [Double]) -> Double {
        let n = b.count
        var worst = 0.0
        for i in 0..<n {
            var s = 0.0
            for j in 0..<n { s += a[i * n + j] * x[j] }
            worst = max(worst, abs(s - b[i]))
        }
        return worst
    }

    @Test(arguments: [1, 5, 64, 150])
    func choleskyAndLUSolve(order n: Int) throws {
        let a = spd(n, seed: UInt64(n))
        let b = (0..<n).map { Double($0 % 7) - 3 }
        for threads in [1, 2] {
            var x = b
            try CholeskyFactorization(symmetric: a, dimension: n, threads: threads).solve(&x)
            #expect(residual(a, x, b) < 1e-9 * Double(n))
            // LU on a non-symmetric matrix: A plus a strictly upper part.
            var general = a
            for i in 0..<n { for j in (i + 1)..<n { general[i * n + j] += 0.5 } }
            var y = b
            try LUFactorization(entries: general, dimension: n, threads: threads).solve(&y)
            #expect(residual(general, y, b) < 1e-9 * Double(n))
        }
    }

    @Test func factorizationsReportWhatIsWrong() {
        #expect(throws: MatrixFactorizationError.notPositiveDefinite(pivot: 1)) {
            try CholeskyFactorization(symmetric: [1, 2, 2, 1], dimension: 2)
        }
        #expect(throws: MatrixFactorizationError.singular(pivot: 1)) {
            try LUFactorization(entries: [1, 2, 2, 4], dimension: 2)
        }
        #expect(throws: MatrixFactorizationError.nonFinite) {
            try CholeskyFactorization(symmetric: [.nan, 0, 0, 1], dimension: 2)
        }
    }
}
