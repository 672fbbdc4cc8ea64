import ArgumentParser
import BasinCompression
import BasinIO
import BasinPlots
import Foundation

/// `basin compress sweep`: L**_est(r), L**_rand(r) and 2/r over a range of radii, as CSV and SVG
/// per file, with the nearest singular configuration along the shortest path.
struct CompressSweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "L** estimates against the radius r (CSV and SVG per file) and the nearest singular configuration.",
        discussion: """
            For each file, DIR/NAME.csv holds r, L**_est(r), L**_rand(r) and 2/r at radii spaced \
            evenly in log r, and DIR/NAME.svg plots them (r₂ is where L**_est meets 2/r). The \
            nearest singular configuration is where the shortest path makes the closest pair of \
            atoms meet; its distance from the minimum is d/√2 for two free atoms.
            """)

    @Argument(help: "Lennard-Jones cluster minima (xyz/extxyz, reduced units).")
    var files: [String]

    @Option(name: .shortAndLong, help: "Directory for the CSV and SVG files (created if missing).")
    var output: String

    @Option(help: "Smallest radius.")
    var from: Double = 1e-3

    @Option(help: "Largest radius.")
    var to: Double = 0.2

    @Option(help: "Radii, spaced evenly in log r.")
    var points: Int = 25

    @Option(help: "Random directions per radius for L**_rand (cut to ⌊5e7 / m²⌋ / points, at least 12).")
    var sampleCount: Int = 2000

    @OptionGroup var options: CompressionOptions

    @OptionGroup var convention: ConventionOptions

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one structure file") }
        guard from > 0, to > from, to.isFinite else { throw ValidationError("radii need 0 < --from < --to, both finite") }
        guard (2...10_000).contains(points) else { throw ValidationError("--points must be from 2 to 10000") }
        guard (1...10_000_000).contains(sampleCount) else { throw ValidationError("--sample-count must be from 1 to 10000000") }
    }

    func run() throws {
        let directory = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CommandError("\(output): cannot create the directory (\(error.localizedDescription))")
        }
        let radii = (0..<points).map { exp(log(from) + (log(to) - log(from)) * Double($0) / Double(points - 1)) }
        var summaries: [Summary] = []
        if !json { print(convention.description) }
        for file in files {
            let positions = try CompressionOptions.readPositions(file)
            let settings = options.settings(conventions: convention.conventions)
            let m = 3 * positions.count - 6
            let samples = min(sampleCount, max(12, Int(5e7 / Double(max(m * m, 1))) / points))
            let progress = ProgressReporter(label: "\(file): sweep", total: points)
            let sweep: CompressionSweep
            do {
                sweep = try CompressionSweep.run(
                    positions: positions, settings: settings, radii: radii, samples: samples) { done, _ in progress.update(done) }
                progress.finish()
            } catch {
                progress.finish()
                throw CommandError("\(file): \(error)")
            }
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let csv = directory.appendingPathComponent("\(name).csv"), svg = directory.appendingPathComponent("\(name).svg")
            try AtomicFile.write(Self.csv(sweep), to: csv)
            try Self.plot(sweep, name: name).write(to: svg)
            summaries.append(Summary(file: file, csv: csv.path, svg: svg.path, sweep: sweep))
            if !json {
                let singular = String(format: "%.5f", sweep.nearestSingularity)
                print("\(file): n = \(sweep.atoms), frame \(sweep.frameAtoms.map(String.init).joined(separator: ",")), K = \(sweep.samples); r₂ from L**_est \(fmt(sweep.radius)); nearest singularity \(singular)")
                print("  \(csv.path)\n  \(svg.path)")
            }
        }
        if json { try Output.json(summaries) }
    }

    struct Summary: Encodable {
        var file: String
        var csv: String
        var svg: String
        var sweep: CompressionSweep
    }

    /// The sweep as CSV: a header, then r, L**_est, L**_rand, 2/r per radius.
    static func csv(_ sweep: CompressionSweep) -> String {
        var text = "r,L_est,L_rand,two_over_r\n"
        for p in sweep.points {
            text += String(format: "%.6e,%.6e,%.6e,%.6e\n", p.radius, p.shortestPath, p.sampled, p.bound)
        }
        return text
    }

    /// L**_est, L**_rand and 2/r against log₁₀ r, on a logarithmic L** axis.
    static func plot(_ sweep: CompressionSweep, name: String) -> SVGPlot {
        let singular = String(format: "; nearest singularity %.4f", sweep.nearestSingularity)
        var plot = SVGPlot(
            title: "\(name) (n = \(sweep.atoms), \(sweep.conventions.rawValue) conventions): r₂ = \(String(format: "%.4g", sweep.radius))\(singular)",
            xLabel: "log₁₀ r", yLabel: "L**", logY: true)
        plot.add(SVGPlot.Series(name: "L**_est (shortest path)", points: sweep.points.map { (log10($0.radius), $0.shortestPath) }))
        plot.add(SVGPlot.Series(name: "L**_rand (K = \(sweep.samples))", points: sweep.points.map { (log10($0.radius), $0.sampled) }))
        plot.add(SVGPlot.Series(name: "2/r", points: sweep.points.map { (log10($0.radius), $0.bound) }, dashed: true))
        return plot
    }
}
