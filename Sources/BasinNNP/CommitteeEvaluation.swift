import BasinMath

/// Every member's energy and forces for one configuration, and the committee's mean and spread
/// (the query-by-committee measures of DP-GEN: Zhang et al., Comput. Phys. Commun. 253, 107206
/// (2020), eq. 1 for forces).
public struct CommitteeEvaluation: Sendable {
    /// E_m of each member (energy units).
    public var energies: [Double]
    /// F_i^m of each member (energy / length), one per atom; empty when forces were not asked for.
    public var forces: [[SIMD3<Double>]]
    /// Mean per-atom energies (energy units).
    public var perAtomEnergies: [Double]
    /// The virial of the mean forces (energy units).
    public var virial: Matrix3

    /// Ē = (1/M) Σ_m E_m.
    public var meanEnergy: Double { energies.reduce(0, +) / Double(energies.count) }

    /// F̄_i = (1/M) Σ_m F_i^m.
    public var meanForces: [SIMD3<Double>] {
        guard let first = forces.first else { return [] }
        let share = 1 / Double(forces.count)
        return first.indices.map { i in share * forces.reduce(SIMD3<Double>.zero) { $0 + $1[i] } }
    }

    /// σ_i = √((1/M) Σ_m |F_i^m − F̄_i|²) per atom (energy / length): the root-mean-square
    /// deviation of the members' force vectors from their mean.
    public var forceDeviations: [Double] {
        let mean = meanForces, share = 1 / Double(forces.count)
        return mean.indices.map { i in
            (share * forces.reduce(0) { sum, member in
                let d = member[i] - mean[i]
                return sum + (d * d).sum()
            }).squareRoot()
        }
    }

    /// √((1/M) Σ_m (E_m − Ē)²) / N (energy units per atom).
    public var energyDeviationPerAtom: Double {
        let mean = meanEnergy
        let variance = energies.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(energies.count)
        return variance.squareRoot() / Double(max(1, perAtomEnergies.count))
    }
}
