import BasinMath
import BasinOptimize
import BasinPotentials
import BasinAtoms
import Foundation
import Testing

@testable import BasinMinima

@Suite("Recording minima and recognising them again")
struct RecordingTests {
    @Test("the same minimum rotated, reflected, translated and permuted is stored once")
    func duplicateUnderRigidMotionAndPermutation() throws {
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let cluster = try Cluster(atoms: 13)
        var generator = SeededGenerator(seed: 13)
        let first = try database.record(energy: cluster.energy, positions: cluster.positions, symbols: cluster.symbols)
        let moved = randomlyMoved(cluster.positions, generator: &generator)
        let energy = try Cluster.energy(of: moved)
        #expect(abs(energy - cluster.energy) < 1e-9)
        #expect(moved != cluster.positions)
        let second = try database.record(energy: energy, positions: moved, symbols: cluster.symbols)
        #expect(first == .init(id: MinimumID(rawValue: 1), isNew: true, timesFound: 1))
        #expect(second == .init(id: first.id, isNew: false, timesFound: 2))
        #expect(try database.count == 1)
        let stored = try database.minimum(id: first.id)
        #expect(stored.timesFound == 2)
        // The first finding's coordinates are kept.
        #expect(stored.positions == cluster.positions)
    }

    @Test("LJ7's two lowest minima are kept apart, also when given equal energies")
    func distinctMinima() throws {
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let bipyramid = try Cluster(atoms: 7)
        let cappedOctahedron = try Self.cappedOctahedron()
        // The pentagonal bipyramid, E = −16.505384 ε (Wales & Doye, J. Phys. Chem. A 101, 5111
        // (1997)), lies about 0.57 ε below the capped octahedron.
        #expect(abs(bipyramid.energy + 16.505384) < 1e-6)
        #expect(cappedOctahedron.energy - bipyramid.energy > 0.5)
        let a = try database.record(energy: bipyramid.energy, positions: bipyramid.positions, symbols: bipyramid.symbols)
        let b = try database.record(energy: cappedOctahedron.energy, positions: cappedOctahedron.positions, symbols: bipyramid.symbols)
        // Claimed at the bipyramid's energy, the octahedron still differs by its fingerprint.
        let c = try database.record(energy: bipyramid.energy, positions: cappedOctahedron.positions, symbols: bipyramid.symbols)
        #expect(a.isNew && b.isNew && c.isNew)
        #expect(Set([a.id, b.id, c.id]).count == 3)
        #expect(try database.count == 3)
    }

    @Test("a different composition of the same geometry is another minimum")
    func composition() throws {
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let cluster = try Cluster(atoms: 13)
        var symbols = cluster.symbols
        try database.record(energy: cluster.energy, positions: cluster.positions, symbols: symbols)
        symbols[0] = "Y"
        let other = try database.record(energy: cluster.energy, positions: cluster.positions, symbols: symbols)
        #expect(other.isNew)
        #expect(try database.minimum(id: other.id).composition == "X12Y")
    }

    @Test("runs keep their kind, parameters, seed, steps and times, and minima their run and step")
    func runs() throws {
        struct Settings: Encodable { var temperature = 0.8; var steps = 100; var label = "lj/13" }
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let cluster = try Cluster(atoms: 13)
        let before = Date()
        let run = try database.startRun(kind: "basin-hopping", parameters: Settings(), seed: UInt64.max - 1)
        try database.record(energy: cluster.energy, positions: cluster.positions, symbols: cluster.symbols, run: run, step: 7)
        var stored = try database.run(id: run)
        #expect(stored.kind == "basin-hopping")
        #expect(stored.parameters == #"{"label":"lj/13","steps":100,"temperature":0.8}"#)
        #expect(stored.seed == UInt64.max - 1)
        #expect(stored.finishedAt == nil && stored.steps == nil)
        #expect(stored.startedAt.timeIntervalSince(before) > -0.01)
        try database.finishRun(run, steps: 100)
        stored = try database.run(id: run)
        #expect(stored.steps == 100)
        #expect(try #require(stored.finishedAt) >= stored.startedAt)
        let minimum = try database.minimum(id: MinimumID(rawValue: 1))
        #expect(minimum.run == run && minimum.step == 7)
        #expect(try database.runs().map(\.id) == [run])

        let missing = RunID(rawValue: 99)
        #expect(throws: MinimaDatabaseError(file: database.path, .unknownRun(missing))) {
            try database.finishRun(missing, steps: 1)
        }
        #expect(throws: MinimaDatabaseError(file: database.path, .unknownRun(missing))) {
            try database.record(energy: -1, positions: [.zero, SIMD3(1.1, 0, 0)], symbols: ["X", "X"], run: missing)
        }
        #expect(throws: MinimaDatabaseError.self) {
            try database.startRun(kind: "bad", parameters: ["temperature": Double.nan])
        }
    }

    @Test("inconsistent minima are refused with the reason")
    func invalidMinima() throws {
        let database = try MinimaDatabase(path: try temporaryDatabasePath())
        let pair: [SIMD3<Double>] = [.zero, SIMD3(1.1, 0, 0)]
        let cases: [(Double, [SIMD3<Double>], [String], String)] = [
            (-1, [], [], "it has no atoms"),
            (-1, pair, ["X"], "1 symbols for 2 atoms"),
            (.nan, pair, ["X", "X"], "the energy is not finite"),
            (-1, [.zero, SIMD3(.infinity, 0, 0)], ["X", "X"], "the position of atom 2 is not finite"),
            (-1, pair, ["X", "A B"], "the label 'A B' is empty or contains whitespace"),
        ]
        for (energy, positions, symbols, reason) in cases {
            #expect(throws: MinimaDatabaseError(file: database.path, .invalidMinimum(reason))) {
                try database.record(energy: energy, positions: positions, symbols: symbols)
            }
        }
        #expect(try database.count == 0)
    }

    /// LJ7's second-lowest minimum: an octahedron with one face capped, relaxed.
    static func cappedOctahedron() throws -> Cluster {
        let a = 1.12 / 2.0.squareRoot()
        var positions: [SIMD3<Double>] = [
            SIMD3(a, 0, 0), SIMD3(-a, 0, 0), SIMD3(0, a, 0), SIMD3(0, -a, 0), SIMD3(0, 0, a), SIMD3(0, 0, -a),
        ]
        positions.append(SIMD3(repeating: 1.2 * a))
        var configuration = try Configuration(
            symbols: Array(repeating: "X", count: 7), positions: positions, units: .lennardJones)
        let calculator = Calculator(potential: try LennardJones(cutoff: nil))
        let result = try MinimizationMethod.lbfgs.minimizer().relax(
            &configuration, calculator: calculator, until: StoppingCriteria(maximumForce: 1e-8, maximumSteps: 2_000))
        #expect(result.converged)
        var cluster = try Cluster(atoms: 7)
        cluster.positions = configuration.positions
        cluster.energy = result.value
        return cluster
    }
}
