import ArgumentParser
import BasinSampling
import BasinTraining
import BasinWorkflows
import Foundation

/// `basin quickstart silicon`: from nothing to a validated neural-network potential for
/// Stillinger–Weber silicon (sampling, symmetry functions, training, validation, report).
struct Quickstart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quickstart",
        abstract: "Sample, train and validate a neural-network potential in one go (system: silicon).",
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
            """)

    @Argument(help: "The system: silicon (Stillinger–Weber Si).")
    var system: String

    @Option(help: "Output folder (created if needed).")
    var output: String

    @Option(help: "Seed of every random number (sampling, split, initialization, MD).")
    var seed: UInt64 = 1

    @Option(help: "Threads for the potentials and the loss evaluation.")
    var threads: Int = 2

    @Option(help: "Training epochs (default 150).")
    var epochs: Int?

    @Flag(help: "Print the RMSEs, drift, max |Δg|, pass flags and timings as one JSON document.")
    var json = false

    @Option(help: ArgumentHelp("Settings preset: default, or tiny (a seconds-long smoke test of every stage).", visibility: .hidden))
    var preset: String = "default"

    struct Summary: Encodable {
        var output: String
        var frames: Int
        var trainStructures: Int
        var testStructures: Int
        var symmetryFunctions: Int
        var epochs: Int
        var bestEpoch: Int
        var testEnergyRMSEmeVPerAtom: Double
        var testForceRMSEmeVPerAngstrom: Double
        var driftMeVPerAtomPerPs: Double
        var rdfMaxDifference: Double
        var rdfNoise: Double
        var rdfSamples: Int
        var passes: [String: Bool]
        var timings: SiliconQuickstart.Result.Timings
    }

    func validate() throws {
        guard system.lowercased() == "silicon" || system == "Si" else {
            throw ValidationError("unknown system '\(system)'; available: silicon")
        }
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must lie in 1…1024, got \(threads)") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        guard preset == "default" || preset == "tiny" else { throw ValidationError("--preset must be default or tiny") }
    }

    func run() throws {
        var settings: SiliconQuickstart.Settings = preset == "tiny" ? .tiny : .default
        settings.seed = seed
        settings.threads = threads
        if let epochs { settings.epochs = epochs }
        let directory = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandError("--output: cannot create \(directory.path): \(error.localizedDescription)")
        }
        var reporter: ProgressReporter?
        var current: SiliconQuickstart.Stage?
        let started = Date()
        let result: SiliconQuickstart.Result
        do {
            result = try SiliconQuickstart(settings: settings).run(directory: directory) { p in
                if p.stage != current {
                    reporter?.finish()
                    current = p.stage
                    reporter = ProgressReporter(label: p.stage.rawValue, total: p.total, quietSeconds: 1)
                    Output.note("[\(ProgressReporter.format(Date().timeIntervalSince(started)))] \(p.stage.rawValue)")
                }
                if let message = p.message, p.completed % max(1, p.total / 20) == 0 || p.completed == p.total {
                    Output.note("  " + message)
                }
                reporter?.update(p.completed)
            }
            reporter?.finish()
        } catch let error as TrainingError {
            throw CommandError(error.description)
        } catch let error as SamplingError {
            throw CommandError(error.description)
        }
        let summary = Summary(
            output: directory.path, frames: result.frames, trainStructures: result.trainStructures,
            testStructures: result.testStructures, symmetryFunctions: result.symmetryFunctionCount, epochs: result.epochs,
            bestEpoch: result.bestEpoch, testEnergyRMSEmeVPerAtom: 1000 * result.testEnergyRMSE,
            testForceRMSEmeVPerAngstrom: 1000 * result.testForceRMSE, driftMeVPerAtomPerPs: result.driftMeVPerAtomPerPs,
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
        func mark(_ ok: Bool) -> String { ok ? "pass" : "FAIL" }
        print("# quickstart silicon: \(result.frames) frames, \(result.symmetryFunctionCount) symmetry functions, \(result.epochs) epochs (best \(result.bestEpoch)), \(ProgressReporter.format(result.timings.total))")
        print(String(format: "test energy RMSE  %8.3f meV/atom     %@", 1000 * result.testEnergyRMSE, mark(result.passes.energy)))
        print(String(format: "test force RMSE   %8.1f meV/Å        %@", 1000 * result.testForceRMSE, mark(result.passes.forces)))
        print(String(format: "NVE drift         %9.2e meV/atom/ps %@", result.driftMeVPerAtomPerPs, mark(result.passes.drift)))
        print(String(format: "max |Δg(r)|       %8.4f (noise %.4f) %@", result.rdfMaxDifference, result.rdfNoise, mark(result.passes.rdf)))
        print("report: \(directory.appendingPathComponent("report.md").path)")
    }
}
