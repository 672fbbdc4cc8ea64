import BasinOptimize
import Foundation
import GRDB

extension MinimaDatabase {
    /// What `record` did with a minimum.
    public struct RecordOutcome: Sendable, Equatable {
        /// The stored minimum: the new row, or the one it matched.
        public var id: MinimumID
        /// Whether the minimum was not in the database before.
        public var isNew: Bool
        /// Times the stored minimum has now been found (1 for a new one).
        public var timesFound: Int
    }

    /// Records a local minimum found by a search, unless the database holds it already.
    ///
    /// The stored minima of the same composition and atom count whose energies lie within
    /// `matching.energy` are read through the energy index, and the first whose fingerprint
    /// matches (`MinimumFingerprint.matches`) is taken as this minimum: its `timesFound` goes
    /// up by one. Otherwise a new row is inserted, remembering `run` and `step`. One transaction.
    ///
    /// - Parameters:
    ///   - energy: potential energy of the minimum (energy units).
    ///   - positions: Cartesian positions of a cluster (length units; no periodic images).
    ///   - symbols: element symbol or label of each atom (non-empty, no whitespace).
    ///   - run: the run that found it, from `startRun`.
    ///   - step: the step of that run (≥ 0).
    @discardableResult
    public func record(
        energy: Double, positions: [SIMD3<Double>], symbols: [String], run: RunID? = nil, step: Int? = nil
    ) throws(MinimaDatabaseError) -> RecordOutcome {
        if let problem = Self.problem(energy: energy, positions: positions, symbols: symbols, step: step) {
            throw MinimaDatabaseError(file: path, .invalidMinimum(problem))
        }
        let file = path
        let matching = matching
        return try write { db in
            if let run {
                let exists = try db.cachedStatement(sql: "SELECT 1 FROM runs WHERE id = ?")
                guard try Bool.fetchOne(exists, arguments: [run.rawValue]) != nil else {
                    throw MinimaDatabaseError(file: file, .unknownRun(run))
                }
            }
            return try Self.insertOrCount(
                energy: energy, positions: positions, symbols: symbols, run: run, step: step, matching: matching, in: db, file: file)
        }
    }

    /// Records a checked minimum inside the caller's transaction: counts it again when a stored
    /// minimum matches, otherwise inserts it.
    static func insertOrCount(
        energy: Double, positions: [SIMD3<Double>], symbols: [String], run: RunID?, step: Int?, matching: MinimumMatching,
        in db: Database, file: String
    ) throws -> RecordOutcome {
        let fingerprint = MinimumFingerprint(energy: energy, positions: positions)
        let m = fingerprint.principalMoments
        guard m.x.isFinite, m.y.isFinite, m.z.isFinite, fingerprint.centroidDistances.allSatisfy(\.isFinite) else {
            throw MinimaDatabaseError(file: file, .invalidMinimum("the structure is too large: its moments of inertia (length²) overflow"))
        }
        let composition = StoredMinimum.composition(of: symbols)
        if let (id, timesFound) = try match(fingerprint, composition: composition, matching: matching, in: db, file: file) {
            try db.cachedStatement(sql: "UPDATE minima SET times_found = times_found + 1 WHERE id = ?").execute(arguments: [id])
            return RecordOutcome(id: MinimumID(rawValue: id), isNew: false, timesFound: timesFound + 1)
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO minima (energy, atoms, composition, symbols, positions, moment_1, moment_2, moment_3,
                                centroid_distances, times_found, run_id, step, found_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
            """)
        let moments = fingerprint.principalMoments
        try insert.execute(arguments: [
            energy, positions.count, composition, symbols.joined(separator: " "), CoordinateBlob.encode(positions),
            moments.x, moments.y, moments.z, CoordinateBlob.encode(fingerprint.centroidDistances),
            run?.rawValue, step, Date(),
        ])
        return RecordOutcome(id: MinimumID(rawValue: db.lastInsertedRowID), isNew: true, timesFound: 1)
    }

    /// The id and times found of the first stored minimum that `fingerprint` matches.
    private static func match(
        _ fingerprint: MinimumFingerprint, composition: String, matching: MinimumMatching, in db: Database, file: String
    ) throws -> (Int64, Int)? {
        let candidates = try db.cachedStatement(sql: """
            SELECT id, energy, moment_1, moment_2, moment_3, centroid_distances, times_found FROM minima
            WHERE energy BETWEEN ? AND ? AND atoms = ? AND composition = ?
            """)
        let rows = try Row.fetchCursor(candidates, arguments: [
            fingerprint.energy - matching.energy, fingerprint.energy + matching.energy,
            fingerprint.centroidDistances.count, composition,
        ])
        while let row = try rows.next() {
            let id: Int64 = try row.decode(atIndex: 0)
            guard let distances = CoordinateBlob.numbers(try row.decode(atIndex: 5)) else {
                throw MinimaDatabaseError(file: file, .corrupt("minimum \(id) has a malformed centroid_distances blob"))
            }
            let stored = MinimumFingerprint(
                energy: try row.decode(atIndex: 1),
                principalMoments: SIMD3(try row.decode(atIndex: 2), try row.decode(atIndex: 3), try row.decode(atIndex: 4)),
                centroidDistances: distances)
            if fingerprint.matches(stored, energyTolerance: matching.energy, lengthTolerance: matching.length) {
                return (id, try row.decode(atIndex: 6))
            }
        }
        return nil
    }

    /// Why a minimum cannot be recorded, or nil when it can.
    static func problem(energy: Double, positions: [SIMD3<Double>], symbols: [String], step: Int?) -> String? {
        if positions.isEmpty { return "it has no atoms" }
        if symbols.count != positions.count { return "\(symbols.count) symbols for \(positions.count) atoms" }
        if !energy.isFinite { return "the energy is not finite" }
        if let i = positions.firstIndex(where: { !($0.x.isFinite && $0.y.isFinite && $0.z.isFinite) }) {
            return "the position of atom \(i + 1) is not finite"
        }
        if let label = symbols.first(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            return "the label '\(label)' is empty or contains whitespace"
        }
        if let step, step < 0 { return "the step \(step) is negative" }
        return nil
    }
}
