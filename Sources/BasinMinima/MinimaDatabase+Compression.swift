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
        /// Whether it is a Lennard-Jones minimum: a reduced-units cluster that Newton's method
        /// refined, without leaving it, to a positive definite Hessian and a gradient within tolerance.
        public var isMinimum = false
        /// Largest distance an atom moved in the refinement (reduced length units), for a minimum.
        public var refinement: Double?

        /// Whether a true minimum was left uncompressed: the analysis found no guaranteed level.
        public var failed: Bool { isMinimum && compressed == nil }
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

    /// Refines `minimum` and stores it at its guaranteed bits c_t: the `bits` column gets c_t
    /// and `compressed` the encoding.
    ///
    /// A search stops at its own force tolerance (basin hop's --fmax), usually above the
    /// analysis's `settings.gradientTolerance`; so the minimum is first polished by Newton's
    /// method (`MinimumRefinement`) to the level of rounding. When
    /// that moves no atom farther than `matching.length` and the energy by at most
    /// `matching.energy` — the same minimum, in the database's own sense — the refined
    /// positions, energy and fingerprint replace the stored ones; then the minimum is analysed
    /// (`CompressionAnalysis`).
    ///
    /// A minimum is left uncompressed (both columns cleared) and the outcome says why when it
    /// is not a Lennard-Jones cluster in reduced units (its stored energy differs from
    /// E = 4 Σ (r⁻¹² − r⁻⁶) by more than `lennardJonesEnergyTolerance` relative), when no
    /// minimum is near it (`isMinimum` false), or, for a true minimum, when it has no c_t in
    /// `settings.bits` or Newton failed from some c ≥ c_t (`failed` true). Throws only for
    /// database errors.
    public func compress(
        _ minimum: StoredMinimum, settings: CompressionSettings = CompressionSettings(),
        progress: ((CompressionAnalysis.Stage, Int, Int) -> Void)? = nil
    ) throws(MinimaDatabaseError) -> CompressionOutcome {
        var outcome = CompressionOutcome(id: minimum.id, atoms: minimum.count)
        var positions = minimum.positions
        var replacement: (positions: [SIMD3<Double>], energy: Double)?
        if let refusal = Self.lennardJonesMismatch(minimum) {
            outcome.refusal = refusal
        } else {
            switch MinimumRefinement.refine(
                minimum.positions, tolerance: settings.gradientTolerance, largestDisplacement: matching.length,
                threads: settings.threads)
            {
            case .failure(let failure):
                outcome.refusal = "not a minimum: \(failure.reason)"
            case .success(let refined):
                let energy = Self.lennardJonesEnergy(refined.positions)
                if abs(energy - minimum.energy) > matching.energy {
                    outcome.refusal = "not a minimum: Newton's method changed the energy from \(minimum.energy) to \(energy)"
                } else {
                    outcome.isMinimum = true
                    outcome.refinement = refined.displacement
                    if refined.positions != positions {
                        positions = refined.positions
                        replacement = (positions, energy)
                    }
                    analyse(positions, settings: settings, progress: progress, into: &outcome)
                }
            }
        }
        let data = outcome.compressed?.encoded
        outcome.bytes = data?.count
        let file = path
        try write { db in
            if let replacement { try Self.replacePositions(of: minimum.id, with: replacement.positions, energy: replacement.energy, in: db) }
            try db.execute(sql: "UPDATE minima SET bits = ?, compressed = ? WHERE id = ?",
                           arguments: [outcome.compressed?.bits, data, minimum.id.rawValue])
            guard db.changesCount == 1 else { throw MinimaDatabaseError(file: file, .unknownMinimum(minimum.id)) }
        }
        return outcome
    }

    /// Runs the compression analysis of a true minimum at `positions` and fills `outcome`.
    private func analyse(
        _ positions: [SIMD3<Double>], settings: CompressionSettings, progress: ((CompressionAnalysis.Stage, Int, Int) -> Void)?,
        into outcome: inout CompressionOutcome
    ) {
        do {
            let report = try CompressionAnalysis.run(positions: positions, settings: settings, progress: progress)
            outcome.report = report
            if !report.levels.guaranteeHolds {
                outcome.refusal = "Newton's method failed from a number of bits at or above c_t = \(report.levels.guaranteedBits ?? -1)"
            } else if report.levels.guaranteedBits == nil {
                outcome.refusal = "no c in \(settings.bits.lowerBound)...\(settings.bits.upperBound) puts the rounded minimum within r₂ = \(report.radius)"
            } else {
                outcome.compressed = try CompressedMinimum(positions: positions, report: report)
            }
        } catch let error as CompressionError {
            outcome.refusal = error.description
        } catch {
            outcome.refusal = "\(error)"
        }
    }

    /// Replaces a minimum's positions, energy and fingerprint inside the caller's transaction.
    private static func replacePositions(of id: MinimumID, with positions: [SIMD3<Double>], energy: Double, in db: Database) throws {
        let fingerprint = MinimumFingerprint(energy: energy, positions: positions)
        let moments = fingerprint.principalMoments
        try db.execute(
            sql: """
                UPDATE minima SET energy = ?, positions = ?, moment_1 = ?, moment_2 = ?, moment_3 = ?, centroid_distances = ?
                WHERE id = ?
                """,
            arguments: [energy, CoordinateBlob.encode(positions), moments.x, moments.y, moments.z,
                        CoordinateBlob.encode(fingerprint.centroidDistances), id.rawValue])
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
        let energy = lennardJonesEnergy(minimum.positions)
        let tolerance = lennardJonesEnergyTolerance * max(1, abs(minimum.energy))
        guard abs(energy - minimum.energy) <= tolerance else {
            return "not a Lennard-Jones cluster in reduced units: the stored energy \(minimum.energy) differs from E = 4 Σ (r⁻¹² − r⁻⁶) = \(energy)"
        }
        return nil
    }

    /// E = 4 Σ (r⁻¹² − r⁻⁶) over every pair (reduced units).
    static func lennardJonesEnergy(_ positions: [SIMD3<Double>]) -> Double {
        var potential = ClusterLennardJones(atomCount: positions.count)
        let x = positions.flatMap { [$0.x, $0.y, $0.z] }
        var gradient = [Double](repeating: 0, count: x.count)
        return potential.evaluate(at: x, gradient: &gradient)
    }
}
