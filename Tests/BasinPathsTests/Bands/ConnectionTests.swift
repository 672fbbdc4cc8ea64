import BasinMinima
import BasinOptimize
import BasinPaths
import BasinPotentials
import Foundation
import Testing

@Suite struct ConnectionTests {
    @Test func mullerBrownConnectsAToBThroughC() throws {
        let surface = MullerBrown()
        let a = surface.minimum(near: [-0.55, 1.45]), b = surface.minimum(near: [0.62, 0.03])
        let connection = MinimumConnection(search: BandSearch(
            settings: BandSettings(springConstant: 50), fire: FIRE(maximumStep: 0.02),
            relaxation: StoppingCriteria(maximumForce: 5, maximumSteps: 2000),
            climbing: StoppingCriteria(maximumForce: 1e-3, maximumSteps: 20_000)))
        let result = try connection.connect(on: surface, from: a, to: b) { from, to, _ in
            (1...9).map { k in zip(from, to).map { $0 + Double(k) / 10 * ($1 - $0) } }
        }
        #expect(result.isConnected)
        let path = try #require(result.path)
        #expect(path.minima.count == 3 && path.transitionStates.count == 2)
        let middle = result.minima[path.minima[1]]
        #expect(abs(middle.point[0] - -0.050) < 1e-3 && abs(middle.point[1] - 0.467) < 1e-3)
        #expect(abs(try #require(result.highestTransitionState) - -40.665) < 1e-3)
        let barriers = path.transitionStates.map { result.transitionStates[$0].saddle.value }.sorted()
        #expect(abs(barriers[0] - -72.249) < 1e-3)
    }

    @Test func lj7MinimaTwoRearrangementsApartAreConnectedAndStored() throws {
        // Two minima reached from the pentagonal bipyramid through different saddles (the capped
        // octahedron, −15.935043 ε, and another).
        let surface = try ClusterFixtures.surface(LennardJones(cutoff: nil), atoms: 7)
        let (pbp, first, _) = try ClusterFixtures.adjacentMinima(surface, from: ClusterFixtures.lj7)
        let (x, y, _) = try ClusterFixtures.adjacentMinima(surface, from: pbp.point, avoiding: first)
        let second = surface.sameMinimum(x.point, value: x.value, pbp.point, value: pbp.value) ? y : x
        #expect(abs(first.value - -15.935043) < 1e-6 && !surface.sameMinimum(second.point, value: second.value, pbp.point, value: pbp.value))
        let connection = MinimumConnection(search: BandSearch(climbing: StoppingCriteria(maximumForce: 1e-4, maximumSteps: 2000)))
        let result = try connection.connect(on: surface, from: first, to: second) { from, to, attempt in
            BandInterpolation.idpp.images(from: from, to: to, count: 7 << attempt)
        }
        #expect(result.isConnected)
        let path = try #require(result.path)
        #expect(path.minima.first == 0 && path.minima.last == 1 && path.minima.count == path.transitionStates.count + 1)
        for (k, t) in path.transitionStates.enumerated() {
            let ends = result.transitionStates[t].minima
            #expect(Set([ends.0, ends.1]) == Set([path.minima[k], path.minima[k + 1]]))
        }
        for t in result.transitionStates { #expect(t.negativeEigenvalue < 0) }

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("connection-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let database = try MinimaDatabase(path: file)
        let run = try database.startRun(kind: "connection", parameters: ["bands": result.bands])
        let ids = try result.store(in: database, symbols: Array(repeating: "X", count: 7), run: run)
        #expect(try database.count == result.minima.count)
        let stored = try database.transitionStates()
        #expect(stored.count == result.transitionStates.count)
        for (t, id) in zip(result.transitionStates, ids.transitionStates) {
            let row = try #require(stored.first { $0.id == id })
            #expect(row.energy == t.saddle.value)
            #expect(Set([row.minima.0, row.minima.1]) == Set([ids.minima[t.minima.0], ids.minima[t.minima.1]]))
        }
        // Storing again adds nothing.
        try result.store(in: database, symbols: Array(repeating: "X", count: 7), run: run)
        #expect(try database.transitionStates().count == stored.count)
        #expect(try database.count == result.minima.count)
        // Going on from the stored graph needs no band.
        let known = try MinimumConnectionResult(storedIn: database, symbols: Array(repeating: "X", count: 7))
        #expect(known.transitionStates.count == stored.count)
        let resumed = try connection.connect(
            on: surface, from: first, to: second, interpolate: { _, _, _ in [] }, known: known)
        #expect(resumed.isConnected && resumed.bands == 0)
        #expect(resumed.highestTransitionState == result.highestTransitionState)
    }
}
