import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Testing

@Suite struct ThermodynamicsTests {
    @Test func idealGasPressureIsNMinusOneKTOverV() throws {
        for units in [UnitSystem.lennardJones, .metal] {
            var c = try Lattice.fcc.build(element: try Element(symbol: "Ar"), latticeConstant: 8, cells: SIMD3(3, 3, 3), units: units)
            var generator = SeededGenerator(seed: 1)
            let temperature = units == .metal ? 300.0 : 1.5
            try MaxwellBoltzmann.assign(to: &c, temperature: temperature, generator: &generator)
            let volume = c.cell.volume
            let p = Thermodynamics.pressure(kineticEnergy: c.kineticEnergy, virial: .zero, volume: volume, units: units)
            let expected = Double(c.count - 1) * units.boltzmann * temperature / volume * units.energyDensityToPressure
            #expect(abs(p / expected - 1) < 1e-12)
        }
        // Argon at 300 K and 1 atm is about 1.013 bar: N k_B T / V with V = N k_B T / P.
        #expect(abs(Thermodynamics.pressure(kineticEnergy: 1.5 * 8.617343e-5 * 300 * 1000, virial: .zero, volume: 1000 * 8.617343e-5 * 300 / 1.01325 * 1.6021765e6, units: .metal) - 1.01325) < 1e-6)
    }

    @Test func virialPressureOfTheCrystalIsMinusTheVolumeDerivativeOfTheEnergy() throws {
        let calculator = try Fixtures.calculator()
        func energy(density: Double) throws -> (energy: Double, volume: Double, virial: Matrix3) {
            let c = try Fixtures.crystal(cells: 4, density: density)
            let e = try calculator.evaluate(c, [.energy, .virial])
            return (e.energy, c.cell.volume, e.virial)
        }
        let centre = try energy(density: 1.2)
        let p = Thermodynamics.pressure(kineticEnergy: 0, virial: centre.virial, volume: centre.volume, units: .lennardJones)
        let h = 1e-5
        let denser = try energy(density: 1.2 + h), lighter = try energy(density: 1.2 - h)
        let numeric = -(denser.energy - lighter.energy) / (denser.volume - lighter.volume)
        #expect(p > 1)  // compressed
        #expect(abs(p - numeric) < 1e-6 * abs(p))
    }

    @Test func temperatureCountsThreeNMinusThreeDegreesOfFreedom() {
        #expect(Thermodynamics.degreesOfFreedom(atomCount: 100) == 297)
        #expect(Thermodynamics.degreesOfFreedom(atomCount: 1) == 0)
        #expect(Thermodynamics.temperature(kineticEnergy: 297, degreesOfFreedom: 297, units: .lennardJones) == 2)
        #expect(Thermodynamics.temperature(kineticEnergy: 1, degreesOfFreedom: 0, units: .lennardJones) == 0)
        let kelvin = Thermodynamics.temperature(kineticEnergy: 1.5 * 8.617343e-5 * 250, degreesOfFreedom: 3, units: .metal)
        #expect(abs(kelvin - 250) < 1e-10)
    }

    @Test func pressureIsMissingWithoutAPeriodicCell() throws {
        let cluster = Configuration(positions: [.zero, SIMD3(1.2, 0, 0)], species: [0, 0], elements: [.dummy()], units: .lennardJones)
        let simulation = try Simulation(
            configuration: cluster, calculator: Calculator(potential: try LennardJones(cutoff: nil)), integrator: try VelocityVerlet(timeStep: 0.005))
        let log = ThermodynamicLog()
        try simulation.add(log, every: 1)
        try simulation.run(steps: 3)
        #expect(log.samples.allSatisfy { $0.pressure == nil })
        #expect(simulation.state.totalEnergy != nil)
    }
}
