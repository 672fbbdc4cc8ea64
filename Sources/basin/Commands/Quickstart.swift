import ArgumentParser
import BasinSampling
import BasinTraining
import BasinWorkflows
import Foundation

/// `basin quickstart silicon|silica`: from nothing to a validated neural-network potential for
/// Stillinger–Weber silicon or Vashishta silica (sampling, symmetry functions, training,
/// validation, report).
struct Quickstart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract: "Sample, train and validate a neural-network potential in one go (system: silicon or silica).",
        discussion: """
            'basin quickstart silicon --output DIR' samples ~500 frames of 64-atom Stillinger–Weber \
            silicon by Langevin MD at 300–2500 K (crystal and liquid), generates ~30 symmetry \
            functions (r_c 5.5 Å), trains a 20-20 tanh network with Adam (decaying rate, 10 % test \
            set), then validates it: held-out energy and force RMSE, energy drift of a 20 ps NVE \
            run at 1000 K, and g(r) against SW at 1000 K (30 ps Langevin each). Writes DIR/data/input.data, DIR/model, \
            DIR/learning-curve.csv and .svg, DIR/parity.svg, DIR/nve-energy.csv, DIR/g-of-r.csv \
            and .svg and DIR/report.md (every file written whole). Progress with ETA goes to \
            standard error. Targets: ≤ 2 meV/atom, ≤ 80 meV/Å, |drift| ≤ 1 meV/atom/ps, \
            max |Δg| ≤ 0.05. The exit status is 0 even when a target is missed (see 'passes').

            'basin quickstart silica --output DIR' does the same for SiO₂ with Vashishta (1990) as \
            the reference: melts 192-atom β-cristobalite at 6000 K (3 ps), samples α-quartz (72 atoms), \
            β-cristobalite and the melt at 300–4000 K (the quenched melt is amorphous silica) and the \
            melt alone at 6000 K, generates element-resolved symmetry functions, trains one network \
            per element with n2p2's Kalman filter on Vashishta minus a fixed baseline (Vashishta's \
            charges Si +1.6, O −0.8 as coul/dsf to 10 Å, Vashishta's steric term H/r^η and its \
            charge–dipole term −D e^(−r/λ)/r⁴ beyond the networks' 5.5 Å; written to \
            DIR/model/baseline.data and added back whenever the model runs), adds the \
            frames of the model's own MD at 300 and 4000 K on which its forces err most against \
            Vashishta and fits again (three rounds), keeping each fit's epoch of the lowest test \
            errors in units of the targets below, then validates: held-out errors, the energy drift of a 10 ps NVE run in \
            the melt, and the partial g(r) (Si–O, O–O, Si–Si) and bond-angle distributions (O–Si–O, Si–O–Si) of the \
            model against Vashishta in the glass at 300 K (768 atoms: four copies of the melt, \
            quenched by Vashishta) and in the melt at 4000 K. Writes \
            DIR/data/input.data, DIR/model, learning-curve, parity, nve-energy.csv, \
            structure-STATE.csv, angles-STATE.csv, g-of-r-STATE.svg, bond-angles-STATE.svg and \
            report.md. Targets: ≤ 3 meV/atom, ≤ 150 meV/Å, |drift| ≤ 1 meV/atom/ps, max |Δg| ≤ 0.1 \
            for every pair and |Δ mean Si–O–Si| ≤ 2° in both states.
            """)

    @Argument(help: "The system: silicon (Stillinger–Weber Si) or silica (Vashishta SiO₂).")
    var system: String

    @Option(help: "Output folder (created if needed).")
    var output: String

    @Option(help: "Seed of every random number (sampling, split, initialization, MD).")
    var seed: UInt64 = 1

    @Option(help: "Threads for the potentials and the loss evaluation.")
    var threads: Int = 2

    @Option(help: """
        Training epochs (default \(SiliconQuickstart.Settings.default.training.epochs) for silicon, \
        \(SilicaQuickstart.Settings.default.training.epochs) for silica).
        """)
    var epochs: Int?

    @Flag(help: "Print the RMSEs, drift, max |Δg|, pass flags and timings as one JSON document.")
    var json = false

    @Option(help: ArgumentHelp(
        "Settings preset: default; tiny (a seconds-long smoke test of every stage); for silica also quick (short validation runs).",
        visibility: .hidden))
    var preset: String = "default"

    /// What `--json` prints of the training, for either system.
    struct TrainingSummary: Encodable {
        var trainStructures: Int
        var testStructures: Int
        var weights: Int
        var epochs: Int
        var bestEpoch: Int
        var testEnergyRMSEmeVPerAtom: Double
        var testForceRMSEmeVPerAngstrom: Double
        var trainEnergyRMSEmeVPerAtom: Double
        var trainForceRMSEmeVPerAngstrom: Double

        init(_ t: QuickstartTraining.Summary) {
            trainStructures = t.trainStructures
            testStructures = t.testStructures
            weights = t.parameterCount
            epochs = t.epochs
            bestEpoch = t.bestEpoch
            testEnergyRMSEmeVPerAtom = 1000 * t.testEnergyRMSE
            testForceRMSEmeVPerAngstrom = 1000 * t.testForceRMSE
            trainEnergyRMSEmeVPerAtom = 1000 * t.trainEnergyRMSE
            trainForceRMSEmeVPerAngstrom = 1000 * t.trainForceRMSE
        }
    }

    struct Summary: Encodable {
        var output: String
        var frames: Int
        var symmetryFunctions: Int
        var training: TrainingSummary
        var driftMeVPerAtomPerPs: Double
        var rdfMaxDifference: Double
        var rdfNoise: Double
        var rdfSamples: Int
        var passes: [String: Bool]
        var timings: SiliconQuickstart.Result.Timings
    }

    func validate() throws {
        guard isSilicon || isSilica else {
            throw ValidationError("unknown system '\(system)'; available: silicon, silica")
        }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must lie in 1…1024, got \(threads)") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        guard preset == "default" || preset == "tiny" || (preset == "quick" && isSilica) else {
            throw ValidationError("--preset must be default or tiny (or quick, for silica)")
        }
    }

    /// `settings` with the options' seed, threads and epochs.
    func configured<Settings: QuickstartSettings>(_ settings: Settings) -> Settings {
        var s = settings
        s.seed = seed
        s.threads = threads
        if let epochs { s.training.epochs = epochs }
        return s
    }

    /// The held-out error lines both systems print.
    func printTraining(_ t: QuickstartTraining.Summary, energy: Bool, forces: Bool) {
        print(String(format: "test energy RMSE  %8.3f meV/atom     %@", 1000 * t.testEnergyRMSE, mark(energy)))
        print(String(format: "test force RMSE   %8.1f meV/Å        %@", 1000 * t.testForceRMSE, mark(forces)))
    }

    func mark(_ ok: Bool) -> String { ok ? "pass" : "FAIL" }

    var isSilicon: Bool { system.lowercased() == "silicon" || system == "Si" }
    var isSilica: Bool { system.lowercased() == "silica" || system == "SiO2" }

    /// The output folder, created.
    func outputDirectory() throws -> URL {
        let directory = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandError("--output: cannot create \(directory.path): \(error.localizedDescription)")
        }
        return directory
    }

    func run() throws {
        if isSilica {
            try runSilica()
            return
        }
        let settings = configured(preset == "tiny" ? SiliconQuickstart.Settings.tiny : .default)
        let directory = try outputDirectory()
        let result = try StageProgress.run { stages in
            try SiliconQuickstart(settings: settings).run(directory: directory) { p in
                stages.update(stage: p.stage.rawValue, completed: p.completed, total: p.total, message: p.message)
            }
        }
        let summary = Summary(
            output: directory.path, frames: result.frames, symmetryFunctions: result.symmetryFunctionCount,
            training: TrainingSummary(result.training), driftMeVPerAtomPerPs: result.driftMeVPerAtomPerPs,
            rdfMaxDifference: result.rdfMaxDifference, rdfNoise: result.rdfNoise, rdfSamples: result.rdfSamples,
            passes: [
                "energy": result.passes.energy, "forces": result.passes.forces, "drift": result.passes.drift,
                "rdf": result.passes.rdf, "all": result.passes.all,
            ],
            timings: result.timings)
        if json {
            try Output.json(summary)
            return
        }
        print("# quickstart silicon: \(result.frames) frames, \(result.symmetryFunctionCount) symmetry functions, \(result.training.epochs) epochs (best \(result.training.bestEpoch)), \(ProgressReporter.format(result.timings.total))")
        printTraining(result.training, energy: result.passes.energy, forces: result.passes.forces)
        print(String(format: "NVE drift         %9.2e meV/atom/ps %@", result.driftMeVPerAtomPerPs, mark(result.passes.drift)))
        print(String(format: "max |Δg(r)|       %8.4f (noise %.4f) %@", result.rdfMaxDifference, result.rdfNoise, mark(result.passes.rdf)))
        print("report: \(directory.appendingPathComponent("report.md").path)")
    }
}

/// Progress of a staged job on standard error: a line when a stage starts, about twenty of its
/// message lines (epoch errors), and a progress bar with ETA per stage.
final class StageProgress {
    private var reporter: ProgressReporter?
    private var current: String?
    private let started = Date()

    func update(stage: String, completed: Int, total: Int, message: String?) {
        if stage != current {
            reporter?.finish()
            current = stage
            reporter = ProgressReporter(label: stage, total: total, quietSeconds: 1)
            Output.note("[\(ProgressReporter.format(Date().timeIntervalSince(started)))] \(stage)")
        }
        if let message, completed % max(1, total / 20) == 0 || completed == total {
            Output.note("  " + message)
        }
        reporter?.update(completed)
    }

    func finish() {
        reporter?.finish()
    }

    /// Runs `job` with a fresh progress display, turning its training and sampling errors into
    /// one-line command errors.
    static func run<Result>(_ job: (StageProgress) throws -> Result) throws -> Result {
        let stages = StageProgress()
        do {
            let result = try job(stages)
            stages.finish()
            return result
        } catch let error as TrainingError {
            throw CommandError(error.description)
        } catch let error as SamplingError {
            throw CommandError(error.description)
        }
    }
}
