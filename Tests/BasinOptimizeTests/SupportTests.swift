import BasinMath
import Testing

@Suite("Test support")
struct SupportTests {
    @Test("Jacobi eigenvalues of a known symmetric matrix")
    func jacobi() {
        var matrix = DenseMatrix(rows: 3, columns: 3)
        // Eigenvalues 2 − √2, 2, 2 + √2.
        matrix.storage = [2, -1, 0, -1, 2, -1, 0, -1, 2]
        let eigenvalues = symmetricEigenvalues(matrix)
        let expected = [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]
        for (value, reference) in zip(eigenvalues, expected) { #expect(abs(value - reference) < 1e-12) }
    }

    @Test("fixtures carry their published energies")
    func fixtures() throws {
        let cluster = try ClusterFixture(named: "LJ38")
        #expect(cluster.configuration.count == 38)
        #expect(cluster.energy == -173.928427)
    }
}
