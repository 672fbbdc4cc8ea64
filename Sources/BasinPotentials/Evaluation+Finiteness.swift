/// The check that a potential's results are numbers: parameters that overflow (an ε or γ of
/// 1e308) or a kernel given absurd input give NaN or infinities, which no driver should use.
extension Evaluation {
    /// What is not finite among the requested `properties`, in words ("the energy", "the force
    /// on atom 3"), or nil when everything is. Forces cost one pass that sums their components
    /// (a NaN or infinity anywhere makes the sum non-finite); only then are they searched.
    func nonFiniteResult(_ properties: Properties) -> String? {
        if properties.contains(.energy), !energy.isFinite { return "the energy (\(energy))" }
        if properties.contains(.forces) {
            var sum = SIMD3<Double>.zero
            for f in forces { sum += f }
            if !isFinite(sum), let i = forces.firstIndex(where: { !isFinite($0) }) {
                return "the force on atom \(i + 1)"
            }
        }
        if properties.contains(.virial), !isFinite(virial.rows.0 + virial.rows.1 + virial.rows.2) { return "the virial" }
        if properties.contains(.perAtomEnergies), let i = perAtomEnergies.firstIndex(where: { !$0.isFinite }) {
            return "the energy of atom \(i + 1)"
        }
        return nil
    }
}

/// True when all three components are finite.
@inline(__always)
private func isFinite(_ v: SIMD3<Double>) -> Bool { v.x.isFinite && v.y.isFinite && v.z.isFinite }
