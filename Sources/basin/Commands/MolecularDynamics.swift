import ArgumentParser
import BasinAtoms
import BasinDynamics
import BasinIO
import BasinMath
import BasinPotentials
import Foundation

/// The ensembles `basin md` can sample.
enum Ensemble: String, ExpressibleByArgument, CaseIterable {
    case nve, langevin
    case noseHoover = "nose-hoover"
}

/// `basin md`: molecular dynamics from a structure file or a built lattice.
struct MolecularDynamics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "md",
        abstract: "Run molecular dynamics and summarise its thermodynamics.",
        discussion: """
            Velocities are drawn from the Maxwell–Boltzmann distribution at --temperature (zero \
            total momentum, scaled to the exact temperature) unless the file carries velocities. \
            With --equilibrate N, N Langevin steps at --temperature come first and are not part \
            of the summary. Times are in the unit system's time unit (τ in lj, ps in metal) and \
            temperatures in its temperature unit (ε/k_B in lj, K in metal). Ctrl-C (or SIGTERM) \
            stops after the current step: the trajectory, analyses and summary of the steps done \
            are written, and the exit status is 130 (143). With --potential nnp or committee the \
            extrapolation warnings (symmetry-function values outside the ranges of scaling.data, \
            counted from the first production step) are summarised, and --max-extrapolations N \
            stops the run after the step that exceeds N with one line naming the step, atom, \
            element and function (outputs written, exit status 1); a committee also reports its \
            largest per-atom force deviation.

            Example (the LAMMPS 'in.lj' benchmark, 32,000 atoms):
              basin md --lattice fcc --density 0.8442 --cells 20 --temperature 3.0 \\
                --cutoff 2.5 --skin 0.3 --dt 0.005 --steps 1000

            Stillinger–Weber silicon at 1000 K (metal units, dt = 1 fs by default):
              basin md --lattice diamond --element Si --lattice-constant 5.431 --cells 8 \\
                --potential sw --parameters Si --temperature 1000 --steps 1000
            """)

    @OptionGroup var structure: StructureOptions
    @OptionGroup var potential: PotentialOptions
    @OptionGroup var extrapolation: ExtrapolationOptions

    @Option(help: "Temperature of the initial velocities and of the thermostat (temperature units).")
    var temperature: Double?

    @Option(help: "Seed of the random numbers (velocities, Langevin noise).")
    var seed: UInt64 = 1

    @Option(help: "Time step (time units; default 0.001 ps in metal units, 0.005 τ in lj).")
    var dt: Double?

    @Option(help: "Number of time steps.")
    var steps: Int = 1000

    @Option(help: "Ensemble: nve, langevin or nose-hoover.")
    var ensemble: Ensemble = .nve

    @Option(help: "Thermostat damping time (time units); default 100 time steps.")
    var damping: Double?

    @Option(help: "Langevin steps at --temperature before the run (not summarised).")
    var equilibrate: Int = 0

    @Option(help: "Steps between thermodynamic log lines (0: only the first and last step).")
    var thermo: Int = 100

    @Option(help: "Write a trajectory (extxyz or LAMMPS dump by extension) to this file.")
    var trajectory: String?

    @Option(help: "Steps between trajectory frames.")
    var trajectoryEvery: Int = 100

    @Option(help: "Write the radial distribution function g(r) to this file (columns r, g, coordination).")
    var rdf: String?

    @Option(help: "Steps between g(r) samples.")
    var rdfEvery: Int = 100

    @Option(help: "Largest r of g(r) (length units); default half the thinnest cell width.")
    var rdfCutoff: Double?

    @Option(help: "Bins of g(r).")
    var rdfBins: Int = 200

    @Option(help: "Write the mean-squared displacement (columns t, MSD) to this file.")
    var msd: String?

    @Option(help: "Write the velocity autocorrelation function (columns t, ⟨v(0)·v(t)⟩, normalised) to this file.")
    var vacf: String?

    @Option(help: "Steps between MSD/VACF samples.")
    var correlationEvery: Int = 10

    @Option(help: "Write the final structure (with velocities) to this file.")
    var output: String?

    @Option(help: ArgumentHelp(
        "Rebuild the neighbor list every N steps without checking displacements, as LAMMPS 'neigh_modify every N check no'.",
        discussion: "By default the list is rebuilt when an atom has moved more than half the skin, which never misses a pair."))
    var neighborEvery: Int?

    @Flag(help: "Print one JSON document (summary and log) instead of text.")
    var json = false

    func validate() throws {
        try extrapolation.check(for: potential.potential)
        if let dt, !(dt > 0 && dt.isFinite) { throw ValidationError("--dt must be positive") }
        guard steps >= 0, equilibrate >= 0, thermo >= 0 else { throw ValidationError("--steps, --equilibrate and --thermo must be non-negative") }
        if let temperature, !(temperature >= 0 && temperature.isFinite) { throw ValidationError("--temperature must be non-negative") }
        if ensemble != .nve || equilibrate > 0, temperature == nil {
            throw ValidationError("--ensemble \(ensemble.rawValue) and --equilibrate need --temperature")
        }
        if let damping, !(damping > 0 && damping.isFinite) { throw ValidationError("--damping must be positive") }
        if let neighborEvery, neighborEvery < 1 { throw ValidationError("--neighbor-every must be at least 1") }
        for (name, value) in [("--trajectory-every", trajectoryEvery), ("--rdf-every", rdfEvery), ("--rdf-bins", rdfBins), ("--correlation-every", correlationEvery)] where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    func run() throws {
        // Output names are checked before the first step, so that no run ends on a name it cannot write.
        if let trajectory { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: trajectory), holding: .severalFrames) }
        if let output { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: output)) }
        let units = potential.unitSystem
        var configuration = try structure.configuration(units: units)
        var generator = SeededGenerator(seed: seed)
        if let temperature, configuration.velocities == nil {
            try MaxwellBoltzmann.assign(to: &configuration, temperature: temperature, generator: &generator)
        }
        let calculator = try potential.makeCalculator(monitoring: extrapolation)
        calculator.neighbors.rebuildEvery = neighborEvery
        let diagnostics = ModelDiagnostics(calculator.potential)
        let dt = timeStep
        let damping = self.damping ?? 100 * dt
        let interruption = Interruption(acknowledgement: "interrupt: stopping after the current step (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        let stop = { interruption.isRequested }
        if equilibrate > 0, let temperature {
            let warmup = try Simulation(
                configuration: configuration, calculator: calculator,
                integrator: try Langevin(timeStep: dt, temperature: temperature, damping: damping, generator: generator))
            let progress = ProgressReporter(label: "equilibrate", total: equilibrate)
            try warmup.run(
                steps: equilibrate, progressEvery: max(1, equilibrate / 1000), progress: { progress.update($0.completedSteps) },
                shouldStop: stop)
            progress.finish()
            if let number = interruption.receivedSignal {
                Output.note("interrupted during equilibration after step \(warmup.state.step); nothing written")
                throw ExitCode(Interruption.exitStatus(for: number))
            }
            configuration = warmup.state.configuration
            generator = SeededGenerator(seed: generator.next())
            diagnostics.reset()
        }
        let simulation = try Simulation(
            configuration: configuration, calculator: calculator, integrator: try integrator(dt: dt, damping: damping, generator: generator))
        let printer = ThermoPrinter(units: units, enabled: !json)
        let log = ThermodynamicLog { printer.print($0) }
        try simulation.add(log, every: thermo > 0 ? thermo : max(1, steps))
        let temperatureAverage = TemperatureAverage()
        try simulation.add(temperatureAverage, every: min(10, max(1, steps)))
        let analyses = try Analyses(command: self, configuration: configuration)
        try analyses.attach(to: simulation)

        let progress = ProgressReporter(label: "md", total: steps)
        printer.header()
        diagnostics.setStep(simulation.state.step)
        let summary = try simulation.run(
            steps: steps, progressEvery: max(1, steps / 1000), progress: { progress.update($0.completedSteps) },
            shouldStop: {
                diagnostics.setStep(simulation.state.step + 1)
                return stop() || diagnostics.isPastLimit
            })
        progress.finish()
        // Taken before the last log line's evaluation, which repeats the last step's.
        let modelReport = diagnostics.report
        try diagnostics.writeFrames(extrapolation)
        if log.samples.last?.step != simulation.state.step {
            log.observe(try finalState(simulation))
        }
        try analyses.finish()
        if let output {
            let state = simulation.state
            try StructureFile.write([Frame(configuration: state.configuration)], to: URL(fileURLWithPath: output))
        }
        var report = MolecularDynamicsReport(
            ensemble: ensemble.rawValue, units: units.name, summary: summary, timeStep: dt, log: log.samples,
            temperatures: temperatureAverage.statistics, diffusion: analyses.diffusionCoefficient)
        report.model = modelReport
        if json {
            try Output.json(report)
        } else {
            report.printSummary()
            modelReport?.printSummary()
        }
        if let message = modelReport?.limitMessage { throw CommandError("md stopped after step \(simulation.state.step): \(message)") }
        if let number = interruption.receivedSignal {
            Output.note("interrupted after step \(summary.steps) of \(steps); the output of the steps done is written")
            throw ExitCode(Interruption.exitStatus(for: number))
        }
    }

    /// The state at the end with energy and virial evaluated, for the last log line.
    private func finalState(_ simulation: Simulation) throws -> DynamicsState {
        var state = simulation.state
        state.evaluation = try simulation.calculator.evaluate(state.configuration, [.energy, .forces, .virial])
        state.evaluatedProperties = [.energy, .forces, .virial]
        return state
    }

    /// --dt, or the usual step of the unit system: 1 fs in metal units, 0.005 τ in lj.
    var timeStep: Double { dt ?? (potential.unitSystem == .metal ? 0.001 : 0.005) }

    private func integrator(dt: Double, damping: Double, generator: SeededGenerator) throws -> any Integrator {
        switch ensemble {
        case .nve: return try VelocityVerlet(timeStep: dt)
        case .langevin: return try Langevin(timeStep: dt, temperature: temperature ?? 0, damping: damping, generator: generator)
        case .noseHoover: return try NoseHooverChain(timeStep: dt, temperature: temperature ?? 0, damping: damping)
        }
    }
}
