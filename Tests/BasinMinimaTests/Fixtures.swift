import BasinAtoms
import BasinIO
import BasinMath
import BasinPotentials
import BasinTestSupport
import Foundation

/// A published Lennard-Jones cluster global minimum from `data/lj-clusters` (reduced units).
struct Cluster {
    var positions: [SIMD3<Double>]
    var symbols: [String]
    /// The energy recomputed from the positions, E = 4 Σ (r⁻¹² − r⁻⁶).
    var energy: Double

    init(atoms: Int) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.appendingPathComponent("data/lj-clusters/LJ\(atoms).xyz")
        let configuration = try ExtendedXYZ.read(from: url, units: .lennardJones)[0].configuration
        positions = configuration.positions
        symbols = configuration.symbols
        energy = try Cluster.energy(of: positions)
    }

    /// The Lennard-Jones energy (ε = σ = 1, every pair) of a cluster of dummy atoms.
    static func energy(of positions: [SIMD3<Double>]) throws -> Double {
        let calculator = Calculator(potential: try LennardJones(cutoff: nil))
        let configuration = try Configuration(
            symbols: Array(repeating: "X", count: positions.count), positions: positions, units: .lennardJones)
        return try calculator.evaluate(configuration, .energy).energy
    }
}

/// The same cluster seen differently: a random proper or improper rotation about the origin, a
/// random translation and a random order of the atoms.
func randomlyMoved(_ positions: [SIMD3<Double>], generator: inout SeededGenerator) -> [SIMD3<Double>] {
    // A uniformly random unit quaternion (w, u) rotates v to v + 2w (u × v) + 2 u × (u × v).
    var q = SIMD4(generator.normal(), generator.normal(), generator.normal(), generator.normal())
    q /= (q * q).sum().squareRoot()
    let w = q.w, u = SIMD3(q.x, q.y, q.z)
    let mirror: Double = generator.uniform() < 0.5 ? -1 : 1
    let shift = 10 * SIMD3(generator.uniform() - 0.5, generator.uniform() - 0.5, generator.uniform() - 0.5)
    let moved = positions.map { v in
        let t = 2 * cross(u, v)
        return mirror * (v + w * t + cross(u, t)) + shift
    }
    return moved.shuffled(using: &generator)
}

func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

/// A path for a new database file in a fresh temporary directory.
func temporaryDatabasePath(_ name: String = "minima.db") throws -> String {
    let directory = try ScratchDirectory.make("minima")
    return directory.appendingPathComponent(name).path
}
