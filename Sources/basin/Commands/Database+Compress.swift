import ArgumentParser
import BasinCompression
import BasinMinima
import Foundation

extension MinimaDatabaseCommand {
    /// `basin db compress`: store Lennard-Jones minima at their guaranteed significant bits.
    struct CompressMinima: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compress",
            abstract: "Store Lennard-Jones cluster minima at the significant bits that guarantee their recovery.",
            discussion: """
                Each selected minimum is analysed as `basin compress analyze` does (reduced \
                frame, radius r₂ of guaranteed Newton convergence, c_t); its 3n − 6 reduced \
                coordinates rounded to c_t significant bits are bit-packed into the `compressed` \
                column and c_t into `bits`; the full-precision positions stay. Each minimum is \
                first refined by Newton's method to the level of rounding (a search such as basin \
                hop stops at its own --fmax, above the analysis's minimum test), and the \
                refined positions replace the stored ones when no atom moved more than the \
                database's matching length (10⁻³): the same minimum, polished. A structure that \
                is not a Lennard-Jones cluster in reduced units (stored energy ≠ 4 Σ (r⁻¹² − r⁻⁶)) \
                or not a minimum is reported and skipped; a true minimum without a guaranteed \
                level in the --bits range is reported as failed. Either way it is left \
                uncompressed (an earlier compressed copy is removed). Raw sizes are 24n bytes \
                (3n binary64 positions) and 8(3n − 6) bytes (the reduced coordinates); the ratio \
                is raw over compressed bytes. Progress with an ETA goes to standard error.

                Exit status: 0 when every Lennard-Jones minimum was compressed (skipped \
                structures included), 1 when some true minimum failed; the last line (and \
                totals in --json) counts compressed, skipped and failed minima.
                """)

        @OptionGroup var file: DatabaseOptions

        @Option(parsing: .upToNextOption, help: "Ids of the minima to compress (default: every minimum in the energy range).")
        var ids: [Int64] = []

        /// Which minima, by energy (with --ids, those of the ids in the range).
        @OptionGroup var selection: EnergyRangeOptions

        /// The analysis settings of `basin compress analyze`; --bits is the range searched for c_t.
        @OptionGroup var analysis: CompressionOptions

        @Flag(help: "Print one JSON document instead of a table.")
        var json = false

        struct Row: Encodable {
            var id: Int64
            var atoms: Int
            var energy: Double
            /// c_t, when compressed.
            var bits: Int?
            /// Stored atoms (from 1) that are frame atoms 1, 2, 3, when compressed.
            var frameAtoms: [Int]?
            /// r₂ (reduced length units), when the analysis ran.
            var radius: Double?
            var compressedBytes: Int?
            /// 24n: 3n binary64 positions.
            var rawBytes: Int
            /// 8(3n − 6): the reduced coordinates as binary64.
            var reducedRawBytes: Int
            /// rawBytes / compressedBytes.
            var ratio: Double?
            /// reducedRawBytes / compressedBytes.
            var reducedRatio: Double?
            var seconds: Double
            /// Why the minimum was left uncompressed.
            var refusal: String?
            /// Whether it is a Lennard-Jones minimum (after refinement); false: skipped.
            var isMinimum: Bool
            /// Largest distance an atom moved in the refinement (reduced length units).
            var refinement: Double?
        }

        struct Totals: Encodable {
            var compressed: Int
            var uncompressed: Int
            /// Left uncompressed because they are not Lennard-Jones minima.
            var skipped: Int
            /// True minima left uncompressed (exit status 1).
            var failed: Int
            /// Sums over the compressed minima.
            var compressedBytes: Int
            var rawBytes: Int
            var reducedRawBytes: Int
            var ratio: Double
            var reducedRatio: Double
            var seconds: Double
        }

        struct Report: Encodable {
            var database: String
            var minima: [Row]
            var totals: Totals
        }

        func run() throws {
            let database = try file.open()
            let range = try selection.range(file: file.database)
            var chosen = try database.minima(energyRange: range, limit: ids.isEmpty ? selection.limit : nil)
            if !ids.isEmpty {
                let wanted = Set(ids)
                for id in wanted where !chosen.contains(where: { $0.id.rawValue == id }) {
                    _ = try database.minimum(id: MinimumID(rawValue: id))   // an unknown id is an error
                }
                chosen = Array(chosen.filter { wanted.contains($0.id.rawValue) }.prefix(selection.limit ?? .max))
            }
            let minima = chosen.sorted { $0.id < $1.id }
            let settings = analysis.settings
            // The ETA weighs each minimum by the work of its analysis for m = 3n − 6 variables:
            // K samples of O(m²) each, plus factorizations and Newton runs of O(m³).
            let weights = minima.map { minimum in
                let m = max(3 * minimum.count - 6, 1)
                return settings.sampleCount(variables: m) * m * m + m * m * m / 16
            }
            let progress = ProgressReporter(label: "\(file.database): compress", total: weights.reduce(0, +))
            var rows: [Row] = []
            var done = 0
            if !json { print(Self.header) }
            for (minimum, weight) in zip(minima, weights) {
                let start = Date()
                let outcome = try database.compress(minimum, settings: settings)
                let row = Self.row(minimum, outcome, seconds: Date().timeIntervalSince(start))
                rows.append(row)
                done += weight
                progress.update(done)
                if !json { print(Self.line(row)) }
            }
            progress.finish()
            let report = Report(database: file.database, minima: rows, totals: Self.totals(rows))
            let t = report.totals
            if json {
                try Output.json(report)
            } else {
                print(String(format: "total: %ld compressed, %ld left uncompressed (%ld skipped as not Lennard-Jones minima, %ld failed); %ld bytes for %ld raw (ratio %.2f) or %ld reduced (ratio %.2f); %.1f s",
                             t.compressed, t.uncompressed, t.skipped, t.failed, t.compressedBytes, t.rawBytes, t.ratio,
                             t.reducedRawBytes, t.reducedRatio, t.seconds))
            }
            if t.failed > 0 {
                Output.note("\(file.database): \(t.failed) of \(rows.count) minima are true Lennard-Jones minima that could not be compressed (see the table)")
                throw ExitCode(1)
            }
        }

        static func row(_ minimum: StoredMinimum, _ outcome: MinimaDatabase.CompressionOutcome, seconds: Double) -> Row {
            let n = minimum.count
            let raw = 24 * n, reduced = 8 * max(3 * n - 6, 1)
            return Row(
                id: minimum.id.rawValue, atoms: n, energy: minimum.energy, bits: outcome.compressed?.bits,
                frameAtoms: outcome.compressed.map { c in [c.frame.origin, c.frame.axis] + (c.frame.plane.map { [$0] } ?? []) }?
                    .map { $0 + 1 },
                radius: outcome.report?.radius, compressedBytes: outcome.bytes, rawBytes: raw, reducedRawBytes: reduced,
                ratio: outcome.bytes.map { Double(raw) / Double($0) }, reducedRatio: outcome.bytes.map { Double(reduced) / Double($0) },
                seconds: seconds, refusal: outcome.refusal, isMinimum: outcome.isMinimum, refinement: outcome.refinement)
        }

        static func totals(_ rows: [Row]) -> Totals {
            let compressed = rows.filter { $0.compressedBytes != nil }
            let failed = rows.filter { $0.isMinimum && $0.compressedBytes == nil }.count
            let bytes = compressed.reduce(0) { $0 + $1.compressedBytes! }
            let raw = compressed.reduce(0) { $0 + $1.rawBytes }, reduced = compressed.reduce(0) { $0 + $1.reducedRawBytes }
            return Totals(
                compressed: compressed.count, uncompressed: rows.count - compressed.count,
                skipped: rows.count - compressed.count - failed, failed: failed, compressedBytes: bytes,
                rawBytes: raw, reducedRawBytes: reduced, ratio: bytes > 0 ? Double(raw) / Double(bytes) : 0,
                reducedRatio: bytes > 0 ? Double(reduced) / Double(bytes) : 0, seconds: rows.reduce(0) { $0 + $1.seconds })
        }

        static let header = MinimaDatabaseCommand.columns([
            ("id", 8), ("n", 6), ("c_t", 4), ("r2", 11), ("bytes", 7), ("raw 24n", 8), ("raw 8m", 8), ("ratio", 7),
            ("ratio m", 7), ("seconds", 9),
        ])

        static func line(_ row: Row) -> String {
            guard let bytes = row.compressedBytes, let bits = row.bits, let ratio = row.ratio, let reduced = row.reducedRatio else {
                let status = row.isMinimum ? "failed" : "skipped"
                return String(format: "%8lld %6ld  %@, left uncompressed: %@", row.id, row.atoms, status, row.refusal ?? "unknown reason")
            }
            return String(format: "%8lld %6ld %4ld %11.4e %7ld %8ld %8ld %7.2f %7.2f %9.2f", row.id, row.atoms, bits, row.radius ?? .nan,
                          bytes, row.rawBytes, row.reducedRawBytes, ratio, reduced, row.seconds)
        }
    }
}

extension MinimaDatabaseCommand {
    /// A table line (a header or a row): each text right-aligned in its width, one space between
    /// columns.
    static func columns(_ cells: [(String, Int)]) -> String {
        cells.map { text, width in String(repeating: " ", count: max(width - text.count, 0)) + text }
            .joined(separator: " ")
    }
}
