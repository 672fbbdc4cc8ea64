import BasinCompression
import BasinOptimize
import Foundation
import GRDB

extension MinimaDatabase {
    /// What `compress` did with one minimum.
    public struct CompressionOutcome: Sendable {
        public var id: MinimumID
        public var atoms: Int
        /// The analysis, when it ran to the end.
        public var report: CompressionReport?
        /// The compressed minimum now stored, or nil when the minimum was left uncompressed.
        public var compressed: CompressedMinimum?
        /// Length of the stored encoding (bytes), when compressed.
        public var bytes: Int?
        /// Why the minimum was left uncompressed.
        public var refusal: String?
    }

    /// A compressed minimum as stored: the `bits` and `compressed` columns of one row.
    public struct StoredCompression: Sendable {
        public var id: MinimumID
        /// The `bits` column (c_t), or nil when only the blob is there.
        public var bits: Int?
        /// The encoding (see `CompressedMinimum`).
        public var data: Data
    }

    /// What `verifyCompression` found for one stored compressed minimum.
    public struct CompressionCheck: Sendable {
        public var id: MinimumID
        public var atoms: Int
        public var bits: Int?
        public var bytes: Int
        /// The comparison, when the blob could be read and Newton's method converged.
        public var verification: CompressedVerification?
        /// Why the check failed before a comparison, when it did.
        public var failure: String?

        /// Whether the minimum decompressed to the stored one.
        public var passed: Bool { failure == nil && verification?.passed == true }
    }

    /// Largest relative difference between a stored energy and the Lennard-Jones energy of its
    /// positions for the minimum to count as a Lennard-Jones cluster in reduced units (the
    /// published cluster energies have six decimals).
    public static let lennardJonesEnergyTolerance = 1e-6

    /// Analyses `minimum` (`CompressionAnalysis`) and stores it at its guaranteed bits c_t: the
    /// `bits` column gets c_t and `compressed` the encoding. A minimum that is not a
    /// Lennard-Jones cluster in reduced units (its stored energy differs from
    /// E = 4 Σ (r⁻¹² − r⁻⁶) by more than `lennardJonesEnergyTolerance` relative), that the
    /// analysis rejects, that has no c_t in `settings.bits`, or for which Newton failed from
    /// some c ≥ c_t, is left uncompressed (both columns cleared) and the outcome says why.
    /// Throws only for database errors.
    public func compress(
        _ minimum: StoredMinimum, settings: CompressionSettings = CompressionSettings(),
        progress: ((CompressionAnalysis.Stage, Int, Int) -> Void)? = nil
    ) throws(MinimaDatabaseError) -> CompressionOutcome {
        var outcome = CompressionOutcome(id: minimum.id, atoms: minimum.count)
        if let refusal = Self.lennardJonesMismatch(minimum) {
            outcome.refusal = refusal
        } else {
            do {
                let report = try CompressionAnalysis.run(positions: minimum.positions, settings: settings, progress: progress)
                outcome.report = report
                if !report.levels.guaranteeHolds {
                    outcome.refusal = "Newton's method failed from a number of bits at or above c_t = \(report.levels.guaranteedBits ?? -1)"
                } else if report.levels.guaranteedBits == nil {
                    outcome.refusal = "no c in \(settings.bits.lowerBound)...\(settings.bits.upperBound) puts the rounded minimum within r₂ = \(report.radius)"
                } else {
                    outcome.compressed = try CompressedMinimum(positions: minimum.positions, report: report)
                }
            } catch let error as CompressionError {
                outcome.refusal = error.description
            } catch {
                outcome.refusal = "\(error)"
            }
        }
        let data = outcome.compressed?.encoded
        outcome.bytes = data?.count
        let file = path
        try write { db in
            try db.execute(sql: "UPDATE minima SET bits = ?, compressed = ? WHERE id = ?",
                           arguments: [outcome.compressed?.bits, data, minimum.id.rawValue])
            guard db.changesCount == 1 else { throw MinimaDatabaseError(file: file, .unknownMinimum(minimum.id)) }
        }
        return outcome
    }

    /// The stored compressed minima, by id; only those in `ids` when given.
    public func storedCompressions(ids: [MinimumID]? = nil) throws(MinimaDatabaseError) -> [StoredCompression] {
        var sql = "SELECT id, bits, compressed FROM minima WHERE compressed IS NOT NULL"
        var arguments: StatementArguments = []
        if let ids {
            sql += " AND id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))"
            arguments = StatementArguments(ids.map(\.rawValue))
        }
        sql += " ORDER BY id"
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                StoredCompression(
                    id: MinimumID(rawValue: try row.decode(atIndex: 0)), bits: try row.decode(atIndex: 1),
                    data: try row.decode(atIndex: 2))
            }
        }
    }

    /// Decompresses `stored` and compares it with the full-precision minimum of its row
    /// (`CompressedMinimum.verify`); a blob that cannot be read, a `bits` column that disagrees
    /// with it, or a failed Newton run is a failed check. Throws only for database errors.
    public func verifyCompression(_ stored: StoredCompression, threads: Int = 1) throws(MinimaDatabaseError) -> CompressionCheck {
        let minimum = try minimum(id: stored.id)
        var check = CompressionCheck(id: stored.id, atoms: minimum.count, bits: stored.bits, bytes: stored.data.count)
        do {
            let compressed = try CompressedMinimum(encoded: stored.data)
            guard compressed.bits == stored.bits else {
                check.failure = "the bits column (\(stored.bits.map(String.init) ?? "NULL")) disagrees with the \(compressed.bits) bits of the compressed blob"
                return check
            }
            check.verification = try compressed.verify(against: minimum.positions, threads: threads)
        } catch {
            check.failure = error.description
        }
        return check
    }

    /// Why `minimum` is not a Lennard-Jones cluster minimum in reduced units, or nil when it is.
    static func lennardJonesMismatch(_ minimum: StoredMinimum) -> String? {
        guard minimum.count >= 2 else { return "a single atom has nothing to compress" }
        var potential = ClusterLennardJones(atomCount: minimum.count)
        let x = minimum.positions.flatMap { [$0.x, $0.y, $0.z] }
        var gradient = [Double](repeating: 0, count: x.count)
        let energy = potential.evaluate(at: x, gradient: &gradient)
        let tolerance = lennardJonesEnergyTolerance * max(1, abs(minimum.energy))
        guard abs(energy - minimum.energy) <= tolerance else {
            return "not a Lennard-Jones cluster in reduced units: the stored energy \(minimum.energy) differs from E = 4 Σ (r⁻¹² − r⁻⁶) = \(energy)"
        }
        return nil
    }
}
