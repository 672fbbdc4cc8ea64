import BasinAtoms
import Foundation

/// Fixed-charge electrostatics in the damped shifted force form (D. Wolf, P. Keblinski,
/// S. R. Phillpot and J. Eggebrecht, J. Chem. Phys. 110, 8254 (1999); C. J. Fennell and
/// J. D. Gezelter, J. Chem. Phys. 124, 234104 (2006)), exactly as LAMMPS `pair_style coul/dsf
/// α r_c`:
///
///     E = Σ_{i<j, r<r_c} k q_i q_j [erfc(αr)/r − erfc(αr_c)/r_c + (r − r_c)(erfc(αr_c)/r_c² + 2α/√π e^{−α²r_c²}/r_c)]
///       − Σ_i k q_i² (erfc(αr_c)/r_c + (α/√π)(1 + e^{−α²r_c²}))
///
/// so that both the pair energy and the pair force vanish at r_c. The second sum is LAMMPS's
/// self energy (`−(e_shift/2 + α/√π) q_i² k` with its `e_shift`), a constant per atom that
/// depends only on its charge. With α = 0 the pair term is k q_i q_j (1/r − 1/r_c + (r − r_c)/r_c²),
/// the shifted-force Coulomb potential, and the self energy −k q_i²/r_c.
///
/// Charges are per element (units of |e|), α in 1/Å, r_c in Å; k = e²/(4πε₀) = 14.399645 eV·Å
/// (LAMMPS's metal-unit `qqr2e`). Metal units only. Per-atom energies: half of each pair term
/// to each atom plus the atom's own self energy.
public struct DampedShiftedCoulomb: Potential, Equatable {
    /// e²/(4πε₀) in metal units (eV·Å), LAMMPS's `qqr2e`.
    public static let coulombConstant = 14.399645

    /// The charge of each element (|e|), by symbol.
    public let charges: [String: Double]
    /// Damping parameter α (1/Å), ≥ 0.
    public let alpha: Double
    public let cutoff: Double

    /// - Throws: `PotentialError.invalidParameters` for no charges, a non-finite charge, a
    ///   negative or non-finite α, a cutoff that is not positive and finite, or charges and a
    ///   cutoff whose k q²/r_c or k q²/r_c² overflow.
    public init(charges: [String: Double], alpha: Double = 0, cutoff: Double) throws(PotentialError) {
        guard !charges.isEmpty else { throw .invalidParameters("a Coulomb potential needs the charge of at least one element") }
        if let bad = charges.first(where: { !$0.value.isFinite }) {
            throw .invalidParameters("the charge of \(bad.key) must be finite, got \(bad.value)")
        }
        guard alpha.isFinite, alpha >= 0 else { throw .invalidParameters("the damping α must be finite and not negative, got \(alpha)") }
        guard cutoff.isFinite, cutoff > 0 else { throw .invalidParameters("the Coulomb cutoff must be positive and finite, got \(cutoff)") }
        let largest = charges.values.map(abs).max()!
        let scale = Self.coulombConstant * largest * largest * (1 / cutoff + 1 / (cutoff * cutoff))
        guard scale.isFinite else {
            throw .invalidParameters("the charge \(largest) and cutoff \(cutoff) Å overflow the Coulomb energy and its shift")
        }
        self.charges = charges
        self.alpha = alpha
        self.cutoff = cutoff
    }

    public var units: UnitSystem { .metal }
    public var neighborListKind: NeighborListKind { .half }
    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies, .hessian] }

    /// The self energy of one atom of charge `q` (eV): −k q² (erfc(αr_c)/r_c + (α/√π)(1 + e^{−α²r_c²})).
    public func selfEnergy(charge q: Double) -> Double {
        let damping = alpha / Double.pi.squareRoot() * (1 + exp(-alpha * alpha * cutoff * cutoff))
        return -Self.coulombConstant * q * q * (erfc(alpha * cutoff) / cutoff + damping)
    }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        _ = try ElementMap.indices(of: configuration, in: Array(charges.keys).sorted(), potential: "the Coulomb potential")
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        let table = workspace.prepared(for: configuration.elements) {
            Table(self, charges: configuration.elements.map { charges[$0.symbol] ?? 0 })
        }
        PairLoop.evaluate(table, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
        guard properties.contains(.energy) || properties.contains(.perAtomEnergies) else { return }
        let wantsPerAtom = properties.contains(.perAtomEnergies)
        for i in configuration.species.indices {
            let e = table.selfEnergies[configuration.species[i]]
            result.energy += e
            if wantsPerAtom { result.perAtomEnergies[i] += e }
        }
    }
}
