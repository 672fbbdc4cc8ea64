import ArgumentParser
import BasinCompression
import Foundation

/// `basin compress table`: one row per minimum.
struct CompressTable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "The compression analysis of several minima, one row each.")

    @Argument(help: "Lennard-Jones cluster minima (xyz/extxyz, reduced units).")
    var files: [String]

    @OptionGroup var options: CompressionOptions

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one structure file") }
    }

    func run() throws {
        let columns = ["file", "n", "m", "frame", "r2", "L**_est", "L**_rand", "K", "c_t", "c_p", "ok", "seconds"]
        let widths = [14, 5, 5, 11, 11, 11, 11, 8, 4, 12, 4, 8]
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                cell.count >= width ? cell : String(repeating: " ", count: width - cell.count) + cell
            }.joined(separator: " ")
        }
        if !json { print(line(columns)) }
        var rows: [CompressionSummary] = []
        for file in files {
            let report = try options.analyze(file)
            rows.append(CompressionSummary(file: file, report: report))
            if !json {
                let name = URL(fileURLWithPath: file).lastPathComponent
                print(line([
                    name, "\(report.atoms)", "\(report.variables)", report.frameAtoms.map(String.init).joined(separator: ","),
                    String(format: "%.4e", report.radius), String(format: "%.4e", report.lipschitzShortestPath),
                    String(format: "%.4e", report.lipschitzSampled), "\(report.samples)",
                    report.levels.guaranteedBits.map(String.init) ?? "-", report.levels.convergingText,
                    report.levels.guaranteeHolds ? "yes" : "NO", String(format: "%.2f", report.seconds),
                ]))
            }
        }
        if json { try Output.json(rows) }
    }
}
