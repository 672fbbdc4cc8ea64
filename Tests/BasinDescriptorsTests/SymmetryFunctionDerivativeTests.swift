import BasinAtoms
import BasinDescriptors
import Testing

/// Analytic derivatives against central finite differences of G, for every function type
/// (the fixture sets hold types 1, 2, 3, 4 and 9) and every cutoff type.
@Suite struct SymmetryFunctionDerivativeTests {
    /// Every cutoff type, with an inner radius where the type has one.
    static let cutoffs: [(CutoffKind, Double)] = CutoffKind.allCases.map { ($0, $0.usesInnerRadius ? 0.2 : 0) }

    func check(_ c: Configuration, _ sets: [SymmetryFunctionSet]) {
        let (v, list) = Fixtures.evaluate(c, sets)
        let h = 1e-5
        var scale = 0.0
        for d in v.derivatives { scale = max(scale, abs(d).max()) }
        #expect(scale > 0.01)
        for k in 0..<c.count {
            for axis in 0..<3 {
                var plus = c, minus = c
                plus.positions[k][axis] += h
                minus.positions[k][axis] -= h
                let gp = Fixtures.evaluate(plus, sets).0.values, gm = Fixtures.evaluate(minus, sets).0.values
                for i in 0..<c.count {
                    for s in 0..<v.functionCounts[i] {
                        let numeric = (gp[i * v.stride + s] - gm[i * v.stride + s]) / (2 * h)
                        let analytic = Fixtures.derivative(v, list, i: i, s: s, k: k)[axis]
                        #expect(abs(analytic - numeric) <= 1e-7 * max(abs(numeric), scale), "i \(i) s \(s) k \(k) axis \(axis)")
                    }
                }
            }
        }
    }

    @Test(arguments: cutoffs)
    func periodicSmallCell(kind: CutoffKind, alpha: Double) {
        let c = Fixtures.periodic()
        let (v, list) = Fixtures.evaluate(c, Fixtures.sets(kind, alpha: alpha))
        // Some atom sees an image of itself and two images of one neighbor.
        #expect(list.extendedCount > c.count)
        var repeated = false
        for i in 0..<c.count {
            let owners = v.neighborhood[v.neighborhoodStart[i]..<v.neighborhoodStart[i + 1]].map { list.owners[Int($0)] }
            if Set(owners).count < owners.count { repeated = true }
        }
        #expect(repeated)
        check(c, Fixtures.sets(kind, alpha: alpha))
    }

    @Test(arguments: cutoffs)
    func cluster(kind: CutoffKind, alpha: Double) {
        check(Fixtures.cluster(), Fixtures.sets(kind, alpha: alpha))
    }

    @Test func chunksAgreeWithOneChunk() {
        let c = Fixtures.periodic()
        let (one, _) = Fixtures.evaluate(c, Fixtures.sets(), chunks: 1)
        let (three, _) = Fixtures.evaluate(c, Fixtures.sets(), chunks: 3)
        #expect(one.values == three.values)
        #expect(one.derivatives == three.derivatives)
    }
}

private func abs(_ v: SIMD3<Double>) -> SIMD3<Double> { SIMD3(Swift.abs(v.x), Swift.abs(v.y), Swift.abs(v.z)) }
