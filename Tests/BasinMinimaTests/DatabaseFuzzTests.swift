import BasinCompression
import BasinIO
import BasinMath
import Foundation
import GRDB
import Testing

@testable import BasinMinima

/// Damaged and foreign files opened as minima databases: each either works or throws a
/// `MinimaDatabaseError` naming the file in one clean line — never a trap.
///
/// The suite mutates a valid database 120 times (seed 2026); `BASIN_FUZZ_COUNT` sets the number
/// of mutants, as for the other readers (`scripts/fuzz-readers.sh` runs them all longer), and
/// `BASIN_DATABASE_FUZZ_SEED` the seed.
@Suite("Damaged minima databases give typed errors")
struct DatabaseFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    /// Number of mutants, and the seed of their damage.
    static let mutants = environment["BASIN_FUZZ_COUNT"].flatMap { Int($0) } ?? 120
    static let seed = environment["BASIN_DATABASE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 2026

    /// The bytes of a valid database: three minima (one compressed) from an import and a run
    /// still open, checkpointed into the main file.
    static func validDatabase() throws -> Data {
        let path = try temporaryDatabasePath()
        do {
            let database = try MinimaDatabase(path: path)
            let minima = try [7, 8, 13].map { atoms in
                let cluster = try Cluster(atoms: atoms)
                return MinimaDatabase.FoundMinimum(energy: cluster.energy, positions: cluster.positions, symbols: cluster.symbols)
            }
            _ = try database.importMinima(minima, parameters: ["files": "lj.xyz"])
            _ = try database.startRun(kind: "basin-hopping", parameters: ["steps": 10], seed: 4)
            var settings = CompressionSettings()
            settings.samples = 12
            settings.bits = 10...20
            _ = try database.compress(database.minimum(id: MinimumID(rawValue: 1)), settings: settings)
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the log is checkpointed when the database closes")
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Seeded damage to `bytes`: a truncation, flipped bytes in the 100-byte header or in the
    /// pages, or a run of random bytes.
    static func mutate(_ bytes: Data, generator: inout SeededGenerator) -> Data {
        var data = bytes
        let count = data.count
        func position(in range: Range<Int>) -> Int { range.lowerBound + Int(generator.uniform() * Double(range.count)) }
        switch Int(generator.uniform() * 4) {
        case 0:
            data = data.prefix(position(in: 0..<count))
        case 1:
            for _ in 0..<(1 + Int(generator.uniform() * 4)) { data[position(in: 0..<100)] ^= UInt8(1 + Int(generator.uniform() * 255)) }
        case 2:
            for _ in 0..<(1 + Int(generator.uniform() * 16)) { data[position(in: 100..<count)] ^= UInt8(1 + Int(generator.uniform() * 255)) }
        default:
            let start = position(in: 0..<count)
            for k in start..<min(count, start + 1 + Int(generator.uniform() * 512)) { data[k] = UInt8(Int(generator.uniform() * 256)) }
        }
        return data
    }

    /// Opens `path` and reads it every way the `db` commands do. Returns whether it worked;
    /// records an issue for an error that is not typed, does not name the file or is not one
    /// clean line.
    @discardableResult
    static func exercise(_ path: String, case label: String) -> Bool {
        do {
            let database = try MinimaDatabase(path: path, mode: .existing)
            _ = try database.count
            let minima = try database.minima()
            _ = try database.minima(energyRange: -50 ... 0, limit: 2)
            for run in try database.runs() { _ = try database.run(id: run.id) }
            for minimum in minima {
                _ = try database.minimum(id: minimum.id)
                if let run = minimum.run { _ = try database.run(id: run) }
                _ = minimum.frame
            }
            for stored in try database.storedCompressions() { _ = try CompressedMinimum(encoded: stored.data) }
            if !minima.isEmpty {
                try database.exportExtendedXYZ(to: URL(fileURLWithPath: path + ".extxyz"))
            }
            return true
        } catch let error as MinimaDatabaseError {
            #expect(error.file == path, "\(label): \(error)")
            #expect(isOneCleanLine(error.description), "\(label): \(error)")
        } catch let error as CompressedMinimumError {
            #expect(isOneCleanLine("\(error)"), "\(label): \(error)")
        } catch let error as FileFormatError {
            #expect(isOneCleanLine(error.description), "\(label): \(error)")
        } catch {
            Issue.record("\(label): untyped error \(type(of: error)): \(error)")
        }
        return false
    }

    static func isOneCleanLine(_ text: String) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    @Test("seeded truncations, flipped bytes and random runs of a valid database")
    func mutatedDatabases() throws {
        let valid = try Self.validDatabase()
        let directory = try temporaryDatabasePath("unused").replacingOccurrences(of: "/unused", with: "")
        let original = directory + "/valid.db"
        try valid.write(to: URL(fileURLWithPath: original))
        #expect(Self.exercise(original, case: "the valid database"))
        var generator = SeededGenerator(seed: Self.seed)
        var opened = 0
        for index in 0..<Self.mutants {
            let path = directory + "/mutant.db"
            for suffix in ["", "-wal", "-shm", ".extxyz"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try Self.mutate(valid, generator: &generator).write(to: URL(fileURLWithPath: path))
            if Self.exercise(path, case: "mutant \(index) (seed \(Self.seed))") { opened += 1 }
        }
        // Damage in unused space or in values that still read passes; most mutants must not.
        #expect(opened < Self.mutants)
        print("fuzz minima database: \(Self.mutants) inputs (seed \(Self.seed)), \(opened) opened and read, \(Self.mutants - opened) refused with a typed error, no trap")
    }

    @Test("an empty file, a text file, another program's SQLite file and a directory are refused by name")
    func foreignFiles() throws {
        let directory = try temporaryDatabasePath("unused").replacingOccurrences(of: "/unused", with: "")
        let empty = directory + "/empty.db", text = directory + "/notes.db", other = directory + "/other.db"
        let folder = directory + "/folder.db"
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data("38\nnot a database\n\u{1}\u{2}".utf8).write(to: URL(fileURLWithPath: text))
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE minima (id INTEGER, energy TEXT)") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let expected = [
            empty: "not a Basin minima database (it is empty)",
            text: "not a Basin minima database (not an SQLite database)",
            other: "not a Basin minima database (it holds other tables)",
            folder: "not a Basin minima database (it is a directory)",
        ]
        for (path, message) in expected {
            let error = #expect(throws: MinimaDatabaseError.self) { try MinimaDatabase(path: path, mode: .existing) }
            #expect(error?.description == "\(path): \(message)")
            #expect(!Self.exercise(path, case: path))
        }
        #expect(throws: MinimaDatabaseError(file: folder, .notABasinDatabase("it is a directory"))) {
            try MinimaDatabase(path: folder, mode: .create)
        }
    }
}
