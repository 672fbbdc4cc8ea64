import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Testing

@Suite struct LangevinTests {
    static func thermostat(temperature: Double = 1, damping: Double = 0.1, seed: UInt64 = 5) throws -> Langevin {
        try Langevin(timeStep: 0.005, temperature: temperature, damping: damping, generator: SeededGenerator(seed: seed))
    }

    @Test func holdsTheTemperatureAndConservesTheEffectiveEnergy() throws {
        let (simulation, log) = try Fixtures.logged(try Fixtures.liquid.get(), try Self.thermostat(), every: 10)
        try simulation.run(steps: 1500)
        let settled = log.samples.dropFirst(30)
        let meanTemperature = settled.map(\.temperature).mean
        #expect(abs(meanTemperature - 1) < 0.03)
        // The bath exchanged a lot of heat, yet the effective energy moved little.
        let n = Double(simulation.state.atomCount)
        let heat = abs(simulation.state.thermostatEnergy) / n
        let c0 = log.samples[0].conservedEnergy
        let drift = log.samples.map { abs($0.conservedEnergy - c0) }.max()! / n
        #expect(heat > 0.3)
        #expect(drift < 5e-3)
        #expect(length(simulation.state.momentum) < 1e-9)
    }

    @Test func isReproducibleFromTheSeed() throws {
        func run(seed: UInt64) throws -> [SIMD3<Double>] {
            let simulation = try Simulation(
                configuration: try Fixtures.heated(cells: 3, temperature: 1), calculator: try Fixtures.calculator(),
                integrator: try Self.thermostat(seed: seed))
            try simulation.run(steps: 50)
            return simulation.state.configuration.positions
        }
        #expect(try run(seed: 7) == run(seed: 7))
        #expect(try run(seed: 7) != run(seed: 8))
    }

    @Test func thermalizesArgonInMetalUnits() throws {
        // Argon: ε = 0.0104 eV, σ = 3.4 Å, m = 39.948 amu; a dense liquid near 120 K.
        var c = try Lattice.fcc.build(element: try Element(symbol: "Ar"), latticeConstant: 5.6, cells: SIMD3(3, 3, 3))
        var generator = SeededGenerator(seed: 2)
        try MaxwellBoltzmann.assign(to: &c, temperature: 240, generator: &generator)
        let lj = try LennardJones(epsilon: 0.0104, sigma: 3.4, cutoff: 8.5, shift: true, units: .metal)
        let simulation = try Simulation(
            configuration: c, calculator: Calculator(potential: lj, skin: 1),
            integrator: try Langevin(timeStep: 0.01, temperature: 120, damping: 0.2, generator: generator))
        let log = ThermodynamicLog()
        try simulation.add(log, every: 10)
        try simulation.run(steps: 1000)
        let meanTemperature = log.samples.dropFirst(30).map(\.temperature).mean
        #expect(abs(meanTemperature / 120 - 1) < 0.04)
        let c0 = log.samples[0].conservedEnergy
        #expect(log.samples.map { abs($0.conservedEnergy - c0) }.max()! / Double(c.count) < 1e-3 * 0.0104 * 5)
    }

    @Test func rejectsUnphysicalParameters() {
        #expect(throws: DynamicsError.self) { try Langevin(timeStep: 0.005, temperature: -1, damping: 1, generator: SeededGenerator(seed: 1)) }
        #expect(throws: DynamicsError.self) { try Langevin(timeStep: 0.005, temperature: 1, damping: 0, generator: SeededGenerator(seed: 1)) }
    }
}
