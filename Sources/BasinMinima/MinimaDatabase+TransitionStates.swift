import BasinOptimize
import Foundation
import GRDB

extension MinimaDatabase {
    /// Adds the `transition_states` table: one row per distinct transition state — `energy`
    /// (indexed), `minimum_1` and `minimum_2` (the minima its two descents reach, ids of
    /// `minima`, indexed, the smaller id first), `atoms`, `symbols` and `positions` as for minima,
    /// `negative_eigenvalue` (the Hessian's one negative eigenvalue, energy / length², when
    /// known), `run_id` of the run that found it and `found_at`.
    static func registerTransitionStates(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("transition states") { db in
            try db.create(table: "transition_states") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("energy", .double).notNull().indexed()
                t.column("minimum_1", .integer).notNull().indexed().references("minima", onDelete: .cascade)
                t.column("minimum_2", .integer).notNull().indexed().references("minima", onDelete: .cascade)
                t.column("atoms", .integer).notNull()
                t.column("symbols", .text).notNull()
                t.column("positions", .blob).notNull()
                t.column("negative_eigenvalue", .double)
                t.column("run_id", .integer).indexed().references("runs", onDelete: .setNull)
                t.column("found_at", .datetime).notNull()
            }
        }
    }

    /// What `recordTransitionState` did.
    public struct TransitionStateOutcome: Sendable, Equatable {
        /// The stored transition state: the new row, or the one it matched.
        public var id: TransitionStateID
        public var isNew: Bool
    }

    /// Records a transition state between two stored minima, unless a stored one between the
    /// same two minima matches it (energy within `matching.energy`, fingerprint within
    /// `matching.length`, as for minima). One transaction.
    ///
    /// - Parameters:
    ///   - energy: its potential energy (energy units).
    ///   - positions, symbols: its atoms (length units; a cluster).
    ///   - first, second: the minima its descents reach (different ids).
    ///   - negativeEigenvalue: the Hessian's negative eigenvalue, when known.
    ///   - run: the run that found it.
    @discardableResult
    public func recordTransitionState(
        energy: Double, positions: [SIMD3<Double>], symbols: [String], between first: MinimumID, and second: MinimumID,
        negativeEigenvalue: Double? = nil, run: RunID? = nil
    ) throws(MinimaDatabaseError) -> TransitionStateOutcome {
        if let problem = Self.problem(energy: energy, positions: positions, symbols: symbols, step: nil) {
            throw MinimaDatabaseError(file: path, .invalidMinimum(problem))
        }
        let file = path, matching = matching
        let (low, high) = (min(first, second), max(first, second))
        return try write { db in
            for id in [low, high] {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM minima WHERE id = ?", arguments: [id.rawValue]) != nil else {
                    throw MinimaDatabaseError(file: file, .unknownMinimum(id))
                }
            }
            let fingerprint = MinimumFingerprint(energy: energy, positions: positions)
            let candidates = try Row.fetchAll(db, sql: """
                SELECT id, energy, positions FROM transition_states
                WHERE minimum_1 = ? AND minimum_2 = ? AND energy BETWEEN ? AND ?
                """, arguments: [low.rawValue, high.rawValue, energy - matching.energy, energy + matching.energy])
            for row in candidates {
                let id: Int64 = try row.decode(atIndex: 0)
                guard let stored = CoordinateBlob.positions(try row.decode(atIndex: 2)) else {
                    throw MinimaDatabaseError(file: file, .corrupt("transition state \(id) has a malformed positions blob"))
                }
                let other = MinimumFingerprint(energy: try row.decode(atIndex: 1), positions: stored)
                if fingerprint.matches(other, energyTolerance: matching.energy, lengthTolerance: matching.length) {
                    return TransitionStateOutcome(id: TransitionStateID(rawValue: id), isNew: false)
                }
            }
            try db.execute(sql: """
                INSERT INTO transition_states (energy, minimum_1, minimum_2, atoms, symbols, positions, negative_eigenvalue, run_id, found_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    energy, low.rawValue, high.rawValue, positions.count, symbols.joined(separator: " "),
                    CoordinateBlob.encode(positions), negativeEigenvalue, run?.rawValue, Date(),
                ])
            return TransitionStateOutcome(id: TransitionStateID(rawValue: db.lastInsertedRowID), isNew: true)
        }
    }

    /// Stored transition states by ascending energy, all of them or those with `minimum` at
    /// either end.
    public func transitionStates(touching minimum: MinimumID? = nil) throws(MinimaDatabaseError) -> [StoredTransitionState] {
        let file = path
        var sql = "SELECT id, energy, minimum_1, minimum_2, symbols, positions, negative_eigenvalue, run_id, found_at FROM transition_states"
        var arguments: StatementArguments = []
        if let minimum {
            sql += " WHERE minimum_1 = ? OR minimum_2 = ?"
            arguments += [minimum.rawValue, minimum.rawValue]
        }
        sql += " ORDER BY energy, id"
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in try StoredTransitionState(row: row, file: file) }
        }
    }
}

/// Identifies a stored transition state: its row id in `transition_states`.
public struct TransitionStateID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }

    public static func < (lhs: TransitionStateID, rhs: TransitionStateID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }
}

/// A transition state as kept in the database: one row of `transition_states`. Units are those
/// of the potential that produced it.
public struct StoredTransitionState: Sendable, Equatable {
    public var id: TransitionStateID
    /// Potential energy (energy units).
    public var energy: Double
    /// The two minima it connects, the smaller id first.
    public var minima: (MinimumID, MinimumID)
    public var symbols: [String]
    /// Cartesian positions (length units).
    public var positions: [SIMD3<Double>]
    /// The Hessian's negative eigenvalue (energy / length²), when recorded.
    public var negativeEigenvalue: Double?
    public var run: RunID?
    public var foundAt: Date

    public static func == (a: StoredTransitionState, b: StoredTransitionState) -> Bool {
        a.id == b.id && a.energy == b.energy && a.minima == b.minima && a.symbols == b.symbols && a.positions == b.positions
            && a.negativeEigenvalue == b.negativeEigenvalue && a.run == b.run && a.foundAt == b.foundAt
    }

    init(row: Row, file: String) throws {
        id = TransitionStateID(rawValue: try row.decode(atIndex: 0))
        energy = try row.decode(atIndex: 1)
        minima = (MinimumID(rawValue: try row.decode(atIndex: 2)), MinimumID(rawValue: try row.decode(atIndex: 3)))
        let symbolText: String = try row.decode(atIndex: 4)
        symbols = symbolText.split(separator: " ").map(String.init)
        guard let decoded = CoordinateBlob.positions(try row.decode(atIndex: 5)), decoded.count == symbols.count else {
            throw MinimaDatabaseError(file: file, .corrupt("transition state \(id) has positions that do not match its symbols"))
        }
        positions = decoded
        negativeEigenvalue = try row.decode(atIndex: 6)
        let runID: Int64? = try row.decode(atIndex: 7)
        run = runID.map(RunID.init(rawValue:))
        foundAt = try row.decode(atIndex: 8)
    }
}
