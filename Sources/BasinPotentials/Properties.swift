/// The properties a potential can compute; a request names a subset.
public struct Properties: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Total potential energy (energy units).
    public static let energy = Properties(rawValue: 1 << 0)
    /// Force on every atom, −∂E/∂r_i (energy / length).
    public static let forces = Properties(rawValue: 1 << 1)
    /// Virial tensor W = Σ_pairs r_ij ⊗ f_ij (energy), as LAMMPS accumulates it.
    public static let virial = Properties(rawValue: 1 << 2)
    /// Per-atom energies that sum to the total, split as LAMMPS `compute pe/atom` does.
    public static let perAtomEnergies = Properties(rawValue: 1 << 3)
    /// Dense 3N×3N Hessian ∂²E/∂r_i∂r_j.
    public static let hessian = Properties(rawValue: 1 << 4)

    public static let energyAndForces: Properties = [.energy, .forces]

    public var description: String {
        let names: [(Properties, String)] = [
            (.energy, "energy"), (.forces, "forces"), (.virial, "virial"),
            (.perAtomEnergies, "per-atom energies"), (.hessian, "Hessian"),
        ]
        return names.filter { contains($0.0) }.map(\.1).joined(separator: ", ")
    }
}
