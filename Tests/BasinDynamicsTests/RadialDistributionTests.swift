import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Testing

@Suite struct RadialDistributionTests {
    static func sample(_ rdf: RadialDistribution, _ configuration: Configuration) throws {
        try rdf.observe(try DynamicsState(configuration: configuration))
    }

    static func randomGas(count: Int, box: Double, seed: UInt64) -> Configuration {
        var generator = SeededGenerator(seed: seed)
        let positions = (0..<count).map { _ in box * SIMD3(generator.uniform(), generator.uniform(), generator.uniform()) }
        return Configuration(
            positions: positions, species: (0..<count).map { $0 % 2 }, elements: [.dummy("A"), .dummy("B")],
            cell: .orthorhombic(SIMD3(box, box, box)), units: .lennardJones)
    }

    @Test func fccCrystalHasTwelveNeighborsAtTheNearestNeighborDistance() throws {
        let crystal = try Fixtures.crystal()
        let a = Lattice.fcc.latticeConstant(density: Fixtures.density)
        let rdf = try RadialDistribution(maximumRadius: 2.5, binCount: 250)
        try Self.sample(rdf, crystal)
        let g = rdf.values, r = rdf.radii
        let peak = g.indices.max { g[$0] < g[$1] }!
        #expect(abs(r[peak] - a / 2.0.squareRoot()) <= 0.5 * rdf.binWidth)
        #expect(g[..<Int(1.1 / rdf.binWidth)].allSatisfy { $0 == 0 })
        let n = rdf.coordinationNumbers
        #expect(n[Int(1.4 / rdf.binWidth)] == 12)  // first shell
        #expect(n[Int(1.8 / rdf.binWidth)] == 18)  // plus 6 at distance a
    }

    @Test func liquidHasItsFirstPeakNearOnePointOneSigmaAndTendsToOne() throws {
        let simulation = try Simulation(
            configuration: try Fixtures.liquid.get(), calculator: try Fixtures.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        let rdf = try RadialDistribution(maximumRadius: 3.3, binCount: 110)
        try simulation.add(rdf, every: 20)
        try simulation.run(steps: 200)
        #expect(rdf.sampleCount == 11)
        let g = rdf.values, r = rdf.radii
        let peak = g.indices.max { g[$0] < g[$1] }!
        #expect(r[peak] > 1.05 && r[peak] < 1.15)
        #expect(g[peak] > 2.2)
        #expect(g[..<Int(0.8 / rdf.binWidth)].allSatisfy { $0 == 0 })
        let tail = Array(g[Int(2.6 / rdf.binWidth)...])
        #expect(abs(tail.mean - 1) < 0.05)
    }

    @Test(arguments: [3.0, 7.0])
    func idealGasIsOneEverywhereEvenBeyondHalfTheCell(maximumRadius: Double) throws {
        // A 10σ box: 7σ reaches well past half the cell, where periodic images count.
        let rdf = try RadialDistribution(maximumRadius: maximumRadius, binCount: 10)
        for seed in 1...8 { try Self.sample(rdf, Self.randomGas(count: 400, box: 10, seed: UInt64(seed))) }
        let g = rdf.values
        #expect(abs(g[2...].map { $0 }.mean - 1) < 0.02)
        #expect(g[2...].allSatisfy { abs($0 - 1) < 0.1 })
    }

    @Test func resolvesSpeciesPairs() throws {
        // Cu₃Au order on the fcc lattice: each corner atom (species 0) has 12 face-centre
        // neighbors (species 1) and its nearest like neighbors at the lattice constant.
        var crystal = try Fixtures.crystal(cells: 3)
        crystal.elements = [.dummy("Au"), .dummy("Cu")]
        crystal.species = (0..<crystal.count).map { $0 % 4 == 0 ? 0 : 1 }
        let a = Lattice.fcc.latticeConstant(density: Fixtures.density)
        let unlike = try RadialDistribution(maximumRadius: 2.4, binCount: 240, species: SpeciesPair(0, 1))
        let like = try RadialDistribution(maximumRadius: 2.4, binCount: 240, species: SpeciesPair(0, 0))
        try Self.sample(unlike, crystal)
        try Self.sample(like, crystal)
        #expect(unlike.coordinationNumbers[Int(1.4 / unlike.binWidth)] == 12)
        #expect(like.coordinationNumbers[Int(1.4 / like.binWidth)] == 0)
        #expect(like.coordinationNumbers[Int((a + 0.1) / like.binWidth)] == 6)
        // Random two-species gas: every partial g is one.
        let gas = try RadialDistribution(maximumRadius: 3, binCount: 6, species: SpeciesPair(1, 0))
        for seed in 1...8 { try Self.sample(gas, Self.randomGas(count: 400, box: 10, seed: UInt64(seed))) }
        #expect(abs(gas.values[1...].map { $0 }.mean - 1) < 0.03)
    }

    @Test func needsAPeriodicCell() throws {
        let rdf = try RadialDistribution(maximumRadius: 2)
        let cluster = Configuration(positions: [.zero, SIMD3(1, 0, 0)], species: [0, 0], elements: [.dummy()], units: .lennardJones)
        #expect(throws: DynamicsError.self) { try Self.sample(rdf, cluster) }
    }
}
