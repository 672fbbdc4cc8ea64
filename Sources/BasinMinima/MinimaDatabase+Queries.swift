import Foundation
import GRDB

extension MinimaDatabase {
    /// Stored minima by ascending energy (ties by id), those with energy in `energyRange` (all
    /// when nil; through the energy index), at most `limit` of them (all when nil).
    public func minima(energyRange: ClosedRange<Double>? = nil, limit: Int? = nil) throws(MinimaDatabaseError) -> [StoredMinimum] {
        var sql = Self.minimumColumns
        var arguments: StatementArguments = []
        if let energyRange {
            sql += " WHERE energy >= ? AND energy <= ?"
            arguments += [energyRange.lowerBound, energyRange.upperBound]
        }
        sql += " ORDER BY energy, id"
        if let limit {
            sql += " LIMIT ?"
            arguments += [max(limit, 0)]
        }
        let file = path
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in try StoredMinimum(row: row, file: file) }
        }
    }

    /// Number of stored minima with energy in `energyRange`.
    public func count(energyRange: ClosedRange<Double>) throws(MinimaDatabaseError) -> Int {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM minima WHERE energy >= ? AND energy <= ?",
                arguments: [energyRange.lowerBound, energyRange.upperBound]) ?? 0
        }
    }

    /// The minimum with this id.
    public func minimum(id: MinimumID) throws(MinimaDatabaseError) -> StoredMinimum {
        let file = path
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.minimumColumns) WHERE id = ?", arguments: [id.rawValue]) else {
                throw MinimaDatabaseError(file: file, .unknownMinimum(id))
            }
            return try StoredMinimum(row: row, file: file)
        }
    }

    private static let minimumColumns = """
        SELECT id, energy, symbols, positions, moment_1, moment_2, moment_3, times_found, run_id, step, found_at FROM minima
        """
}

extension StoredMinimum {
    /// A row of `MinimaDatabase.minimumColumns`; throws when a value has the wrong type or its
    /// positions and symbols disagree.
    init(row: Row, file: String) throws {
        let id = MinimumID(rawValue: try row.decode(atIndex: 0))
        let symbolText: String = try row.decode(atIndex: 2)
        let symbols = symbolText.split(separator: " ").map(String.init)
        guard let positions = CoordinateBlob.positions(try row.decode(atIndex: 3)), positions.count == symbols.count else {
            throw MinimaDatabaseError(file: file, .corrupt("minimum \(id) has positions that do not match its \(symbols.count) symbols"))
        }
        let run: Int64? = try row.decode(atIndex: 8)
        self.init(
            id: id, energy: try row.decode(atIndex: 1), symbols: symbols, positions: positions,
            principalMoments: SIMD3(try row.decode(atIndex: 4), try row.decode(atIndex: 5), try row.decode(atIndex: 6)),
            timesFound: try row.decode(atIndex: 7), run: run.map(RunID.init(rawValue:)), step: try row.decode(atIndex: 9),
            foundAt: try row.decode(atIndex: 10))
    }
}
