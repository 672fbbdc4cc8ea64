import BasinAtoms
import BasinMath
import Testing

@Suite struct LatticeTests {
    /// Shortest interatomic distance, by brute force over minimum images.
    func nearestNeighborDistance(_ c: Configuration) -> Double {
        var best = Double.infinity
        for i in 0..<c.count {
            for j in (i + 1)..<c.count {
                best = min(best, length(c.cell.minimumImage(c.positions[j] - c.positions[i])))
            }
        }
        return best
    }

    @Test(arguments: [
        (Lattice.sc, 1.0), (.bcc, 3.0.squareRoot() / 2), (.fcc, 1 / 2.0.squareRoot()),
        (.diamond, 3.0.squareRoot() / 4), (.hcp, 1.0),
    ])
    func nearestNeighborDistances(lattice: Lattice, ratio: Double) throws {
        let a = 2.5
        let c = try lattice.build(element: Element(symbol: "Ar"), latticeConstant: a, cells: SIMD3(3, 3, 3))
        #expect(c.count == 27 * lattice.basis.count)
        #expect(abs(nearestNeighborDistance(c) - ratio * a) < 1e-12)
    }

    @Test func reducedDensityFixesTheLatticeConstant() throws {
        let a = Lattice.fcc.latticeConstant(density: 0.8442)
        let c = try Lattice.fcc.build(element: .dummy(), latticeConstant: a, cells: SIMD3(5, 4, 3), units: .lennardJones)
        #expect(abs(Double(c.count) / c.cell.volume - 0.8442) < 1e-12)
        let hcp = try Lattice.hcp.build(element: .dummy(), latticeConstant: Lattice.hcp.latticeConstant(density: 1.1), cells: SIMD3(2, 2, 2))
        #expect(abs(Double(hcp.count) / hcp.cell.volume - 1.1) < 1e-12)
    }

    @Test func invalidRequestsThrow() {
        #expect(throws: AtomsError.self) { try Lattice.sc.build(element: .dummy(), latticeConstant: -1, cells: SIMD3(1, 1, 1)) }
        #expect(throws: AtomsError.self) { try Lattice.sc.build(element: .dummy(), latticeConstant: 1, cells: SIMD3(0, 1, 1)) }
    }
}
