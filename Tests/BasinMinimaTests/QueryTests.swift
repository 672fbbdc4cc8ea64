import BasinIO
import Foundation
import Testing

@testable import BasinMinima

@Suite("Querying and exporting minima")
struct QueryTests {
    /// A database holding the global minima of LJ3…LJ10, each once.
    static func clusters() throws -> (MinimaDatabase, [Cluster]) {
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let clusters = try (3...10).map { try Cluster(atoms: $0) }
        for cluster in clusters {
            try database.record(energy: cluster.energy, positions: cluster.positions, symbols: cluster.symbols)
        }
        return (database, clusters)
    }

    @Test("an energy range returns the minima inside it, lowest first")
    func energyRange() throws {
        let (database, clusters) = try Self.clusters()
        // LJ5 = −9.103852, LJ6 = −12.712062, LJ7 = −16.505384, LJ8 = −19.821489 (Wales & Doye 1997).
        let inside = try database.minima(energyRange: -19.9 ... -9.1)
        #expect(inside.map(\.count) == [8, 7, 6, 5])
        #expect(inside.map(\.energy) == inside.map(\.energy).sorted())
        #expect(try database.count(energyRange: -19.9 ... -9.1) == 4)
        #expect(try database.minima(energyRange: 0 ... 1).isEmpty)
        // Bounds are inclusive, and a limit keeps the lowest.
        let lj6 = clusters[3].energy
        #expect(try database.minima(energyRange: lj6 ... lj6).map(\.count) == [6])
        #expect(try database.minima(limit: 2).map(\.count) == [10, 9])
        #expect(try database.minima().count == clusters.count)
    }

    @Test("an unknown id is an error naming the file")
    func unknownMinimum() throws {
        let (database, _) = try Self.clusters()
        let error = #expect(throws: MinimaDatabaseError.self) { try database.minimum(id: MinimumID(rawValue: 42)) }
        #expect(error?.description == "\(database.path): no minimum with id 42")
    }

    @Test("exported extxyz reads back with the same positions, energies and symbols")
    func exportRoundTrip() throws {
        let (database, clusters) = try Self.clusters()
        let url = URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent("minima.xyz")
        #expect(try database.exportExtendedXYZ(to: url, energyRange: -20 ... -5) == 5)
        let frames = try ExtendedXYZ.read(from: url, units: .lennardJones)
        let expected = try database.minima(energyRange: -20 ... -5)
        #expect(frames.count == expected.count)
        for (frame, minimum) in zip(frames, expected) {
            let source = try #require(clusters.first { $0.positions.count == minimum.count })
            #expect(frame.energy == source.energy)
            #expect(frame.configuration.symbols == source.symbols)
            #expect(frame.configuration.cell.periodic == [false, false, false])
            #expect(frame.info["id"] == "\(minimum.id)")
            #expect(frame.info["times_found"] == "1")
            for (a, b) in zip(frame.configuration.positions, source.positions) {
                #expect(((a - b) * (a - b)).sum().squareRoot() <= 1e-12)
            }
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.split(separator: "\n")[1].contains("energy=\(expected[0].energy)"))
    }

    @Test("coordinate blobs are little-endian Float64, 24 bytes per atom")
    func blobLayout() throws {
        let positions = [SIMD3(1.0, -2.5, 0.1), SIMD3(3e-300, .pi, -0.0)]
        let data = CoordinateBlob.encode(positions)
        #expect(data.count == 48)
        #expect(Array(data.prefix(8)) == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        #expect(CoordinateBlob.positions(data) == positions)
        #expect(CoordinateBlob.positions(data.dropLast(8)) == nil)
    }
}
