import BasinAtoms
import BasinPotentials

/// A molecular-dynamics run: a state, the calculator that gives its forces, an integrator that
/// advances it, and observers that look at it every so many steps.
///
/// Each step the calculator is asked for forces only, plus whatever the observers due at that
/// step require (energy and virial for a log, say), so that the cheaper forces-only kernels run
/// on most steps. Outside the force call a step costs a few O(N) loops over unsafe buffers and
/// allocates nothing (a neighbor-list rebuild allocates inside the calculator). Positions are
/// never wrapped, so displacements stay direct.
///
/// ```swift
/// var configuration = try Lattice.fcc.build(...)
/// var generator = SeededGenerator(seed: 1)
/// try MaxwellBoltzmann.assign(to: &configuration, temperature: 1.44, generator: &generator)
/// let simulation = try Simulation(configuration: configuration, calculator: calculator,
///                                 integrator: try VelocityVerlet(timeStep: 0.005))
/// let log = ThermodynamicLog()
/// try simulation.add(log, every: 100)
/// let summary = try simulation.run(steps: 10_000)
/// ```
public final class Simulation {
    public private(set) var state: DynamicsState
    public let calculator: Calculator
    public private(set) var integrator: any Integrator
    private var schedule: [ScheduledObserver] = []

    private struct ScheduledObserver {
        let observer: any Observer
        let interval: Int
        let properties: Properties
        var lastStep: Int?
    }

    /// - Parameters:
    ///   - configuration: the starting structure; missing velocities are zeros.
    ///   - calculator: the potential with its neighbor list.
    ///   - integrator: the equations of motion and their time step.
    public init(configuration: Configuration, calculator: Calculator, integrator: any Integrator) throws(DynamicsError) {
        state = try DynamicsState(configuration: configuration)
        state.threads = calculator.threads
        var integrator = integrator
        try integrator.prepare(for: state)
        self.integrator = integrator
        self.calculator = calculator
    }

    /// Calls `observer` at step 0 (or the current step, if that is a multiple of `interval`) and
    /// at every later step that is a multiple of `interval`.
    public func add(_ observer: any Observer, every interval: Int) throws(DynamicsError) {
        guard interval >= 1 else { throw .invalidParameter("an observer interval must be at least 1 step, got \(interval)") }
        schedule.append(ScheduledObserver(observer: observer, interval: interval, properties: observer.requiredProperties))
    }

    /// Takes `steps` time steps, calling the observers at their intervals.
    /// - Parameters:
    ///   - progressEvery: call `progress` after every this many steps (and after the last);
    ///     0 means only after the last.
    ///   - progress: a callback for progress and time estimates, e.g. a line on stderr.
    ///   - shouldStop: asked after every step; when it answers true the run ends there, and the
    ///     summary counts the steps taken (e.g. to stop cleanly on a signal).
    /// - Returns: the wall time of the loop and related counts.
    /// - Throws: `DynamicsError` from the integrator, or whatever an observer throws.
    @discardableResult
    public func run(
        steps: Int, progressEvery: Int = 0, progress: ((RunProgress) -> Void)? = nil, shouldStop: () -> Bool = { false }
    ) throws -> RunSummary {
        guard steps >= 0 else { throw DynamicsError.invalidParameter("the number of steps must not be negative, got \(steps)") }
        let needed = properties(at: state.step).union(.forces)
        if !state.evaluatedProperties.isSuperset(of: needed) {
            try state.evaluate(with: calculator, needed.union(state.evaluatedProperties))
        }
        try notifyObservers()
        let buildsBefore = calculator.neighbors.buildCount
        let clock = ContinuousClock()
        let start = clock.now
        let processorStart = processorSeconds()
        var taken = 0
        for completed in stride(from: 1, through: steps, by: 1) {
            try integrator.advance(&state, calculator: calculator, properties: properties(at: state.step + 1))
            try notifyObservers()
            taken = completed
            if let progress, completed == steps || (progressEvery > 0 && completed % progressEvery == 0) {
                progress(RunProgress(completedSteps: completed, totalSteps: steps, elapsedSeconds: seconds(clock.now - start)))
            }
            if shouldStop() { break }
        }
        return RunSummary(
            steps: taken, atomCount: state.atomCount, wallSeconds: seconds(clock.now - start),
            processorSeconds: processorSeconds() - processorStart, neighborListBuilds: calculator.neighbors.buildCount - buildsBefore)
    }

    /// What the observers due at `step` need from the calculator.
    private func properties(at step: Int) -> Properties {
        var properties: Properties = []
        for entry in schedule where step % entry.interval == 0 { properties.formUnion(entry.properties) }
        return properties
    }

    private func notifyObservers() throws {
        let step = state.step
        for k in schedule.indices where step % schedule[k].interval == 0 && schedule[k].lastStep != step {
            schedule[k].lastStep = step
            try schedule[k].observer.observe(state)
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
