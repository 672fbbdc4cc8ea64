import BasinAtoms
import BasinDescriptors
import BasinMath
import Testing

/// Forces and virial of E = Σ_i Σ_s c_is G_is against finite differences.
@Suite struct ForceAssemblyTests {
    func energy(_ c: Configuration, _ coefficients: [Double]) -> Double {
        let values = Fixtures.evaluate(c, Fixtures.sets()).0.values
        return zip(values, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
    }

    func coefficients(_ c: Configuration, stride: Int) -> [Double] {
        var generator = SeededGenerator(seed: 7)
        return (0..<(c.count * stride)).map { _ in Double.random(in: -1...1, using: &generator) }
    }

    @Test(arguments: [false, true])
    func forcesAndVirial(periodic: Bool) {
        let c = periodic ? Fixtures.periodic() : Fixtures.cluster()
        let (v, list) = Fixtures.evaluate(c, Fixtures.sets(), chunks: 2)
        let k = coefficients(c, stride: v.stride)
        let (forces, virial) = v.forces(dEdG: k, neighbors: list)
        let h = 1e-5
        for atom in 0..<c.count {
            for axis in 0..<3 {
                var plus = c, minus = c
                plus.positions[atom][axis] += h
                minus.positions[atom][axis] -= h
                let numeric = -(energy(plus, k) - energy(minus, k)) / (2 * h)
                #expect(abs(forces[atom][axis] - numeric) <= 1e-6 * max(1, abs(numeric)))
            }
        }
        // W = −∂E/∂ε under a homogeneous strain of cell and positions.
        for a in 0..<3 {
            for b in 0..<3 {
                func strained(_ e: Double) -> Configuration {
                    var strain = Matrix3.identity
                    strain = strain + e * Matrix3.outer(unit(a), unit(b))
                    var s = c
                    s.positions = c.positions.map { strain * $0 }
                    if periodic {
                        let r = c.cell.vectors.rows
                        s.cell = Cell(vectors: Matrix3(rows: strain * r.0, strain * r.1, strain * r.2))
                    }
                    return s
                }
                let numeric = -(energy(strained(h), k) - energy(strained(-h), k)) / (2 * h)
                #expect(abs(virial.rows(a)[b] - numeric) <= 1e-6 * max(1, abs(numeric)), "W[\(a)][\(b)]")
            }
        }
    }

    func unit(_ a: Int) -> SIMD3<Double> {
        var e = SIMD3<Double>.zero
        e[a] = 1
        return e
    }
}

extension Matrix3 {
    fileprivate func rows(_ a: Int) -> SIMD3<Double> { [rows.0, rows.1, rows.2][a] }
}
