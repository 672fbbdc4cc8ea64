import BasinNNP

extension Dataset {
    /// n2p2's data-set normalization `normalize_data_set ref` (`Training::dataSetNormalization`):
    /// with e_j = E_j/N_j over the S structures and all 3N Cartesian reference force components f,
    ///
    ///     mean_energy = ⟨e⟩,   σ_e = √(Σ_j (e_j − ⟨e⟩)²/(S − 1)),   σ_F = √(Σ (f − ⟨f⟩)²/(3N − 1)),
    ///     conv_energy = 1/σ_e,   conv_length = σ_F/σ_e (1 without forces),
    ///
    /// so that normalized energies per atom and forces both have unit spread. Nil when the
    /// energies per atom do not vary (or with fewer than two structures).
    public var n2p2Normalization: EnergyNormalization? {
        guard structures.count > 1 else { return nil }
        let perAtom = structures.map { $0.energy / Double($0.count) }
        let mean = perAtom.reduce(0, +) / Double(perAtom.count)
        let sigma = (perAtom.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(perAtom.count - 1)).squareRoot()
        guard sigma > 0, sigma.isFinite else { return nil }
        var convLength = 1.0
        if structures.allSatisfy(\.hasForces) {
            let components = 3 * structures.reduce(0) { $0 + $1.count }
            let meanForce = structures.reduce(0) { sum, s in s.forces.reduce(sum) { $0 + $1.sum() } } / Double(components)
            let squares = structures.reduce(0) { sum, s in
                s.forces.reduce(sum) { total, f in
                    let d = f - SIMD3(repeating: meanForce)
                    return total + (d * d).sum()
                }
            }
            let sigmaForce = (squares / Double(components - 1)).squareRoot()
            if sigmaForce > 0 && sigmaForce.isFinite { convLength = sigmaForce / sigma }
        }
        return EnergyNormalization(meanEnergy: mean, convEnergy: 1 / sigma, convLength: convLength)
    }
}
