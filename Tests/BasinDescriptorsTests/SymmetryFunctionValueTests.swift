import BasinAtoms
import BasinDescriptors
import BasinMath
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

    @Test func translationAndRotation() {
        let sets = Fixtures.sets()
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

    @Test func permutationOfLikeAtoms() {
        let sets = Fixtures.sets()
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
