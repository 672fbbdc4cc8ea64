import BasinAtoms
import BasinDescriptors
import BasinMath
import Foundation
import Testing

/// Values against n2p2, and invariances of G.
@Suite struct SymmetryFunctionValueTests {
    /// n2p2's unit-test values (test/cpp/fixtures.h `valuesMono`): H at (0,0,0), (1,2,1), (0,3,−1),
    /// cutoff type 2, r_c = 10, central atom 0.
    @Test func n2p2Fixture() throws {
        let text = """
            symfunction_short H 2 H 0.001 0.0 10.0
            symfunction_short H 2 H 0.030 1.0 10.0
            symfunction_short H 3 H H 0.001 1.0 1.0 10.0 0.0
            symfunction_short H 3 H H 0.030 -1.0 4.0 10.0 2.0
            symfunction_short H 9 H H 0.001 1.0 1.0 10.0 0.0
            symfunction_short H 9 H H 0.031 -1.0 4.0 10.0 2.0
            """
        let sets = try SymmetryFunctionSet.parse(text, cutoffKind: .tanhUnnormalized)
        let c = Configuration(
            positions: [SIMD3(0, 0, 0), SIMD3(1, 2, 1), SIMD3(0, 3, -1)], species: [0, 0, 0],
            elements: [Fixtures.hydrogen])
        let (v, _) = Fixtures.evaluate(c, sets)
        let expected = [
            4.6578975865793892E-01, 4.2613074319879601E-01, 2.2781144245150042E-02,
            2.6506732726623567E-05, 8.8187604914213763E-02, 1.0245670290254523E-04,
        ]
        for s in 0..<6 { #expect(abs(v.values[s] - expected[s]) <= 1e-14 * expected[s], "s \(s)") }
    }

    /// G¹ and G³ (types 1 and 4) against their sums written out, for H atom 1 of the cluster.
    @Test func cutoffOnlyAndCosineSums() throws {
        let text = """
            symfunction_short H 1 O 3.0
            symfunction_short H 4 O 1.7 3.0
            symfunction_short H 4 H 0.9 2.5
            symfunction_short O 1 H 3.0
            """
        let sets = try SymmetryFunctionSet.parse(text, cutoffKind: .cosine, alpha: 0.1)
        let c = Fixtures.cluster()
        let (v, _) = Fixtures.evaluate(c, sets)
        let f = CutoffFunction(kind: .cosine, radius: 3.0, alpha: 0.1), f25 = CutoffFunction(kind: .cosine, radius: 2.5, alpha: 0.1)
        var g1 = 0.0, g3 = 0.0, g3h = 0.0
        let i = 1
        #expect(c.elements[c.species[i]] == Fixtures.hydrogen)
        for j in 0..<c.count where j != i {
            let d = c.positions[j] - c.positions[i], r = (d * d).sum().squareRoot()
            if c.elements[c.species[j]] == Fixtures.oxygen {
                g1 += f.value(r)
                g3 += cos(1.7 * r) * f.value(r)
            } else {
                g3h += cos(0.9 * r) * f25.value(r)
            }
        }
        #expect(g1 > 1 && g3h != 0)
        // n2p2 order: type, then r_c.
        for (s, expected) in [g1, g3h, g3].enumerated() {
            #expect(abs(v.values[i * v.stride + s] - expected) <= 1e-14 * max(1, abs(expected)), "s \(s)")
        }
    }

    /// A function with lengths in a unit f times smaller gives the same G on the scaled structure.
    @Test func lengthUnitChange() {
        let f = 1.8897261246  // Å → bohr
        let sets = Fixtures.sets()
        let scaled = sets.map { SymmetryFunctionSet(central: $0.central, functions: $0.functions.map { $0.changingLengthUnit(by: f) }) }
        for c in [Fixtures.periodic(), Fixtures.cluster()] {
            var s = c
            s.positions = c.positions.map { f * $0 }
            let r = c.cell.vectors.rows
            if c.cell.isPeriodic { s.cell = Cell(vectors: Matrix3(rows: f * r.0, f * r.1, f * r.2)) }
            let a = Fixtures.evaluate(c, sets).0.values, b = Fixtures.evaluate(s, scaled).0.values
            for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-12 * max(1, abs(x))) }
        }
    }

    /// Each atom of a 2×2×1 supercell has the values of its original in the cell.
    @Test(arguments: SymmetryFunctionDerivativeTests.cutoffs)
    func supercell(kind: CutoffKind, alpha: Double) {
        let sets = Fixtures.sets(kind, alpha: alpha)
        let c = Fixtures.periodic()
        let r = c.cell.vectors.rows
        var positions: [SIMD3<Double>] = [], species: [Int] = []
        for (a, b) in [(0.0, 0.0), (1, 0), (0, 1), (1, 1)] {
            positions += c.positions.map { $0 + a * r.0 + b * r.1 }
            species += c.species
        }
        let big = Configuration(
            positions: positions, species: species, elements: c.elements,
            cell: Cell(vectors: Matrix3(rows: 2 * r.0, 2 * r.1, r.2)))
        let (small, _) = Fixtures.evaluate(c, sets), (large, _) = Fixtures.evaluate(big, sets)
        #expect(small.stride == large.stride)
        for i in 0..<big.count {
            for s in 0..<small.stride {
                let x = small.values[(i % c.count) * small.stride + s], y = large.values[i * large.stride + s]
                #expect(abs(x - y) <= 1e-12 * max(1, abs(x)), "atom \(i) s \(s)")
            }
        }
    }

    @Test(arguments: SymmetryFunctionDerivativeTests.cutoffs)
    func translationAndRotation(kind: CutoffKind, alpha: Double) {
        let sets = Fixtures.sets(kind, alpha: alpha)
        for c in [Fixtures.periodic(), Fixtures.cluster()] {
            let reference = Fixtures.evaluate(c, sets).0.values
            let rotation = Matrix3.rotation(axis: SIMD3(0.3, -0.5, 0.8), angle: 0.7)
            var moved = c
            moved.positions = c.positions.map { rotation * $0 + SIMD3(0.37, -1.1, 2.3) }
            if c.cell.isPeriodic {
                let v = c.cell.vectors.rows
                moved.cell = Cell(vectors: Matrix3(rows: rotation * v.0, rotation * v.1, rotation * v.2))
            }
            let values = Fixtures.evaluate(moved, sets).0.values
            for (a, b) in zip(reference, values) { #expect(abs(a - b) <= 1e-12 * max(1, abs(a))) }
        }
    }

    @Test(arguments: SymmetryFunctionDerivativeTests.cutoffs)
    func permutationOfLikeAtoms(kind: CutoffKind, alpha: Double) {
        let sets = Fixtures.sets(kind, alpha: alpha)
        let c = Fixtures.periodic()
        let order = [3, 4, 5, 0, 2, 1]  // swaps the two O atoms and permutes the H atoms
        let permuted = Configuration(
            positions: order.map { c.positions[$0] }, species: order.map { c.species[$0] },
            elements: c.elements, cell: c.cell)
        let (a, _) = Fixtures.evaluate(c, sets), (b, _) = Fixtures.evaluate(permuted, sets)
        for (new, old) in order.enumerated() {
            for s in 0..<a.stride {
                #expect(abs(a.values[old * a.stride + s] - b.values[new * b.stride + s]) <= 1e-12)
            }
        }
    }
}
