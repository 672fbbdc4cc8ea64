import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Testing

@Suite struct VelocityVerletTests {
    /// Largest |E(t) − E(0)| per atom over a run of `duration` τ at time step `dt`.
    static func energyError(dt: Double, duration: Double) throws -> Double {
        let (simulation, log) = try Fixtures.logged(try Fixtures.liquid.get(), try VelocityVerlet(timeStep: dt), every: 5)
        try simulation.run(steps: Int((duration / dt).rounded()))
        let e0 = log.samples[0].totalEnergy
        return log.samples.map { abs($0.totalEnergy - e0) }.max()! / Double(simulation.state.atomCount)
    }

    @Test func conservesTheEnergyOfTheLiquid() throws {
        let (simulation, log) = try Fixtures.logged(try Fixtures.liquid.get(), try VelocityVerlet(timeStep: 0.005), every: 10)
        try simulation.run(steps: 1000)
        let energies = log.samples.map { $0.totalEnergy / 256 }
        // The O(Δt²) fluctuation of 256 atoms at Δt = 0.005 τ is a few 1e-4 ε per atom; it falls
        // as 1/√N (the 4000-atom run of `LongRunTests` stays below 1e-4).
        let worst = energies.map { abs($0 - energies[0]) }.max()!
        #expect(worst < 1e-3)
        // Bounded fluctuation, no drift: the first and last fifths agree on average.
        let fifth = energies.count / 5
        #expect(abs(Array(energies.prefix(fifth)).mean - Array(energies.suffix(fifth)).mean) < 1e-4)
        #expect(length(simulation.state.momentum) < 1e-10)
    }

    @Test func energyErrorShrinksWithTheSquareOfTheTimeStep() throws {
        let coarse = try Self.energyError(dt: 0.004, duration: 0.8)
        let fine = try Self.energyError(dt: 0.002, duration: 0.8)
        // Second order: a ratio near 4 (pairs crossing the cutoff add a little first-order noise).
        #expect(coarse / fine > 2.8)
    }

    @Test func retracesItsPathWhenVelocitiesAreReversed() throws {
        let start = try Fixtures.heated(cells: 3, temperature: 1.44)
        let forward = try Simulation(configuration: start, calculator: try Fixtures.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        try forward.run(steps: 200)
        var turned = forward.state.configuration
        turned.velocities = turned.velocities!.map { -$0 }
        let backward = try Simulation(configuration: turned, calculator: try Fixtures.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        try backward.run(steps: 200)
        let end = backward.state.configuration
        let moved = zip(turned.positions, start.positions).map { length($0 - $1) }.max()!
        let positionError = zip(end.positions, start.positions).map { length($0 - $1) }.max()!
        let velocityError = zip(end.velocities!, start.velocities!).map { length($0 + $1) }.max()!
        #expect(moved > 0.5)
        #expect(positionError < 1e-8)
        #expect(velocityError < 1e-8)
    }

    @Test func rejectsANonPositiveTimeStep() {
        #expect(throws: DynamicsError.self) { try VelocityVerlet(timeStep: 0) }
        #expect(throws: DynamicsError.self) { try VelocityVerlet(timeStep: -.infinity) }
    }
}
