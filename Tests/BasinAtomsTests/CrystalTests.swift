import BasinAtoms
import BasinMath
import Testing

@Suite struct CrystalTests {
    /// Grams per cm³ from amu per Å³ (1 amu = 1.66053906660e-24 g, 1 Å³ = 1e-24 cm³).
    func density(_ c: Configuration) -> Double {
        c.masses.reduce(0, +) * 1.66053906660 / c.cell.volume
    }

    /// For each atom, the distances to atoms of the other species within `range`, by brute
    /// force over minimum images (the cells here are wider than twice `range`).
    func unlikeNeighborDistances(_ c: Configuration, within range: Double) -> [[Double]] {
        (0..<c.count).map { i in
            (0..<c.count).compactMap { j in
                guard c.species[i] != c.species[j] else { return nil }
                let d = length(c.cell.minimumImage(c.positions[j] - c.positions[i]))
                return d < range ? d : nil
            }
        }
    }

    @Test func diamondSiliconHasEightAtomsPerCube() throws {
        let a = 5.431
        let c = try Lattice.diamond.build(element: Element(symbol: "Si"), latticeConstant: a, cells: SIMD3(8, 8, 8))
        #expect(c.count == 4096)
        #expect(abs(Double(c.count) / c.cell.volume - 8 / (a * a * a)) < 1e-12)
        #expect(abs(density(c) - 2.329) < 0.002)
    }

    @Test(arguments: [(Crystal.cristobalite, 24, 2.174, 1.550), (.quartz, 9, 2.649, 1.6038)])
    func stoichiometryDensityAndBonds(crystal: Crystal, atomsPerCell: Int, grams: Double, shortestBond: Double) throws {
        let c = try crystal.build(cells: SIMD3(2, 3, 2))
        #expect(c.count == 12 * atomsPerCell)
        #expect(c.symbols.filter { $0 == "O" }.count == 2 * c.symbols.filter { $0 == "Si" }.count)
        #expect(abs(density(c) - grams) < 0.002)
        try c.validate(minimumDistance: 1.4)
        let bonds = unlikeNeighborDistances(c, within: 2.0)
        for i in 0..<c.count {
            #expect(bonds[i].count == (c.symbols[i] == "Si" ? 4 : 2), "atom \(i + 1) has \(bonds[i].count) bonds")
            #expect(bonds[i].allSatisfy { (1.54...1.62).contains($0) })
        }
        #expect(abs(bonds.joined().min()! - shortestBond) < 1e-3)
    }

    @Test func quartzHasTheMeasuredHexagonalCell() throws {
        let c = try Crystal.quartz.build(cells: SIMD3(3, 3, 3))
        let lengths = c.cell.lengths, angles = c.cell.anglesInDegrees
        #expect(abs(lengths.x - 3 * 4.913) < 1e-12 && abs(lengths.y - 3 * 4.913) < 1e-12)
        #expect(abs(lengths.z - 3 * 5.405) < 1e-12)
        #expect(abs(angles.x - 90) < 1e-9 && abs(angles.y - 90) < 1e-9 && abs(angles.z - 120) < 1e-9)
    }

    @Test func latticeConstantScalesTheCrystal() throws {
        let c = try Crystal.cristobalite.build(latticeConstant: 7.0, cells: SIMD3(1, 1, 1))
        #expect(abs(c.cell.volume - 343) < 1e-9)
        #expect(throws: AtomsError.self) { try Crystal.quartz.build(latticeConstant: 0, cells: SIMD3(1, 1, 1)) }
        #expect(throws: AtomsError.self) { try Crystal.quartz.build(cells: SIMD3(1, 0, 1)) }
    }
}
