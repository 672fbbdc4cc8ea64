import ArgumentParser
import BasinMinima
import Foundation

extension MinimaDatabaseCommand {
    /// `basin db list`: the stored minima, lowest energy first.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored minima by ascending energy.",
            discussion: "A range that holds no minimum prints nothing but a note (JSON: an empty list).")

        @OptionGroup var file: DatabaseOptions
        @OptionGroup var selection: EnergyRangeOptions

        @Flag(help: "Print one JSON document instead of a table.")
        var json = false

        struct Report: Encodable {
            var database: String
            var total: Int
            var minima: [MinimumSummary]
        }

        func run() throws {
            let database = try file.open()
            let range = try selection.range(file: file.database)
            let minima = try database.minima(energyRange: range, limit: selection.limit)
            let total = try database.count
            if json {
                try Output.json(Report(database: file.database, total: total, minima: minima.map(MinimumSummary.init)))
                return
            }
            guard !minima.isEmpty else {
                print("\(file.database): no minima\(EnergyRangeOptions.describe(range))")
                return
            }
            print(row("id", "energy", "atoms", "composition", "found", "run", "step"))
            for minimum in minima {
                print(row(
                    "\(minimum.id)", String(format: "%.10f", minimum.energy), "\(minimum.count)", minimum.composition,
                    "\(minimum.timesFound)", minimum.run.map { "\($0)" } ?? "-", minimum.step.map { "\($0)" } ?? "-"))
            }
            print("\(minima.count) of \(total) minima in \(file.database)")
        }

        /// One table line: columns right-aligned, except the composition.
        private func row(_ id: String, _ energy: String, _ atoms: String, _ composition: String,
                         _ found: String, _ run: String, _ step: String) -> String {
            func right(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(width - text.count, 0)) + text }
            let left = composition.padding(toLength: max(composition.count, 12), withPad: " ", startingAt: 0)
            return "\(right(id, 8))  \(right(energy, 20))  \(right(atoms, 6))  \(left)  \(right(found, 6))  \(right(run, 5))  \(right(step, 8))"
        }
    }
}
