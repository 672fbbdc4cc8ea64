import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Foundation
import Testing

/// Mean-squared displacement and velocity autocorrelation on cases with exact answers.
@Suite struct CorrelationTests {
    /// Non-interacting particles (ε = 0) at low density.
    static func freeParticles(temperature: Double, seed: UInt64) throws -> Configuration {
        var c = try Fixtures.crystal(cells: 4, density: 0.05)
        var generator = SeededGenerator(seed: seed)
        try MaxwellBoltzmann.assign(to: &c, temperature: temperature, generator: &generator)
        return c
    }

    @Test func freeFlightIsBallistic() throws {
        let c = try Self.freeParticles(temperature: 1.5, seed: 4)
        let speedSquared = c.velocities!.map { dot($0, $0) }.mean
        let simulation = try Simulation(
            configuration: c, calculator: try Fixtures.calculator(epsilon: 0), integrator: try VelocityVerlet(timeStep: 0.01))
        let msd = try MeanSquaredDisplacement(lagCount: 10, originSpacing: 3)
        let vacf = try VelocityAutocorrelation(lagCount: 10, originSpacing: 3)
        try simulation.add(msd, every: 2)
        try simulation.add(vacf, every: 2)
        try simulation.run(steps: 60)
        #expect(msd.times.count == 10)
        for (t, value) in zip(msd.times, msd.values) {
            #expect(abs(value - speedSquared * t * t) <= 1e-9 * max(1, value))
        }
        #expect(abs(msd.times[3] - 0.06) < 1e-12)
        #expect(vacf.values.allSatisfy { abs($0 - speedSquared) < 1e-12 })
        #expect(vacf.normalizedValues.allSatisfy { abs($0 - 1) < 1e-12 })
    }

    @Test func velocityAutocorrelationStartsAtTheMeanSquaredVelocity() throws {
        let liquid = try Fixtures.liquid.get()
        let vacf = try VelocityAutocorrelation(lagCount: 5)
        vacf.observe(try DynamicsState(configuration: liquid))
        #expect(abs(vacf.values[0] - liquid.velocities!.map { dot($0, $0) }.mean) < 1e-14)
    }

    @Test func langevinFreeParticlesDiffuseAtTheEinsteinRate() throws {
        // A free Brownian particle has D = k_B T τ / m and C(t) = (3 k_B T / m) e^{−t/τ}.
        let temperature = 1.0, damping = 0.2
        let simulation = try Simulation(
            configuration: try Self.freeParticles(temperature: temperature, seed: 8), calculator: try Fixtures.calculator(epsilon: 0),
            integrator: try Langevin(timeStep: 0.01, temperature: temperature, damping: damping, generator: SeededGenerator(seed: 3)))
        let msd = try MeanSquaredDisplacement(lagCount: 100, originSpacing: 10)
        let vacf = try VelocityAutocorrelation(lagCount: 100, originSpacing: 10)
        try simulation.add(msd, every: 4)
        try simulation.add(vacf, every: 4)
        try simulation.run(steps: 3000)
        let expected = temperature * damping
        let einstein = try #require(msd.diffusionCoefficient())
        let greenKubo = try #require(vacf.diffusionCoefficient())
        #expect(abs(einstein / expected - 1) < 0.08)
        #expect(abs(greenKubo / expected - 1) < 0.08)
        let decay = vacf.normalizedValues[5]  // t = 0.2 = τ
        #expect(abs(decay - exp(-1)) < 0.05)
    }

    @Test func fitNeedsTwoPoints() throws {
        let msd = try MeanSquaredDisplacement(lagCount: 4)
        #expect(msd.diffusionCoefficient() == nil)
        #expect(throws: DynamicsError.self) { try MeanSquaredDisplacement(lagCount: 1) }
    }
}
