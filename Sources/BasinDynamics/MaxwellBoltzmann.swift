import BasinAtoms
import BasinMath

/// Random velocities from the Maxwell–Boltzmann distribution, as LAMMPS
/// `velocity all create T seed dist gaussian mom yes`: each component is drawn from a normal
/// distribution of variance k_B T / (m · mvv2e), the total momentum is removed, and the
/// velocities are scaled so that the temperature (3N − 3 degrees of freedom) is exactly T.
public enum MaxwellBoltzmann {
    /// Velocities (length / time units) for the atoms of `configuration` at `temperature`.
    /// - Throws: for a negative temperature, or fewer than two atoms when T > 0 (a single atom
    ///   with zero momentum cannot move).
    public static func velocities(
        for configuration: Configuration, temperature: Double, generator: inout SeededGenerator
    ) throws(DynamicsError) -> [SIMD3<Double>] {
        try DynamicsError.requireNonNegative(temperature, "the temperature")
        let n = configuration.count
        guard temperature > 0 else { return Array(repeating: .zero, count: n) }
        let dof = Thermodynamics.degreesOfFreedom(atomCount: n)
        guard dof > 0 else { throw .invalidConfiguration("a temperature needs at least two atoms") }
        let units = configuration.units
        let masses = configuration.masses
        let kT = units.boltzmann * temperature
        var velocities = masses.map { m in (kT / (m * units.massVelocitySquaredToEnergy)).squareRoot() * generator.normal3() }
        // Remove the centre-of-mass velocity: v_i ← v_i − P/M.
        var momentum = SIMD3<Double>.zero
        for i in 0..<n { momentum += masses[i] * velocities[i] }
        let centreOfMass = momentum / masses.reduce(0, +)
        var twiceKinetic = 0.0
        for i in 0..<n {
            velocities[i] -= centreOfMass
            twiceKinetic += masses[i] * dot(velocities[i], velocities[i])
        }
        let current = Thermodynamics.temperature(
            kineticEnergy: 0.5 * twiceKinetic * units.massVelocitySquaredToEnergy, degreesOfFreedom: dof, units: units)
        let scale = (temperature / current).squareRoot()
        return velocities.map { scale * $0 }
    }

    /// Sets `configuration.velocities` to Maxwell–Boltzmann velocities at `temperature`.
    public static func assign(
        to configuration: inout Configuration, temperature: Double, generator: inout SeededGenerator
    ) throws(DynamicsError) {
        configuration.velocities = try velocities(for: configuration, temperature: temperature, generator: &generator)
    }
}
