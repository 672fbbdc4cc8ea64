/// A system of units: what a number in a configuration, a potential or a log means.
///
/// Two systems cover Basin's work, with LAMMPS's conversion constants so that temperatures and
/// pressures agree with LAMMPS output digit for digit (LAMMPS `src/update.cpp`, `units lj` and
/// `units metal`):
/// - `lennardJones`: reduced units with σ = ε = m = k_B = 1; time in τ = σ√(m/ε); pressure in ε/σ³.
/// - `metal`: energy in eV, length in Å, time in ps, mass in amu (g/mol), temperature in K,
///   pressure in bar.
public struct UnitSystem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Short name: "lj" or "metal".
    public let name: String
    /// Boltzmann's constant in energy per kelvin (1 in reduced units).
    /// Metal: 8.617343e-5 eV/K as in LAMMPS; CODATA 2018 gives 8.617333262e-5 eV/K.
    public let boltzmann: Double
    /// Converts mass × velocity² to energy. Metal: 1 amu·Å²/ps² = 1.0364269e-4 eV (LAMMPS
    /// `mvv2e`; CODATA 2018: 1.66053906660e-23 J / 1.602176634e-19 J/eV = 1.036426965e-4 eV).
    public let massVelocitySquaredToEnergy: Double
    /// Converts energy / volume to the pressure unit. Metal: 1 eV/Å³ = 1.6021765e6 bar (LAMMPS
    /// `nktv2p`; CODATA 2018: 1.602176634e6 bar).
    public let energyDensityToPressure: Double
    public let energyUnit: String
    public let lengthUnit: String
    public let timeUnit: String
    public let temperatureUnit: String
    public let pressureUnit: String

    public static let lennardJones = UnitSystem(
        name: "lj", boltzmann: 1, massVelocitySquaredToEnergy: 1, energyDensityToPressure: 1,
        energyUnit: "ε", lengthUnit: "σ", timeUnit: "τ", temperatureUnit: "ε/k_B", pressureUnit: "ε/σ³")

    public static let metal = UnitSystem(
        name: "metal", boltzmann: 8.617343e-5, massVelocitySquaredToEnergy: 1.0364269e-4,
        energyDensityToPressure: 1.6021765e6,
        energyUnit: "eV", lengthUnit: "Å", timeUnit: "ps", temperatureUnit: "K", pressureUnit: "bar")

    /// The unit system with this short name ("lj" or "metal").
    public static func named(_ name: String) -> UnitSystem? {
        switch name.lowercased() {
        case "lj": .lennardJones
        case "metal": .metal
        default: nil
        }
    }

    public var description: String { name }
}
