import ArgumentParser
import BasinMinima
import Foundation

extension MinimaDatabaseCommand {
    /// `basin db verify`: decompress every compressed minimum and compare it with its full copy.
    struct VerifyMinima: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Decompress the compressed minima and check them against the stored positions.",
            discussion: """
                Each compressed minimum is unpacked and Newton's method is run from the rounded \
                point; the result must lie within 1e-10 (Euclidean norm over the 3n − 6 reduced \
                coordinates) of the stored full-precision minimum brought into the same frame, \
                and its energy must agree to 1e-12 relative. Exits with status 1 when any check \
                fails (including a blob that cannot be read).
                """)

        @OptionGroup var file: DatabaseOptions

        @Option(parsing: .upToNextOption, help: "Ids of the minima to verify (default: every compressed minimum).")
        var ids: [Int64] = []

        @Option(help: "Threads for each Newton run.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(help: "Print one JSON document instead of a table.")
        var json = false

        func validate() throws {
            guard (1...1024).contains(threads) else { throw ValidationError("--threads must lie in 1…1024, got \(threads)") }
        }

        struct Row: Encodable {
            var id: Int64
            var atoms: Int
            var bits: Int?
            var bytes: Int
            var passed: Bool
            /// ‖X_decompressed − X*_stored‖₂ (reduced length units).
            var distance: Double?
            /// ‖X^(0),c − X*_stored‖₂.
            var roundingDistance: Double?
            var relativeEnergyDifference: Double?
            var iterations: Int?
            var failure: String?
        }

        struct Report: Encodable {
            var database: String
            var distanceTolerance: Double
            var energyTolerance: Double
            var verified: Int
            var failed: Int
            var minima: [Row]
        }

        func run() throws {
            let database = try file.open()
            let stored = try database.storedCompressions(ids: ids.isEmpty ? nil : ids.map(MinimumID.init(rawValue:)))
            let known = Set(stored.map(\.id.rawValue))
            if let missing = ids.first(where: { !known.contains($0) }) {
                _ = try database.minimum(id: MinimumID(rawValue: missing))
                throw CommandError("\(file.database): minimum \(missing) is not compressed")
            }
            let progress = ProgressReporter(label: "\(file.database): verify", total: stored.count)
            var rows: [Row] = []
            if !json, !stored.isEmpty {
                print(MinimaDatabaseCommand.columns([
                    ("id", 8), ("n", 6), ("c", 4), ("bytes", 7), ("|X0 - X*|", 11), ("|X - X*|", 11), ("dE/E", 11),
                    ("steps", 5), (" result", 7),
                ]))
            }
            for (done, entry) in stored.enumerated() {
                let check = try database.verifyCompression(entry, threads: threads)
                let v = check.verification
                let row = Row(
                    id: check.id.rawValue, atoms: check.atoms, bits: check.bits, bytes: check.bytes, passed: check.passed,
                    distance: v?.distance, roundingDistance: v?.roundingDistance, relativeEnergyDifference: v?.relativeEnergyDifference,
                    iterations: v?.iterations, failure: check.failure)
                rows.append(row)
                progress.update(done + 1)
                if !json { print(Self.line(row)) }
            }
            progress.finish()
            let failed = rows.filter { !$0.passed }.count
            if json {
                try Output.json(Report(
                    database: file.database, distanceTolerance: CompressedMinimum.distanceTolerance,
                    energyTolerance: CompressedMinimum.energyTolerance, verified: rows.count - failed, failed: failed, minima: rows))
            } else if stored.isEmpty {
                print("\(file.database): no compressed minima")
            } else {
                print("\(rows.count - failed) of \(rows.count) compressed minima verified")
            }
            if failed > 0 { throw CommandError("\(file.database): \(failed) of \(rows.count) compressed minima failed verification") }
        }

        static func line(_ row: Row) -> String {
            let bits = row.bits.map { String(format: "%4ld", $0) } ?? "   -"
            guard let distance = row.distance, let start = row.roundingDistance, let energy = row.relativeEnergyDifference,
                  let iterations = row.iterations
            else {
                return String(format: "%8lld %6ld %@ %7ld  FAILED: %@", row.id, row.atoms, bits, row.bytes, row.failure ?? "unknown")
            }
            return String(format: "%8lld %6ld %@ %7ld %11.3e %11.3e %11.3e %5ld  %@", row.id, row.atoms, bits, row.bytes, start,
                          distance, energy, iterations, row.passed ? "ok" : "FAILED")
        }
    }
}
