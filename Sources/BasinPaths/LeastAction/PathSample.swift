import BasinAtoms
import BasinIO
import BasinPotentials

/// The trajectory at one time: positions, velocities and energies.
public struct PathSample: Sendable {
    /// t (time units).
    public var time: Double
    /// The structure at t, with its velocities (length / time).
    public var configuration: Configuration
    /// V(Q(t)) (energy units).
    public var potentialEnergy: Double
    /// ½ Σ m q̇² (energy units).
    public var kineticEnergy: Double

    public var totalEnergy: Double { potentialEnergy + kineticEnergy }

    /// An extxyz frame: positions and velocities, the potential energy as `energy` and the
    /// time and kinetic and total energy in the comment line.
    public var frame: Frame {
        Frame(configuration: configuration, energy: potentialEnergy, info: [
            "time": String(time), "kinetic_energy": String(kineticEnergy), "total_energy": String(totalEnergy),
        ])
    }

    /// The trajectory of `network` at `count` ≥ 2 evenly spaced times from 0 to T, with energies.
    public static func samples(of network: TrajectoryNetwork, problem: LeastActionProblem, count: Int) throws(LeastActionError) -> [PathSample] {
        precondition(count >= 2, "need at least the two end points")
        let calculator = Calculator(potential: problem.potential)
        var samples: [PathSample] = []
        samples.reserveCapacity(count)
        for index in 0..<count {
            let time = network.duration * Double(index) / Double(count - 1)
            let state = network.state(at: time)
            var configuration = problem.template
            configuration.positions = Self.vectors(state.positions)
            configuration.velocities = Self.vectors(state.velocities)
            let energy: Double
            do { energy = try calculator.evaluate(configuration, .energy).energy } catch { throw .potential(error) }
            samples.append(PathSample(time: time, configuration: configuration, potentialEnergy: energy, kineticEnergy: configuration.kineticEnergy))
        }
        return samples
    }

    static func vectors(_ flat: [Double]) -> [SIMD3<Double>] {
        (0..<flat.count / 3).map { SIMD3(flat[3 * $0], flat[3 * $0 + 1], flat[3 * $0 + 2]) }
    }
}
