import BasinMath
import BasinMinima
import Foundation
import Testing

/// Recording speed on a basin-hopping-like stream: 10,000 minima of 38 atoms, 100 distinct
/// ones each found about 100 times under random rigid motions and permutations.
/// Run in a release build with `BASIN_LONG_TESTS=1`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BASIN_LONG_TESTS"] == "1"))
struct RecordingBenchmark {
    @Test func recordTenThousandMinimaOf38Atoms() throws {
        let cluster = try Cluster(atoms: 38)
        var generator = SeededGenerator(seed: 38)
        let distinct = try (0..<100).map { _ in
            let positions = cluster.positions.map { $0 + 0.05 * generator.normal3() }
            return (positions: positions, energy: try Cluster.energy(of: positions))
        }
        let stream = (0..<10_000).map { _ in
            let k = Int.random(in: 0..<distinct.count, using: &generator)
            return (energy: distinct[k].energy, positions: randomlyMoved(distinct[k].positions, generator: &generator))
        }
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let run = try database.startRun(kind: "benchmark", parameters: ["minima": stream.count], seed: 38)
        let start = Date()
        var added = 0
        for (step, minimum) in stream.enumerated() {
            let outcome = try database.record(
                energy: minimum.energy, positions: minimum.positions, symbols: cluster.symbols, run: run, step: step)
            if outcome.isNew { added += 1 }
        }
        let seconds = Date().timeIntervalSince(start)
        try database.finishRun(run, steps: stream.count)
        print(String(format: "recorded %d minima of 38 atoms (%d new) in %.3f s: %.1f µs per record",
                     stream.count, added, seconds, seconds / Double(stream.count) * 1e6))
        #expect(added == distinct.count)
        #expect(try database.count == distinct.count)
        #expect(try database.minima().map(\.timesFound).reduce(0, +) == stream.count)
    }
}
