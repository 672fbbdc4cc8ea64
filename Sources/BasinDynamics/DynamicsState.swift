import BasinAtoms
import BasinMath
import BasinPotentials

/// Everything an integrator advances: the configuration (positions, velocities, masses), the
/// forces at the current positions, the clock and the thermostat's share of the conserved energy.
///
/// Invariants: `configuration.velocities` is never nil and has one entry per atom; positions are
/// not wrapped into the cell, so displacements are direct; `evaluation` belongs to the current
/// positions, always holds forces, and holds the other members of `evaluatedProperties`.
/// Integrators update the state in place (compare JAX-MD's `NVEState`).
public struct DynamicsState: Sendable {
    public var configuration: Configuration
    /// The calculator's result at the current positions.
    public var evaluation: Evaluation
    /// What `evaluation` holds for the current positions (empty before the first evaluation).
    public var evaluatedProperties: Properties = []
    /// Number of steps taken.
    public var step = 0
    /// Simulated time (time units).
    public var time = 0.0
    /// The thermostat's part of the conserved energy (energy units): zero for NVE, the energy
    /// of the chain variables for Nosé–Hoover, minus the heat taken from the bath for Langevin.
    public var thermostatEnergy = 0.0
    /// Threads the O(N) update loops use (the simulation sets the calculator's).
    public var threads = 1

    /// The state at step 0, time 0, for `configuration`; missing velocities become zeros.
    public init(configuration: Configuration) throws(DynamicsError) {
        let n = configuration.count
        guard configuration.masses.count == n else {
            throw .invalidConfiguration("\(configuration.masses.count) masses for \(n) atoms")
        }
        if let velocities = configuration.velocities, velocities.count != n {
            throw .invalidConfiguration("\(velocities.count) velocities for \(n) atoms")
        }
        for (i, m) in configuration.masses.enumerated() where !(m.isFinite && m > 0) {
            throw .invalidConfiguration("the mass of atom \(i + 1) must be positive, got \(m)")
        }
        self.configuration = configuration
        if self.configuration.velocities == nil {
            self.configuration.velocities = Array(repeating: .zero, count: n)
        }
        evaluation = Evaluation()
    }

    /// Number of atoms.
    public var atomCount: Int { configuration.count }

    /// ½ Σ m v² (energy units).
    public var kineticEnergy: Double { configuration.kineticEnergy }

    /// 3N − 3: the total momentum is conserved by every integrator here.
    public var degreesOfFreedom: Int { Thermodynamics.degreesOfFreedom(atomCount: atomCount) }

    /// Instantaneous temperature 2 KE / (N_dof k_B).
    public var temperature: Double {
        Thermodynamics.temperature(kineticEnergy: kineticEnergy, degreesOfFreedom: degreesOfFreedom, units: configuration.units)
    }

    /// Potential energy (energy units), when it was evaluated at this step.
    public var potentialEnergy: Double? { evaluatedProperties.contains(.energy) ? evaluation.energy : nil }

    /// Potential plus kinetic energy, when the potential energy was evaluated at this step.
    public var totalEnergy: Double? { potentialEnergy.map { $0 + kineticEnergy } }

    /// Total energy plus `thermostatEnergy`: the quantity the ensemble's dynamics conserve up to
    /// integration error, when the potential energy was evaluated at this step.
    public var conservedEnergy: Double? { totalEnergy.map { $0 + thermostatEnergy } }

    /// Scalar pressure as LAMMPS `compute pressure` gives it (pressure units), when the virial was
    /// evaluated at this step and the cell is periodic in all three directions.
    public var pressure: Double? {
        let cell = configuration.cell
        guard evaluatedProperties.contains(.virial), cell.periodic.allSatisfy({ $0 }) else { return nil }
        return Thermodynamics.pressure(
            kineticEnergy: kineticEnergy, virial: evaluation.virial, volume: cell.volume, units: configuration.units)
    }

    /// Total momentum Σ m v (mass × velocity units).
    public var momentum: SIMD3<Double> {
        var p = SIMD3<Double>.zero
        for (m, v) in zip(configuration.masses, configuration.velocities!) { p += m * v }
        return p
    }
}
