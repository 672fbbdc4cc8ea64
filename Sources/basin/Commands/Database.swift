import ArgumentParser
import BasinMinima
import Foundation

/// `basin db`: the database of local minima that searches record (an SQLite file).
struct MinimaDatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Import, list, show, export, compress and verify the minima of a minima database; list its runs.",
        discussion: """
            A minima database is one SQLite file holding each distinct local minimum once (energy, \
            atoms, positions, fingerprint, times found) and the runs that found them (basin hop \
            --database fills one). Minima that differ only by rotation, translation, reflection \
            or the order of atoms are the same. Energies and lengths are in the units of the \
            potential that produced them. Lennard-Jones minima can also be kept at their \
            guaranteed number of significant bits (compress) and recovered by Newton's method \
            (verify).
            """,
        subcommands: [Add.self, List.self, Show.self, Runs.self, Export.self, CompressMinima.self, VerifyMinima.self]
    )
}

extension MinimaDatabaseCommand {
    /// The database file every subcommand works on.
    struct DatabaseOptions: ParsableArguments {
        @Option(help: "Minima database file (SQLite).")
        var database: String

        /// The database, which must exist unless `mode` is `.create`.
        func open(_ mode: MinimaDatabase.OpenMode = .existing) throws -> MinimaDatabase {
            try MinimaDatabase(path: database, mode: mode)
        }
    }

    /// An optional energy window, inclusive at both ends.
    struct EnergyRangeOptions: ParsableArguments {
        @Option(parsing: .unconditional, help: "Lowest energy to include (energy units; may be negative, e.g. --min-energy -44).")
        var minEnergy: Double?

        @Option(parsing: .unconditional, help: "Highest energy to include (energy units; may be negative).")
        var maxEnergy: Double?

        @Option(help: "Keep only the N lowest minima.")
        var limit: Int?

        func validate() throws {
            for (name, value) in [("--min-energy", minEnergy), ("--max-energy", maxEnergy)] where value?.isNaN == true {
                throw ValidationError("\(name) must be a number")
            }
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        /// The range, or nil for every energy; an empty range is an error naming `file`.
        func range(file: String) throws -> ClosedRange<Double>? {
            guard minEnergy != nil || maxEnergy != nil else { return nil }
            let lower = minEnergy ?? -.infinity, upper = maxEnergy ?? .infinity
            guard lower <= upper else {
                throw CommandError("\(file): the energy range [\(lower), \(upper)] is empty (--min-energy is above --max-energy)")
            }
            return lower...upper
        }

        /// "with energy in [a, b]" for messages, or "" without a range.
        static func describe(_ range: ClosedRange<Double>?) -> String {
            guard let range else { return "" }
            return " with energy in [\(range.lowerBound), \(range.upperBound)]"
        }
    }

    /// A minimum as the `list` and `add` reports show it.
    struct MinimumSummary: Encodable {
        var id: Int64
        var energy: Double
        var atoms: Int
        var composition: String
        var timesFound: Int
        var run: Int64?
        var step: Int?
        var foundAt: String

        init(_ minimum: StoredMinimum) {
            id = minimum.id.rawValue
            energy = minimum.energy
            atoms = minimum.count
            composition = minimum.composition
            timesFound = minimum.timesFound
            run = minimum.run?.rawValue
            step = minimum.step
            foundAt = timestamp(minimum.foundAt)
        }
    }
}

/// A date as ISO 8601 text in UTC, e.g. 2026-05-01T12:00:00Z.
func timestamp(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
}
