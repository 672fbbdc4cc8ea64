import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials
import Foundation

/// The molecular-dynamics runs the quickstarts validate with: Langevin runs that observe after
/// an equilibration, and the energy drift of an NVE run. Metal units (ps, eV, K).
enum QuickstartDynamics {
    /// Langevin dynamics from `start` (which carries its velocities): `equilibrationSteps`
    /// unobserved steps, then `steps` with each observer attached at its interval (step
    /// numbers continue, so an observer sees step `equilibrationSteps` first).
    /// - Parameter progress: steps done and the total over both parts.
    /// - Returns: the configuration after the last step.
    @discardableResult
    static func langevin(
        from start: Configuration, calculator: Calculator, temperature: Double, timeStep: Double, damping: Double, noiseSeed: UInt64,
        equilibrationSteps: Int, steps: Int, observers: [(any Observer, Int)], progress: @escaping (Int, Int) -> Void
    ) throws -> Configuration {
        let total = equilibrationSteps + steps
        let simulation = try Simulation(
            configuration: start, calculator: calculator,
            integrator: try Langevin(timeStep: timeStep, temperature: temperature, damping: damping, generator: SeededGenerator(seed: noiseSeed)))
        try simulation.run(steps: equilibrationSteps, progressEvery: max(1, equilibrationSteps / 20)) { p in
            progress(p.completedSteps, total)
        }
        for (observer, interval) in observers { try simulation.add(observer, every: interval) }
        try simulation.run(steps: steps, progressEvery: max(1, steps / 100)) { p in
            progress(equilibrationSteps + p.completedSteps, total)
        }
        return simulation.state.configuration
    }

    /// What an NVE run showed.
    struct Drift {
        /// Times (ps) and total energies per atom (eV) sampled every 10 steps.
        var times: [Double]
        var energiesPerAtom: [Double]
        /// Least-squares slope of the total energy per atom (meV/atom/ps).
        var meVPerAtomPerPs: Double
        var meanTemperature: Double
    }

    /// `equilibrationSteps` Langevin steps at `temperature` from `start` (with velocities), then
    /// `steps` velocity-Verlet steps.
    ///
    /// The NVE run starts at the thermostat's mean total energy over the second half of the
    /// warm-up rather than at the last snapshot's, which in a small cell can sit well off it:
    /// the velocities are scaled so that the kinetic energy makes up the difference.
    static func nveDrift(
        from start: Configuration, calculator: Calculator, temperature: Double, timeStep: Double, damping: Double, noiseSeed: UInt64,
        equilibrationSteps: Int, steps: Int, progress: @escaping (Int, Int) -> Void
    ) throws -> Drift {
        let total = equilibrationSteps + steps
        let warmup = try Simulation(
            configuration: start, calculator: calculator,
            integrator: try Langevin(timeStep: timeStep, temperature: temperature, damping: damping, generator: SeededGenerator(seed: noiseSeed)))
        let warmupLog = ThermodynamicLog()
        try warmup.add(warmupLog, every: 10)
        try warmup.run(steps: equilibrationSteps, progressEvery: max(1, equilibrationSteps / 50)) { p in
            progress(p.completedSteps, total)
        }
        var nveStart = warmup.state.configuration
        let settled = warmupLog.samples.suffix(max(1, warmupLog.samples.count / 2))
        let meanTotal = settled.map(\.totalEnergy).reduce(0, +) / Double(settled.count)
        if let last = warmupLog.samples.last, last.step == equilibrationSteps, last.kineticEnergy > 0, meanTotal > last.potentialEnergy,
           let v = nveStart.velocities {
            let scale = ((meanTotal - last.potentialEnergy) / last.kineticEnergy).squareRoot()
            nveStart.velocities = v.map { scale * $0 }
        }
        let nve = try Simulation(configuration: nveStart, calculator: calculator, integrator: try VelocityVerlet(timeStep: timeStep))
        let log = ThermodynamicLog()
        try nve.add(log, every: 10)
        try nve.run(steps: steps, progressEvery: max(1, steps / 100)) { p in
            progress(equilibrationSteps + p.completedSteps, total)
        }
        let atoms = Double(start.count)
        let times = log.samples.map(\.time), energies = log.samples.map { $0.conservedEnergy / atoms }
        return Drift(
            times: times, energiesPerAtom: energies, meVPerAtomPerPs: 1000 * slope(times, energies),
            meanTemperature: log.samples.map(\.temperature).reduce(0, +) / Double(max(1, log.samples.count)))
    }

    /// Writes the drift run as `time_ps,total_energy_per_atom_eV` lines.
    static func writeEnergies(_ drift: Drift, to url: URL) throws {
        let lines = zip(drift.times, drift.energiesPerAtom).map { "\($0),\($1)" }.joined(separator: "\n")
        try Data(("time_ps,total_energy_per_atom_eV\n" + lines + "\n").utf8).write(to: url, options: .atomic)
    }

    /// Least-squares slope of y against x.
    static func slope(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard x.count >= 2 else { return 0 }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
        return sxx > 0 ? sxy / sxx : 0
    }
}
