import BasinCompression
import BasinMath
import Foundation
import GRDB
import Testing

@testable import BasinMinima

@Suite("Compressing Lennard-Jones minima and recovering them by Newton's method")
struct CompressedRecoveryTests {
    /// Analysis settings that keep the random sampling small in debug builds.
    static var settings: CompressionSettings {
        var settings = CompressionSettings()
        settings.samples = 200
        return settings
    }

    /// `positions` turned by a random proper rotation and shifted (atom order kept).
    static func rotated(_ positions: [SIMD3<Double>], generator: inout SeededGenerator) -> [SIMD3<Double>] {
        var q = SIMD4(generator.normal(), generator.normal(), generator.normal(), generator.normal())
        q /= (q * q).sum().squareRoot()
        let w = q.w, u = SIMD3(q.x, q.y, q.z)
        let shift = SIMD3(generator.uniform(), generator.uniform(), generator.uniform()) * 4 - 2
        return positions.map { v in
            let t = 2 * cross(u, v)
            return v + w * t + cross(u, t) + shift
        }
    }

    @Test("LJ7 to LJ13 decompress to their stored minima within 1e-10", arguments: 7...13)
    func recovery(atoms: Int) throws {
        let cluster = try Cluster(atoms: atoms)
        let report = try CompressionAnalysis.run(positions: cluster.positions, settings: Self.settings)
        let compressed = try CompressedMinimum(positions: cluster.positions, report: report)
        #expect(compressed.bits == report.levels.guaranteedBits)
        let data = compressed.encoded
        #expect(data.count * 2 < 24 * atoms, "\(data.count) bytes")
        let unpacked = try CompressedMinimum(encoded: data)
        #expect(unpacked == compressed)

        var generator = SeededGenerator(seed: UInt64(atoms))
        let verification = try unpacked.verify(against: Self.rotated(cluster.positions, generator: &generator))
        #expect(verification.passed)
        #expect(verification.distance <= 1e-10)
        #expect(verification.roundingDistance <= report.radius)
        #expect(abs(verification.storedEnergy - cluster.energy) <= 1e-9 * abs(cluster.energy))

        // The recovered positions keep the stored atom order: every pair distance is the same.
        let positions = try unpacked.decompress().positions
        for i in 0..<atoms {
            for j in (i + 1)..<atoms {
                let a = positions[i] - positions[j], b = cluster.positions[i] - cluster.positions[j]
                #expect(abs((a * a).sum().squareRoot() - (b * b).sum().squareRoot()) <= 1e-9)
            }
        }
    }

    @Test("a minimum without a guaranteed level is not compressed")
    func noGuaranteedBits() throws {
        let cluster = try Cluster(atoms: 7)
        var settings = Self.settings
        settings.bits = 0...2
        let report = try CompressionAnalysis.run(positions: cluster.positions, settings: settings)
        #expect(report.levels.guaranteedBits == nil)
        #expect(throws: CompressedMinimumError.noGuaranteedBits) {
            try CompressedMinimum(positions: cluster.positions, report: report)
        }
    }

    @Test("the database stores, verifies and flags damaged compressed minima")
    func database() throws {
        let path = try temporaryDatabasePath()
        let database = try MinimaDatabase(path: path)
        let cluster = try Cluster(atoms: 8)
        let good = try database.record(energy: cluster.energy, positions: cluster.positions, symbols: cluster.symbols)
        // Not Lennard-Jones: the stored energy is not that of the positions.
        let other = try Cluster(atoms: 9)
        let foreign = try database.record(energy: -3, positions: other.positions, symbols: other.symbols)
        // Lennard-Jones, but not a minimum: one atom pushed away.
        var pushed = try Cluster(atoms: 10).positions
        pushed[4] *= 1.05
        let saddle = try database.record(energy: try Cluster.energy(of: pushed), positions: pushed, symbols: Array(repeating: "X", count: 10))

        let compressed = try database.compress(try database.minimum(id: good.id), settings: Self.settings)
        #expect(compressed.refusal == nil)
        #expect(compressed.bytes == compressed.compressed?.encoded.count)
        let refused = try database.compress(try database.minimum(id: foreign.id), settings: Self.settings)
        #expect(refused.compressed == nil)
        #expect(refused.report == nil)
        #expect(refused.refusal?.contains("not a Lennard-Jones cluster") == true)
        let notMinimum = try database.compress(try database.minimum(id: saddle.id), settings: Self.settings)
        #expect(notMinimum.compressed == nil)
        #expect(notMinimum.refusal?.contains("not a minimum") == true)

        let stored = try database.storedCompressions()
        #expect(stored.map(\.id) == [good.id])
        #expect(stored.first?.bits == compressed.compressed?.bits)
        let check = try database.verifyCompression(stored[0])
        #expect(check.passed)
        #expect(try #require(check.verification).distance <= 1e-10)

        // A truncated blob and a bits column that disagrees are failed checks, not crashes.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE minima SET compressed = substr(compressed, 1, length(compressed) - 3) WHERE id = ?",
                           arguments: [good.id.rawValue])
        }
        let truncated = try database.verifyCompression(try database.storedCompressions()[0])
        #expect(!truncated.passed)
        #expect(truncated.failure?.contains("truncated") == true)
        var wrongBits = stored[0]
        wrongBits.bits = (wrongBits.bits ?? 0) + 1
        let mismatch = try database.verifyCompression(wrongBits)
        #expect(mismatch.failure?.contains("bits column") == true)
    }
}
