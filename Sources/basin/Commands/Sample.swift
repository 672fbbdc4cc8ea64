import ArgumentParser
import BasinAtoms
import BasinIO
import BasinPotentials
import BasinSampling
import Foundation

/// How `basin sample` picks the steps it keeps.
enum SelectionRule: String, ExpressibleByArgument, CaseIterable {
    case fixed, force
}

/// `basin sample`: reference data for training, by Langevin MD with a reference potential.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Sample reference structures (energies, forces) for training by MD with a reference potential.",
        discussion: """
            For each temperature, each starting structure (every frame of the file, or the built \
            lattice) and each start (the structure itself, then --perturbed-starts copies with \
            every coordinate displaced by a normal deviate of standard deviation --perturb): \
            Maxwell–Boltzmann velocities at the temperature, --equilibrate discarded Langevin \
            steps, then --steps Langevin steps of which the selected ones are kept (step 0, the \
            end of equilibration, included). Frames carry the potential's energy and forces, and \
            per-atom energies ('energies' column, extxyz only) when the potential has them.

            Selection: 'fixed' keeps every --interval-th step (⌊steps/interval⌋ + 1 frames per \
            run). 'force' is the variable interval of Pukrittayakamee et al., J. Chem. Phys. 130, \
            134101 (2009): every --max-interval (τ_max) steps the largest force F on the \
            monitored atoms (all atoms by default, or --monitor-atoms) sets the interval \
            τ = 1 if F > α, else ⌊α/F⌋ capped at τ_max (α = --force-threshold), and the block's \
            steps 0, τ, 2τ, … are kept: high-force configurations densely, near-equilibrium ones \
            once per τ_max steps. Monitoring all atoms, choose α above the typical largest \
            force (a few times the rms force the summary prints), or every step is kept. \
            Selection needs only the forces every MD step has, and the \
            kept steps' energies come from the same force call.

            Units are the potential's: temperatures in K (metal) or ε/k_B (lj), times in ps or τ, \
            lengths in Å or σ, forces in eV/Å or ε/σ. The output's name decides its format, as \
            when it is read back: n2p2 for input.data, output.data or *.n2p2, extended XYZ for \
            *.extxyz or *.xyz; other names (e.g. train.data, which reads back as a LAMMPS data \
            file that cannot hold energies and forces) are refused before sampling. It is \
            written only when the job ends.

            Example (Stillinger–Weber silicon, 64 atoms, 3 temperatures):
              basin sample --lattice diamond --element Si --lattice-constant 5.431 --cells 2 \\
                --potential sw --parameters Si --temperatures 300,1000,2000 \\
                --equilibrate 500 --steps 2000 --selection force --force-threshold 2 \\
                --max-interval 50 --output input.data
            """)

    @OptionGroup var structure: StructureOptions
    @OptionGroup var potential: PotentialOptions

    @Option(help: "Thermostat temperatures, comma-separated (temperature units: K in metal, ε/k_B in lj), e.g. 300,1000,2000.")
    var temperatures: String?

    @Option(help: "Sampled MD steps per run (per temperature, structure and start).")
    var steps: Int = 1000

    @Option(help: "Discarded Langevin steps before each run's sampling.")
    var equilibrate: Int = 0

    @Option(help: "Time step (time units; default 0.001 ps in metal units, 0.005 τ in lj).")
    var dt: Double?

    @Option(help: "Langevin damping time (time units); default 100 time steps.")
    var damping: Double?

    @Option(help: "Which steps to keep: fixed (every --interval steps) or force (variable interval from the forces).")
    var selection: SelectionRule = .fixed

    @Option(help: "Steps between kept frames for --selection fixed.")
    var interval: Int = 10

    @Option(help: "Force threshold α for --selection force (energy/length: eV/Å in metal, ε/σ in lj).")
    var forceThreshold: Double?

    @Option(help: "Largest interval τ_max for --selection force (steps); the interval is recomputed every τ_max steps.")
    var maxInterval: Int = 20

    @Option(help: "Atoms whose forces set the interval for --selection force, numbered from 1, comma-separated (default: all atoms, i.e. the largest force).")
    var monitorAtoms: String?

    @Option(help: "Standard deviation σ of the random displacements of perturbed starts (length units: Å in metal, σ in lj).")
    var perturb: Double = 0

    @Option(help: "Runs from perturbed copies of each structure, per temperature, besides the structure itself.")
    var perturbedStarts: Int = 0

    @Option(help: "Seed of the random numbers (displacements, velocities, Langevin noise).")
    var seed: UInt64 = 1

    @Option(help: "Output file: n2p2 (input.data, output.data, *.n2p2) or extended XYZ (*.extxyz, *.xyz).")
    var output: String?

    @Flag(help: "Print a JSON summary (frames per temperature, energy and force ranges) instead of text.")
    var json = false

    func run() throws {
        let sampler = try makeSampler()
        guard let output else { throw CommandError("give the output file with --output (input.data for n2p2, .extxyz for extended XYZ)") }
        let url = URL(fileURLWithPath: output)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandError("\(output): the folder \(directory.path) does not exist")
        }
        let format = try StructureFile.Format.forWriting(url, holding: Self.trainingContents)

        let units = potential.unitSystem
        let structures = try structure.frames(units: units).map(\.configuration)
        if case .forceBased(_, _, let atoms?) = sampler.selection {
            for (index, configuration) in structures.enumerated() {
                if let bad = atoms.first(where: { $0 >= configuration.count }) {
                    let which = structures.count > 1 ? " of structure \(index + 1)" : ""
                    throw CommandError("--monitor-atoms: atom \(bad + 1) is out of range for the \(configuration.count) atoms\(which)")
                }
            }
        }
        do { try sampler.validate() } catch { throw CommandError(error.description) }
        let calculator = try potential.makeCalculator()
        let total = sampler.totalSteps(structureCount: structures.count)
        let progress = ProgressReporter(label: "sample", total: total)
        let clock = ContinuousClock()
        let start = clock.now
        let sample: ReferenceSample
        do {
            sample = try sampler.sample(structures, calculator: calculator) { progress.update($0.completedSteps) }
        } catch let error as SamplingError {
            throw CommandError(error.description)
        }
        progress.finish()
        let (whole, fraction) = (clock.now - start).components
        let seconds = Double(whole) + Double(fraction) * 1e-18
        try StructureFile.write(sample.frames, to: url, format: format, requiring: Self.trainingContents)

        let report = SampleReport(
            output: output, format: format.rawValue, units: units.name, selection: selection.rawValue,
            runs: sample.runs.count, frames: sample.frames.count, steps: total, wallSeconds: seconds,
            extraEvaluations: sample.runs.reduce(0) { $0 + $1.extraEvaluations }, temperatures: sample.summary())
        if json {
            try Output.json(report)
        } else {
            report.printSummary()
        }
    }

    /// What a file of training data must hold.
    static let trainingContents: StructureFile.Contents = [.severalFrames, .energies, .forces]

    /// The sampler the options describe; a bad option throws one line naming it.
    func makeSampler() throws -> ReferenceSampler {
        guard let temperatures else { throw CommandError("give the temperatures with --temperatures, e.g. 300,1000,2000") }
        let values = try Self.numbers(temperatures, option: "--temperatures")
        guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw CommandError("--temperatures must be zero or positive numbers, got '\(temperatures)'")
        }
        guard steps >= 0 else { throw CommandError("--steps must be non-negative, got \(steps)") }
        guard equilibrate >= 0 else { throw CommandError("--equilibrate must be non-negative, got \(equilibrate)") }
        if let dt, !(dt > 0 && dt.isFinite) { throw CommandError("--dt must be positive, got \(dt)") }
        if let damping, !(damping > 0 && damping.isFinite) { throw CommandError("--damping must be positive, got \(damping)") }
        guard perturb >= 0, perturb.isFinite else { throw CommandError("--perturb must be zero or positive, got \(perturb)") }
        guard perturbedStarts >= 0 else { throw CommandError("--perturbed-starts must be non-negative, got \(perturbedStarts)") }
        if perturbedStarts > 0, perturb == 0 { throw CommandError("--perturbed-starts needs --perturb σ > 0") }
        let rule: SnapshotSelection
        switch selection {
        case .fixed:
            guard interval >= 1 else { throw CommandError("--interval must be at least 1, got \(interval)") }
            guard forceThreshold == nil, monitorAtoms == nil else {
                throw CommandError("--force-threshold and --monitor-atoms need --selection force")
            }
            rule = .fixedInterval(interval)
        case .force:
            guard let forceThreshold else { throw CommandError("--selection force needs --force-threshold α (energy/length)") }
            guard forceThreshold > 0, forceThreshold.isFinite else {
                throw CommandError("--force-threshold must be positive, got \(forceThreshold)")
            }
            guard maxInterval >= 1 else { throw CommandError("--max-interval must be at least 1, got \(maxInterval)") }
            var atoms: [Int]?
            if let monitorAtoms {
                let numbers = monitorAtoms.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !numbers.isEmpty, numbers.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                    throw CommandError("--monitor-atoms must be atom numbers from 1, comma-separated, got '\(monitorAtoms)'")
                }
                atoms = numbers.map { $0! - 1 }
            }
            rule = .forceBased(threshold: forceThreshold, maxInterval: maxInterval, atoms: atoms)
        }
        return ReferenceSampler(
            temperatures: values, steps: steps, equilibrationSteps: equilibrate, timeStep: timeStep, damping: damping,
            selection: rule, perturbation: perturb, perturbedStarts: perturbedStarts, seed: seed)
    }

    /// --dt, or the usual step of the unit system: 1 fs in metal units, 0.005 τ in lj.
    var timeStep: Double { dt ?? (potential.unitSystem == .metal ? 0.001 : 0.005) }

    static func numbers(_ text: String, option: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.map { Double($0) }
        guard !parts.isEmpty, values.allSatisfy({ $0 != nil }) else {
            throw CommandError("\(option) must be comma-separated numbers, got '\(text)'")
        }
        return values.map { $0! }
    }
}

/// What `basin sample` reports.
struct SampleReport: Encodable {
    let output: String
    let format: String
    let units: String
    let selection: String
    let runs: Int
    let frames: Int
    /// MD steps over all runs, equilibration included.
    let steps: Int
    let wallSeconds: Double
    /// Kept steps whose energies needed a separate evaluation.
    let extraEvaluations: Int
    let temperatures: [TemperatureSummary]

    func printSummary() {
        print("wrote \(frames) frames from \(runs) runs (\(steps) MD steps, \(ProgressReporter.format(wallSeconds))) to \(output) (\(format))")
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        func number(_ value: Double?) -> String { value.map { String(format: "%.6g", $0) } ?? "-" }
        print([pad("T", 10), pad("frames", 7), pad("E/atom min", 14), pad("E/atom max", 14), pad("max |F|", 12), pad("rms F", 12)].joined(separator: " "))
        for t in temperatures {
            print([pad(number(t.temperature), 10), pad(String(t.frames), 7), pad(number(t.energyPerAtomMinimum), 14),
                   pad(number(t.energyPerAtomMaximum), 14), pad(number(t.forceMaximum), 12), pad(number(t.forceRMS), 12)].joined(separator: " "))
        }
    }
}
