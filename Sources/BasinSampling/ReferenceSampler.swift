import BasinAtoms
import BasinDynamics
import BasinIO
import BasinMath
import BasinPotentials
import Foundation

/// Reference data for training by molecular dynamics: Langevin runs with a reference potential
/// at several temperatures, from one or more starting structures and from randomly perturbed
/// copies of them, keeping the configurations a `SnapshotSelection` picks as `Frame`s with the
/// potential's energy, forces and (when it provides them) per-atom energies.
///
/// For each temperature T (in order), each starting structure s (in order) and each start
/// r = 0 … `perturbedStarts`: start r = 0 is s itself, start r ≥ 1 is s with every Cartesian
/// coordinate displaced by an independent normal deviate of standard deviation `perturbation`
/// (length units). Velocities are drawn from Maxwell–Boltzmann at T, then `equilibrationSteps`
/// Langevin steps at T are discarded, then `steps` Langevin steps at T are sampled (step 0 of
/// the sampling run, the end of equilibration, included). All randomness comes from `seed`, so
/// the same settings, structures and potential give the same frames.
///
/// ```swift
/// var sampler = ReferenceSampler(temperatures: [300, 1000], steps: 2000, timeStep: 0.001)
/// sampler.selection = .forceBased(threshold: 1.0, maxInterval: 50)
/// let sample = try sampler.sample([silicon], calculator: Calculator(potential: sw))
/// try StructureFile.write(sample.frames, to: URL(fileURLWithPath: "input.data"))
/// ```
public struct ReferenceSampler: Sendable {
    /// The most time steps (and equilibration steps) one run may ask for.
    public static let maximumSteps = 1_000_000_000_000

    /// Thermostat temperatures (temperature units: K in metal, ε/k_B in lj).
    public var temperatures: [Double]
    /// Sampled steps per run.
    public var steps: Int
    /// Discarded Langevin steps before each run's sampling.
    public var equilibrationSteps: Int
    /// Time step Δt (time units: ps in metal, τ in lj).
    public var timeStep: Double
    /// Langevin damping time (time units); nil means 100 Δt.
    public var damping: Double?
    /// Which steps are kept.
    public var selection: SnapshotSelection
    /// Standard deviation σ of the random displacements of perturbed starts (length units).
    public var perturbation: Double
    /// Perturbed starts per structure and temperature, besides the structure itself.
    public var perturbedStarts: Int
    /// Seed of all random numbers (displacements, velocities, Langevin noise).
    public var seed: UInt64

    public init(
        temperatures: [Double], steps: Int, equilibrationSteps: Int = 0, timeStep: Double, damping: Double? = nil,
        selection: SnapshotSelection = .fixedInterval(10), perturbation: Double = 0, perturbedStarts: Int = 0, seed: UInt64 = 1
    ) {
        self.temperatures = temperatures
        self.steps = steps
        self.equilibrationSteps = equilibrationSteps
        self.timeStep = timeStep
        self.damping = damping
        self.selection = selection
        self.perturbation = perturbation
        self.perturbedStarts = perturbedStarts
        self.seed = seed
    }

    /// Checks the settings.
    public func validate() throws(SamplingError) {
        guard !temperatures.isEmpty else { throw SamplingError(reason: "give at least one temperature") }
        if let bad = temperatures.first(where: { !($0.isFinite && $0 >= 0) }) {
            throw SamplingError(reason: "temperatures must be zero or positive, got \(bad)")
        }
        guard steps >= 0 else { throw SamplingError(reason: "the number of steps must not be negative, got \(steps)") }
        guard steps <= Self.maximumSteps, equilibrationSteps <= Self.maximumSteps, perturbedStarts <= 1_000_000 else {
            throw SamplingError(reason: "steps and equilibration steps are at most \(Self.maximumSteps) per run and perturbed starts at most 1000000")
        }
        guard equilibrationSteps >= 0 else {
            throw SamplingError(reason: "the number of equilibration steps must not be negative, got \(equilibrationSteps)")
        }
        guard timeStep.isFinite, timeStep > 0 else { throw SamplingError(reason: "the time step must be positive, got \(timeStep)") }
        if let damping, !(damping.isFinite && damping > 0) {
            throw SamplingError(reason: "the damping time must be positive, got \(damping)")
        }
        guard perturbation.isFinite, perturbation >= 0 else {
            throw SamplingError(reason: "the perturbation σ must be zero or positive, got \(perturbation)")
        }
        guard perturbedStarts >= 0 else { throw SamplingError(reason: "the number of perturbed starts must not be negative, got \(perturbedStarts)") }
        if perturbedStarts > 0, perturbation == 0 {
            throw SamplingError(reason: "perturbed starts need a perturbation σ > 0")
        }
        try selection.validate()
    }

    /// Number of MD runs for `structureCount` starting structures.
    public func runCount(structureCount: Int) -> Int {
        temperatures.count * structureCount * (perturbedStarts + 1)
    }

    /// Time steps (equilibration and sampling) of all runs for `structureCount` structures;
    /// Int.max when the count does not fit.
    public func totalSteps(structureCount: Int) -> Int {
        let (perRun, sumOverflow) = equilibrationSteps.addingReportingOverflow(steps)
        let (total, productOverflow) = runCount(structureCount: structureCount).multipliedReportingOverflow(by: perRun)
        return sumOverflow || productOverflow ? Int.max : total
    }

    /// Runs the dynamics and collects the frames.
    /// - Parameters:
    ///   - structures: starting structures, in the potential's unit system.
    ///   - calculator: the reference potential with its neighbor list.
    ///   - progress: called now and then with the steps done over all runs.
    /// - Throws: `SamplingError` for bad settings or structures, `DynamicsError` when a run
    ///   fails (unstable integration, a potential that cannot evaluate a structure).
    public func sample(
        _ structures: [Configuration], calculator: Calculator, progress: ((SamplingProgress) -> Void)? = nil
    ) throws -> ReferenceSample {
        try validate()
        guard !structures.isEmpty else { throw SamplingError(reason: "give at least one starting structure") }
        for (index, structure) in structures.enumerated() {
            do {
                try selection.check(structure)
            } catch {
                throw SamplingError(frame: index + 1, reason: error.reason)
            }
            guard temperatures.allSatisfy({ $0 == 0 }) || structure.count >= 2 else {
                throw SamplingError(frame: index + 1, reason: "a structure needs at least two atoms to have a temperature")
            }
        }
        let damping = self.damping ?? 100 * timeStep
        let total = totalSteps(structureCount: structures.count)
        let clock = ContinuousClock()
        let start = clock.now
        var done = 0
        var master = SeededGenerator(seed: seed)
        var result = ReferenceSample()
        for temperature in temperatures {
            for (structureIndex, structure) in structures.enumerated() {
                for startIndex in 0...perturbedStarts {
                    var generator = SeededGenerator(seed: master.next())
                    var configuration = structure
                    if startIndex > 0 {
                        for i in 0..<configuration.count { configuration.positions[i] += perturbation * generator.normal3() }
                    }
                    try MaxwellBoltzmann.assign(to: &configuration, temperature: temperature, generator: &generator)
                    let report: (Int) -> Void = { completed in
                        progress?(SamplingProgress(
                            completedSteps: done + completed, totalSteps: total, frames: result.frames.count,
                            elapsedSeconds: Self.seconds(clock.now - start)))
                    }
                    if equilibrationSteps > 0 {
                        let warmup = try Simulation(
                            configuration: configuration, calculator: calculator,
                            integrator: try Langevin(timeStep: timeStep, temperature: temperature, damping: damping, generator: generator))
                        try warmup.run(steps: equilibrationSteps, progressEvery: max(1, equilibrationSteps / 100)) { report($0.completedSteps) }
                        configuration = warmup.state.configuration
                        generator = SeededGenerator(seed: generator.next())
                        done += equilibrationSteps
                    }
                    let info = [
                        "temperature": Self.text(temperature), "structure": String(structureIndex), "start": String(startIndex),
                    ]
                    let collector = try SnapshotCollector(selection: selection, calculator: calculator, info: info)
                    let langevin = try Langevin(timeStep: timeStep, temperature: temperature, damping: damping, generator: generator)
                    let simulation = try Simulation(
                        configuration: configuration, calculator: calculator,
                        integrator: SnapshotIntegrator(base: langevin, collector: collector))
                    try simulation.add(collector, every: 1)
                    let framesBefore = result.frames.count
                    try simulation.run(steps: steps, progressEvery: max(1, steps / 100)) { p in
                        progress?(SamplingProgress(
                            completedSteps: done + p.completedSteps, totalSteps: total, frames: framesBefore + collector.frames.count,
                            elapsedSeconds: Self.seconds(clock.now - start)))
                    }
                    done += steps
                    result.frames += collector.frames
                    result.runs.append(SamplingRun(
                        temperature: temperature, structure: structureIndex, start: startIndex, steps: steps,
                        frames: collector.frames.count, extraEvaluations: collector.extraEvaluations))
                }
            }
        }
        return result
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) * 1e-18
    }
}

/// Where a sampling job stands, for progress lines.
public struct SamplingProgress: Sendable {
    /// Time steps done over all runs (equilibration included).
    public let completedSteps: Int
    /// Time steps of the whole job.
    public let totalSteps: Int
    /// Frames kept so far.
    public let frames: Int
    /// Wall time since the job started (seconds).
    public let elapsedSeconds: Double

    /// Wall time still to go at the average speed so far (seconds).
    public var estimatedSecondsRemaining: Double {
        completedSteps > 0 ? elapsedSeconds / Double(completedSteps) * Double(totalSteps - completedSteps) : .infinity
    }
}

/// One MD run of a sampling job.
public struct SamplingRun: Sendable, Codable, Equatable {
    public let temperature: Double
    /// Index of the starting structure.
    public let structure: Int
    /// 0 for the structure itself, 1… for perturbed starts.
    public let start: Int
    /// Sampled steps.
    public let steps: Int
    /// Frames kept.
    public let frames: Int
    /// Kept steps whose energies needed a separate evaluation (normally one per run: step 0).
    public let extraEvaluations: Int
}

/// What a sampling job produced.
public struct ReferenceSample: Sendable {
    /// All kept frames, run after run; `info` has `temperature`, `structure`, `start`, `step`.
    public var frames: [Frame] = []
    /// The runs, in order.
    public var runs: [SamplingRun] = []

    public init() {}

    /// Counts and ranges per temperature, in the order the temperatures were sampled.
    public func summary() -> [TemperatureSummary] {
        var order: [Double] = []
        for run in runs where !order.contains(run.temperature) { order.append(run.temperature) }
        var result: [TemperatureSummary] = []
        var offset = 0
        var groups: [Double: [Frame]] = [:]
        for run in runs {
            groups[run.temperature, default: []] += frames[offset..<offset + run.frames]
            offset += run.frames
        }
        for temperature in order {
            result.append(TemperatureSummary(temperature: temperature, frames: groups[temperature] ?? []))
        }
        return result
    }
}

/// The frames of one temperature: how many, and the range of their energies and forces.
public struct TemperatureSummary: Sendable, Codable, Equatable {
    public let temperature: Double
    public let frames: Int
    /// Smallest and largest total energy (energy units); nil without frames.
    public let energyMinimum: Double?
    public let energyMaximum: Double?
    /// Smallest and largest energy per atom (energy units).
    public let energyPerAtomMinimum: Double?
    public let energyPerAtomMaximum: Double?
    /// Largest force component magnitude over all frames and atoms (energy / length).
    public let forceComponentMaximum: Double?
    /// Largest force magnitude |F_i| over all frames and atoms (energy / length).
    public let forceMaximum: Double?
    /// Root mean square of the force components (energy / length).
    public let forceRMS: Double?

    init(temperature: Double, frames: [Frame]) {
        self.temperature = temperature
        self.frames = frames.count
        let energies = frames.compactMap(\.energy)
        let perAtom = frames.compactMap { f in f.energy.map { $0 / Double(f.configuration.count) } }
        energyMinimum = energies.min()
        energyMaximum = energies.max()
        energyPerAtomMinimum = perAtom.min()
        energyPerAtomMaximum = perAtom.max()
        var component = 0.0, magnitude = 0.0, sumSquares = 0.0, count = 0
        for frame in frames {
            for f in frame.forces ?? [] {
                component = max(component, abs(f.x), abs(f.y), abs(f.z))
                let squared = (f * f).sum()
                magnitude = max(magnitude, squared)
                sumSquares += squared
                count += 3
            }
        }
        forceComponentMaximum = count > 0 ? component : nil
        forceMaximum = count > 0 ? magnitude.squareRoot() : nil
        forceRMS = count > 0 ? (sumSquares / Double(count)).squareRoot() : nil
    }
}
