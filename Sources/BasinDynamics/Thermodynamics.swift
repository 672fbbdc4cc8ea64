import BasinAtoms
import BasinMath

/// Instantaneous temperature and pressure, defined as LAMMPS defines them so that logs compare
/// directly (`compute temp`, `compute pressure`).
public enum Thermodynamics {
    /// Degrees of freedom of N atoms whose total momentum is conserved: 3N − 3 (0 for N ≤ 1), as
    /// LAMMPS `compute temp` counts them.
    public static func degreesOfFreedom(atomCount: Int) -> Int { max(0, 3 * atomCount - 3) }

    /// T = 2 KE / (N_dof k_B), in the temperature unit of `units`; zero without degrees of freedom.
    /// - Parameter kineticEnergy: ½ Σ m v² in energy units.
    public static func temperature(kineticEnergy: Double, degreesOfFreedom: Int, units: UnitSystem) -> Double {
        degreesOfFreedom > 0 ? 2 * kineticEnergy / (Double(degreesOfFreedom) * units.boltzmann) : 0
    }

    /// The scalar pressure of LAMMPS `compute pressure`,
    /// P = (N_dof k_B T + tr W) / (3V) = (2 KE + tr W) / (3V),
    /// converted to the pressure unit of `units` (LAMMPS `nktv2p`). The kinetic term uses the
    /// same 3N − 3 degrees of freedom as the temperature, so it equals (N − 1) k_B T / V.
    /// - Parameters:
    ///   - kineticEnergy: ½ Σ m v² (energy units).
    ///   - virial: W = Σ_pairs r_ij ⊗ f_ij (energy units), as in `Evaluation.virial`.
    ///   - volume: cell volume (length³).
    public static func pressure(kineticEnergy: Double, virial: Matrix3, volume: Double, units: UnitSystem) -> Double {
        (2 * kineticEnergy + virial.trace) / (3 * volume) * units.energyDensityToPressure
    }
}
