import BasinPotentials

/// One line of a thermodynamic log. Energies are totals over all atoms (energy units), not per
/// atom; LAMMPS prints them per atom in `lj` units (`thermo_modify norm yes`), so divide by
/// `atomCount` to compare with such logs.
public struct ThermodynamicSample: Sendable, Equatable, Codable {
    public let step: Int
    /// Simulated time (time units).
    public let time: Double
    public let atomCount: Int
    /// 2 KE / ((3N − 3) k_B), temperature units.
    public let temperature: Double
    public let potentialEnergy: Double
    public let kineticEnergy: Double
    /// Potential plus kinetic energy.
    public let totalEnergy: Double
    /// Total energy plus the thermostat's energy: constant up to integration error.
    public let conservedEnergy: Double
    /// LAMMPS `compute pressure` scalar (pressure units); nil unless the cell is periodic in all
    /// three directions.
    public let pressure: Double?
}

/// Records step, time, temperature, energies, pressure and the ensemble's conserved energy
/// (LAMMPS `thermo_style custom step time temp pe ke etotal press` plus the conserved quantity).
public final class ThermodynamicLog: Observer {
    /// Every sample taken, in order.
    public private(set) var samples: [ThermodynamicSample] = []
    private let onSample: ((ThermodynamicSample) -> Void)?

    /// - Parameter onSample: called with each new sample, e.g. to print a table row as the run goes.
    public init(onSample: ((ThermodynamicSample) -> Void)? = nil) {
        self.onSample = onSample
    }

    public var requiredProperties: Properties { [.energy, .virial] }

    public func observe(_ state: DynamicsState) {
        let kinetic = state.kineticEnergy
        let potential = state.evaluation.energy
        let total = potential + kinetic
        let sample = ThermodynamicSample(
            step: state.step, time: state.time, atomCount: state.atomCount,
            temperature: Thermodynamics.temperature(
                kineticEnergy: kinetic, degreesOfFreedom: state.degreesOfFreedom, units: state.configuration.units),
            potentialEnergy: potential, kineticEnergy: kinetic, totalEnergy: total,
            conservedEnergy: total + state.thermostatEnergy, pressure: state.pressure)
        samples.append(sample)
        onSample?(sample)
    }
}
