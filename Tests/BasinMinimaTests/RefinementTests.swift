import BasinCompression
import BasinMath
import Foundation
import Testing

@testable import BasinMinima

@Suite("Stored minima are polished by Newton's method before compression")
struct RefinementTests {
    /// LJ13 with every coordinate moved by up to `size`, as a search stopping at its own force
    /// tolerance leaves it.
    static func roughCluster(size: Double) throws -> (Cluster, [SIMD3<Double>]) {
        let cluster = try Cluster(atoms: 13)
        var generator = SeededGenerator(seed: 9)
        let rough = cluster.positions.map { p in
            p + size * SIMD3(2 * generator.uniform() - 1, 2 * generator.uniform() - 1, 2 * generator.uniform() - 1)
        }
        return (cluster, rough)
    }

    @Test("a minimum a little off is refined back to the minimum, near where it was")
    func refinementReturnsToTheMinimum() throws {
        let (cluster, rough) = try Self.roughCluster(size: 1e-5)
        let refined = try MinimumRefinement.refine(rough, tolerance: 1e-6, largestDisplacement: 1e-3).get()
        #expect(refined.gradientNorm <= 1e-11)
        #expect(refined.displacement < 1e-4)
        // The same minimum as the published one polished alike: equal pair distances.
        let exact = try MinimumRefinement.refine(cluster.positions, tolerance: 1e-6, largestDisplacement: 1e-3).get()
        #expect(Self.largestDistanceDifference(refined.positions, exact.positions) < 1e-8)
    }

    /// Largest difference between the pair distances of two structures (same atom order).
    static func largestDistanceDifference(_ a: [SIMD3<Double>], _ b: [SIMD3<Double>]) -> Double {
        var largest = 0.0
        for i in a.indices {
            for j in a.indices where j > i {
                let da = ((a[i] - a[j]) * (a[i] - a[j])).sum().squareRoot(), db = ((b[i] - b[j]) * (b[i] - b[j])).sum().squareRoot()
                largest = max(largest, abs(da - db))
            }
        }
        return largest
    }

    @Test("a structure far from a minimum is not taken for one")
    func farStructureIsRefused() throws {
        let (_, rough) = try Self.roughCluster(size: 0.2)
        let result = MinimumRefinement.refine(rough, tolerance: 1e-6, largestDisplacement: 1e-3)
        guard case .failure(let failure) = result else {
            Issue.record("a structure 0.2 σ off was refined")
            return
        }
        #expect(!failure.reason.isEmpty)
    }

    @Test("compress refines a minimum stored at a loose tolerance, stores the polished one and compresses it")
    func compressRefinesFirst() throws {
        let (cluster, rough) = try Self.roughCluster(size: 1e-5)
        let energy = MinimaDatabase.lennardJonesEnergy(rough)
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        try database.record(energy: energy, positions: rough, symbols: cluster.symbols)
        let stored = try database.minimum(id: MinimumID(rawValue: 1))
        // The old behaviour: the analysis refuses the rough minimum outright.
        #expect(throws: CompressionError.self) {
            try CompressionAnalysis.run(positions: stored.positions, settings: Self.settings)
        }
        let outcome = try database.compress(stored, settings: Self.settings)
        #expect(outcome.isMinimum && !outcome.failed)
        #expect(outcome.compressed != nil, "\(outcome.refusal ?? "")")
        #expect((outcome.refinement ?? 1) < 1e-4)
        let polished = try database.minimum(id: MinimumID(rawValue: 1))
        #expect(polished.positions != rough)
        #expect(abs(polished.energy - cluster.energy) < 1e-9)
        // Decompressing finds the stored (polished) minimum again, to db verify's 1e-10.
        let check = try database.verifyCompression(try #require(database.storedCompressions().first))
        #expect(check.passed, "\(String(describing: check.verification)) \(check.failure ?? "")")
        // The polished minimum is still the same minimum: recording LJ13 again finds it.
        #expect(try database.record(energy: cluster.energy, positions: cluster.positions, symbols: cluster.symbols).isNew == false)
    }

    static var settings: CompressionSettings {
        var settings = CompressionSettings()
        settings.samples = 200
        return settings
    }
}
