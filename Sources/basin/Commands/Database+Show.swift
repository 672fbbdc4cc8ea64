import ArgumentParser
import BasinMinima
import Foundation

extension MinimaDatabaseCommand {
    /// `basin db show`: one minimum with its coordinates and the run that found it.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one stored minimum: energy, fingerprint, run and coordinates.")

        @Argument(help: "Id of the minimum (as `basin db list` prints it).")
        var id: Int64

        @OptionGroup var file: DatabaseOptions

        @Flag(help: "Print one JSON document instead of text.")
        var json = false

        struct Report: Encodable {
            var database: String
            var minimum: MinimumSummary
            var principalMoments: [Double]
            var symbols: [String]
            var positions: [[Double]]
            var run: RunReport?
        }

        func run() throws {
            let database = try file.open()
            let minimum = try database.minimum(id: MinimumID(rawValue: id))
            let run = try minimum.run.map { id throws(MinimaDatabaseError) in try database.run(id: id) }
            let moments = minimum.principalMoments
            if json {
                try Output.json(Report(
                    database: file.database, minimum: MinimumSummary(minimum), principalMoments: [moments.x, moments.y, moments.z],
                    symbols: minimum.symbols, positions: minimum.positions.map { [$0.x, $0.y, $0.z] },
                    run: run.map(RunReport.init)))
                return
            }
            print("minimum         \(minimum.id) of \(file.database)")
            print("energy          \(minimum.energy)")
            print("atoms           \(minimum.count) (\(minimum.composition))")
            print("times found     \(minimum.timesFound)")
            print("first found     \(timestamp(minimum.foundAt))")
            if let run {
                let seed = run.seed.map { ", seed \($0)" } ?? ""
                let step = minimum.step.map { " at step \($0)" } ?? ""
                print("run             \(run.id) (\(run.kind)\(seed), \(run.status.rawValue))\(step)")
                print("parameters      \(run.parameters)")
            }
            print("moments         \(moments.x) \(moments.y) \(moments.z)")
            print("positions")
            for (symbol, r) in zip(minimum.symbols, minimum.positions) {
                let label = symbol.padding(toLength: max(symbol.count, 4), withPad: " ", startingAt: 0)
                print("  \(label)" + String(format: " %20.12f %20.12f %20.12f", r.x, r.y, r.z))
            }
        }
    }
}
