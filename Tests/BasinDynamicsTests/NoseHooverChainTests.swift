import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Testing

@Suite struct NoseHooverChainTests {
    @Test func holdsTheTemperatureAndConservesTheExtendedEnergy() throws {
        let (simulation, log) = try Fixtures.logged(try Fixtures.liquid.get(), try NoseHooverChain(timeStep: 0.005, temperature: 1, damping: 0.5), every: 10)
        try simulation.run(steps: 2000)
        let meanTemperature = log.samples.dropFirst(60).map(\.temperature).mean
        #expect(abs(meanTemperature - 1) < 0.03)
        let n = Double(simulation.state.atomCount)
        let c0 = log.samples[0].conservedEnergy
        let drift = log.samples.map { abs($0.conservedEnergy - c0) }.max()! / n
        #expect(abs(simulation.state.thermostatEnergy) / n > 0.3)
        #expect(drift < 2e-3)
        #expect(length(simulation.state.momentum) < 1e-9)
    }

    @Test func chainEnergyStartsAtZeroAndIsTheStatesThermostatEnergy() throws {
        var integrator = try NoseHooverChain(timeStep: 0.005, temperature: 2, damping: 0.5, chainLength: 1)
        try integrator.prepare(for: try DynamicsState(configuration: try Fixtures.heated(cells: 3, temperature: 1)))
        #expect(integrator.chainEnergy == 0)
        #expect(integrator.chainMasses == [Double(3 * 108 - 3) * 2 * 0.25])
        let simulation = try Simulation(
            configuration: try Fixtures.heated(cells: 3, temperature: 1), calculator: try Fixtures.calculator(), integrator: integrator)
        try simulation.run(steps: 20)
        let advanced = simulation.integrator as! NoseHooverChain
        #expect(advanced.chainEnergy == simulation.state.thermostatEnergy)
        // Colder than the target, so the thermostat heats: its velocity turns negative.
        #expect(advanced.chainVelocities[0] < 0)
    }

    @Test func needsTwoAtoms() throws {
        let single = Configuration(positions: [.zero], species: [0], elements: [.dummy()], cell: .orthorhombic(SIMD3(9, 9, 9)), units: .lennardJones)
        #expect(throws: DynamicsError.self) {
            try Simulation(configuration: single, calculator: try Fixtures.calculator(), integrator: try NoseHooverChain(timeStep: 0.005, temperature: 1, damping: 0.5))
        }
    }
}
