import BasinAtoms

extension SnapshotSelector {
    /// Whether `step` is kept, given the forces at that step and the configuration whose atoms
    /// they act on (the per-atom rule reads each monitored atom's element; the other rules
    /// only the forces).
    /// - Throws: when a monitored atom index is not below `forces.count`, or an element of a
    ///   monitored atom has no threshold.
    public mutating func select(step: Int, forces: [SIMD3<Double>], configuration: Configuration) throws(SamplingError) -> Bool {
        guard case .perAtomForce(let thresholds, let maxInterval, let atoms) = selection else {
            return try select(step: step, forces: forces)
        }
        let monitored = atoms ?? Array(forces.indices)
        atomIntervals.removeAll(keepingCapacity: true)
        var kept = false
        for i in monitored {
            guard i < forces.count else {
                throw SamplingError(reason: "monitored atom index \(i) is out of range for \(forces.count) atoms (indices start at 0)")
            }
            let symbol = configuration.elements[configuration.species[i]].symbol
            guard let alpha = thresholds[symbol] else {
                throw SamplingError(reason: "the per-atom force rule has no threshold α for \(symbol) (atom \(i))")
            }
            let force = (forces[i] * forces[i]).sum().squareRoot()
            let tau = SnapshotSelection.forceInterval(force: force, threshold: alpha, maxInterval: maxInterval)
            atomIntervals.append(tau)
            if step % tau == 0 { kept = true }
        }
        return kept
    }
}
