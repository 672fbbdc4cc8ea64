import ArgumentParser
import BasinIO
import BasinToyModel
import Foundation

/// `basin toy generate`: a toy-model database, in parallel and reproducible from its seed.
struct ToyGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a toy-model database: random structures, relaxed, labelled with E/N_p.",
        discussion: """
            For each of --widths-count widths from --width-start to --width-end, --points random \
            structures of --particles particles are relaxed and labelled; per width only energies \
            below the --keep quantile are kept (the thesis cut; 1 keeps all). Writes the JSON \
            database, and optionally an extxyz dataset (energy = E, the cell's total), a summary \
            and SVG plots. Example (the thesis's learning-study database):
              basin toy generate --width-start 5 --width-end 5 --points 25000 --epochs 40 \\
                --output db.json --extxyz db.extxyz --plots plots --threads 2
            """)

    @Option(help: "First cell width (units of R_c).")
    var widthStart: Double = 5
    @Option(help: "Last cell width (units of R_c).")
    var widthEnd: Double = 5
    @Option(help: "Number of evenly spaced widths.")
    var widthsCount: Int = 1
    @Option(help: "Data points per width (before the --keep cut).")
    var points: Int = 1000
    @Option(help: "Particles per cell N_p.")
    var particles: Int = 4
    @Option(help: "Dimension d (2 or 3).")
    var dimension: Int = 2
    @Option(help: "Keep per width only energies below this quantile, in (0, 1]; 1 keeps all.")
    var keep: Double = 1

    @OptionGroup var model: ToyModelOptions
    @OptionGroup var relaxation: ToyRelaxationOptions

    @Option(help: "The JSON database.")
    var output: String
    @Option(help: "Also write the records as an extxyz dataset.")
    var extxyz: String?
    @Option(help: "Directory for SVG plots (energy histogram per width, energy against width).")
    var plots: String?
    @Option(help: "Worker threads.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Seed of the random number generator; the same seed gives the same database.")
    var seed: UInt64 = 1
    @Flag(help: "Print the summary as one JSON document.")
    var json = false

    func settings() throws -> DatabaseSettings {
        try DatabaseSettings(
            widthStart: widthStart, widthEnd: widthEnd, widthCount: widthsCount, pointsPerWidth: points,
            particleCount: particles, dimension: dimension, mode: model.mode, potential: try model.potential(),
            depth: model.depth, relaxation: try relaxation.relaxation(), keptFraction: keep, seed: seed)
    }

    func validate() throws {
        _ = try settings()
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must lie in 1…1024, got \(threads)") }
    }

    struct Report: Encodable {
        var seconds: Double
        var generated: Int
        var kept: Int
        var summary: [DatabaseSummary.Row]
    }

    func run() throws {
        let settings = try settings()
        let progress = ProgressReporter(label: "generate", total: settings.widthCount * settings.pointsPerWidth)
        let start = Date()
        let database = try DatabaseGenerator.generate(settings, threads: threads) { done, _ in progress.update(done) }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)
        let summary = DatabaseSummary(database)
        let extxyzText = try extxyz.map { try ToyDatasetFile.extxyz(database, file: $0) }
        try AtomicFile.write(try database.jsonData(), to: URL(fileURLWithPath: output))
        if let extxyz, let extxyzText { try AtomicFile.write(extxyzText, to: URL(fileURLWithPath: extxyz)) }
        if let plots { try ToyPlots.writeDatabasePlots(database, summary: summary, directory: plots) }
        let report = Report(seconds: seconds, generated: settings.widthCount * settings.pointsPerWidth, kept: database.records.count, summary: summary.rows)
        if json { return try Output.json(report) }
        print(String(format: "%ld points generated, %ld kept, in %.2f s", report.generated, report.kept, seconds))
        print("width    count   min E/N_p      mean E/N_p     max E/N_p      acceptance (last 10 epochs)")
        for r in summary.rows {
            print(String(format: "%-8.4g %-7ld %-14.6g %-14.6g %-14.6g %.2f%% ± %.2f%%", r.width, r.count, r.minimumEnergy, r.meanEnergy,
                         r.maximumEnergy, 100 * r.meanAcceptance, 100 * r.acceptanceStandardError))
        }
    }
}
