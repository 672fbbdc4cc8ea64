import ArgumentParser
import BasinMinima
import Foundation

extension MinimaDatabaseCommand {
    /// `basin db runs`: the searches and imports that recorded minima, and whether they finished.
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the runs that recorded minima, with their status.",
            discussion: """
                Status: running (its process is still recording), finished, or interrupted \
                (stopped by Ctrl-C or SIGTERM after the steps shown, or its process ended without \
                closing the run, e.g. killed; then no steps are shown). A basin hop run keeps the \
                minima it recorded before it was interrupted; an import is all or nothing.
                """)

        @OptionGroup var file: DatabaseOptions

        @Flag(help: "Print one JSON document instead of a table.")
        var json = false

        struct Report: Encodable {
            var database: String
            var runs: [RunReport]
        }

        func run() throws {
            let runs = try file.open().runs().map(RunReport.init)
            if json {
                try Output.json(Report(database: file.database, runs: runs))
                return
            }
            guard !runs.isEmpty else {
                print("\(file.database): no runs")
                return
            }
            print(MinimaDatabaseCommand.columns([("id", 6), ("kind", 14), ("status", 12), ("steps", 9), ("started", 21), ("finished", 21)]))
            for run in runs {
                print(MinimaDatabaseCommand.columns([
                    ("\(run.id)", 6), (run.kind, 14), (run.status, 12), (run.steps.map { "\($0)" } ?? "-", 9),
                    (run.startedAt, 21), (run.finishedAt ?? "-", 21),
                ]))
            }
        }
    }

    /// A run as `db runs` and `db show` report it.
    struct RunReport: Encodable {
        var id: Int64
        var kind: String
        /// running, finished or interrupted (`RunStatus`).
        var status: String
        /// The run's settings, as the JSON text stored with it.
        var parameters: String
        var seed: UInt64?
        var startedAt: String
        var finishedAt: String?
        var steps: Int?

        init(_ run: SearchRun) {
            id = run.id.rawValue
            kind = run.kind
            status = run.status.rawValue
            parameters = run.parameters
            seed = run.seed
            startedAt = timestamp(run.startedAt)
            finishedAt = run.finishedAt.map(timestamp)
            steps = run.steps
        }
    }
}
