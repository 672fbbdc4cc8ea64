import BasinAtoms
import BasinMath
import Testing

@Suite struct RandomStructureTests {
    @Test func clusterRespectsMinimumDistanceAndSeed() throws {
        var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7)
        let a = try RandomStructures.cluster(count: 40, radius: 2.5, minimumDistance: 0.9, generator: &g1)
        let b = try RandomStructures.cluster(count: 40, radius: 2.5, minimumDistance: 0.9, generator: &g2)
        #expect(a.positions == b.positions)
        #expect(try a.closestPair(below: 0.9).map { $0.0 } == nil)
        #expect(a.positions.allSatisfy { length($0) <= 2.5 })
    }

    @Test func gasRespectsMinimumImageDistance() throws {
        var g = SeededGenerator(seed: 8)
        let gas = try RandomStructures.gas(count: 60, box: SIMD3(4, 4, 4), minimumDistance: 0.8, generator: &g)
        #expect(try gas.closestPair(below: 0.8).map { $0.0 } == nil)
    }

    @Test func impossiblePackingFailsClearly() {
        var g = SeededGenerator(seed: 9)
        #expect(throws: AtomsError.self) {
            try RandomStructures.gas(count: 100, box: SIMD3(2, 2, 2), minimumDistance: 1, generator: &g)
        }
    }
}
