import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Foundation
import Testing

/// Acceptance runs on the 4000-atom Lennard-Jones liquid of LAMMPS's `bench/in.lj`
/// (fcc 10×10×10 at ρ = 0.8442, cutoff 2.5 σ shifted, Δt = 0.005 τ). Minutes long, so they run
/// only with BASIN_LONG_TESTS=1, best in release:
/// `BASIN_LONG_TESTS=1 swift test -c release --filter LongRunTests`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["BASIN_LONG_TESTS"] == "1"))
struct LongRunTests {
    static let threads = 2

    static func calculator() throws -> Calculator {
        Calculator(potential: try LennardJones(epsilon: 1, sigma: 1, cutoff: 2.5, shift: true), skin: 0.3, threads: threads)
    }

    /// The crystal heated to T = 1.44 and melted by 2000 NVE steps: a liquid near T = 0.72.
    static let liquid = Result { () throws -> Configuration in
        let simulation = try Simulation(
            configuration: try Fixtures.heated(cells: 10, temperature: 1.44), calculator: try calculator(),
            integrator: try VelocityVerlet(timeStep: 0.005))
        try simulation.run(steps: 2000)
        return simulation.state.configuration
    }

    static func run(_ integrator: any Integrator, steps: Int, logEvery interval: Int) throws -> (ThermodynamicLog, RunSummary) {
        let simulation = try Simulation(configuration: try liquid.get(), calculator: try calculator(), integrator: integrator)
        let log = ThermodynamicLog()
        try simulation.add(log, every: interval)
        let summary = try simulation.run(steps: steps)
        return (log, summary)
    }

    @Test func microcanonicalEnergyStaysWithinOneTenThousandthPerAtom() throws {
        let (log, summary) = try Self.run(try VelocityVerlet(timeStep: 0.005), steps: 10_000, logEvery: 1)
        let n = Double(summary.atomCount)
        let e0 = log.samples[0].totalEnergy
        let worst = log.samples.map { abs($0.totalEnergy - e0) }.max()! / n
        let tenth = log.samples.count / 10
        let drift = (log.samples.suffix(tenth).map(\.totalEnergy).mean - log.samples.prefix(tenth).map(\.totalEnergy).mean) / n
        print("""
            NVE \(summary.atomCount) atoms, \(summary.steps) steps: max |E(t) − E(0)|/N = \(worst) ε, \
            drift (last − first tenth)/N = \(drift) ε, ⟨T⟩ = \(log.samples.map(\.temperature).mean), \
            E(0)/N = \(e0 / n), wall \(summary.wallSeconds) s, \(summary.stepsPerSecond) steps/s, \
            \(summary.neighborListBuilds) list builds (energy and virial every step)
            """)
        #expect(worst < 1e-4)
    }

    @Test(arguments: ["langevin", "nose-hoover"])
    func thermostatHoldsTheMeanTemperatureWithinTwoPercent(ensemble: String) throws {
        let target = 0.72
        let integrator: any Integrator = ensemble == "langevin"
            ? try Langevin(timeStep: 0.005, temperature: target, damping: 0.5, generator: SeededGenerator(seed: 2013))
            : try NoseHooverChain(timeStep: 0.005, temperature: target, damping: 0.5)
        let (log, summary) = try Self.run(integrator, steps: 22_000, logEvery: 10)
        let production = log.samples.filter { $0.step >= 2000 }
        let temperatures = production.map(\.temperature)
        let mean = temperatures.mean
        let n = Double(summary.atomCount)
        let c0 = production[0].conservedEnergy
        let conservedError = production.map { abs($0.conservedEnergy - c0) }.max()! / n
        let thermostatShare = abs(production.last!.conservedEnergy - production.last!.totalEnergy) / n
        print("""
            \(ensemble) T = \(target), \(summary.atomCount) atoms, 20000 steps after 2000: ⟨T⟩ = \(mean) \
            (\(100 * (mean / target - 1)) %), σ_T = \(temperatures.map { ($0 - mean) * ($0 - mean) }.mean.squareRoot()), \
            max |H(t) − H(0)|/N = \(conservedError) ε, |thermostat energy|/N = \(thermostatShare) ε, \
            wall \(summary.wallSeconds) s, \(summary.stepsPerSecond) steps/s
            """)
        #expect(abs(mean / target - 1) < 0.02)
    }

    @Test func stepCostsLittleBeyondTheForceCall() throws {
        // Replay the positions of a run through a fresh calculator: the difference in wall time is
        // what the integrator and the loop add.
        let steps = 500
        var positions: [[SIMD3<Double>]] = []
        let recording = try Simulation(configuration: try Self.liquid.get(), calculator: try Self.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        for _ in 0..<steps {
            try recording.run(steps: 1)
            positions.append(recording.state.configuration.positions.withUnsafeBufferPointer { Array($0) })
        }
        let timed = try Simulation(configuration: try Self.liquid.get(), calculator: try Self.calculator(), integrator: try VelocityVerlet(timeStep: 0.005))
        try timed.run(steps: 0)
        let summary = try timed.run(steps: steps)
        let calculator = try Self.calculator()
        var configuration = try Self.liquid.get()
        var evaluation = try calculator.evaluate(configuration, .forces)
        let clock = ContinuousClock()
        let start = clock.now
        for k in 0..<steps {
            configuration.positions = positions[k]
            try calculator.evaluate(configuration, .forces, into: &evaluation)
        }
        let (whole, fraction) = (clock.now - start).components
        let forceSeconds = Double(whole) + Double(fraction) * 1e-18
        print("""
            \(summary.atomCount) atoms, \(steps) NVE steps: \(summary.wallSeconds) s in the loop, \(forceSeconds) s in forces \
            and neighbor lists alone; per step \(1e3 * summary.wallSeconds / Double(steps)) ms vs \
            \(1e3 * forceSeconds / Double(steps)) ms (\(1e9 * (summary.wallSeconds - forceSeconds) / Double(steps * summary.atomCount)) ns per atom-step outside)
            """)
        #expect(summary.wallSeconds < 1.25 * forceSeconds)
    }
}
