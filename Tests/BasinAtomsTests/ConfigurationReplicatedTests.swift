import BasinMath
import Testing

@testable import BasinAtoms

@Suite struct ConfigurationReplicatedTests {
    /// A one-cell crystal replicated 2 × 2 × 1 is the crystal built with 2 × 2 × 1 cells, atom by atom.
    @Test func replicatingACellEqualsBuildingTheSupercell() throws {
        var one = try Crystal.cristobalite.build(cells: SIMD3(1, 1, 1))
        one.velocities = one.positions.indices.map { SIMD3(Double($0), 0, -1) }
        let replicated = try one.replicated(SIMD3(2, 2, 1))
        let built = try Crystal.cristobalite.build(cells: SIMD3(2, 2, 1))
        #expect(replicated.count == 4 * one.count && replicated.species == built.species && replicated.masses == built.masses)
        #expect(zip(replicated.positions, built.positions).allSatisfy { length($0 - $1) < 1e-12 })
        #expect(abs(replicated.cell.volume - 4 * one.cell.volume) < 1e-9 && replicated.cell.vectors[2] == one.cell.vectors[2])
        #expect(replicated.velocities?.count == replicated.count && replicated.velocities?[one.count] == one.velocities?[0])
        #expect(try one.replicated(SIMD3(1, 1, 1)).positions == one.positions)
    }

    @Test func rejectsAnOpenCellAndEmptyCounts() throws {
        let cluster = Configuration(positions: [.zero, SIMD3(1, 0, 0)], species: [0, 0], elements: [.dummy("X")])
        #expect(throws: AtomsError.self) { try cluster.replicated(SIMD3(2, 1, 1)) }
        let crystal = try Crystal.quartz.build(cells: SIMD3(1, 1, 1))
        #expect(throws: AtomsError.self) { try crystal.replicated(SIMD3(0, 1, 1)) }
    }
}
