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

    @OptionGroup var convention: ConventionOptions

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
        if !json {
            print(convention.description)
            print(line(columns))
        }
        var rows: [CompressionSummary] = []
        for file in files {
            let report = try options.analyze(file, conventions: convention.conventions)
            rows.append(CompressionSummary(file: file, report: report))
            if !json {
                let name = URL(fileURLWithPath: file).lastPathComponent
                let guaranteed = report.levels.guaranteedBits.map(String.init) ?? "-"
                let ok = report.levels.guaranteeHolds ? "yes" : "NO"
                let numbers = [report.radius, report.lipschitzShortestPath, report.lipschitzSampled].map { String(format: "%.4e", $0) }
                let frame = report.frameAtoms.map(String.init).joined(separator: ",")
                var cells = [name, "\(report.atoms)", "\(report.variables)", frame] + numbers
                cells += ["\(report.samples)", guaranteed, report.levels.convergingText, ok, String(format: "%.2f", report.seconds)]
                print(line(cells))
            }
        }
        if json { try Output.json(rows) }
    }
}
