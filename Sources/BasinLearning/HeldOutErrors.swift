import BasinAtoms
import BasinIO
import BasinNNP

/// RMS errors on held-out reference frames of a committee's mean and of its best member:
/// energy per atom (eV/atom) and force components (eV/Å).
struct HeldOutErrors {
    var committeeEnergy: Double
    var committeeForce: Double
    var bestMemberEnergy: Double
    var bestMemberForce: Double

    init(committee: NNPCommittee, frames: [Frame]) throws(LearningError) {
        let m = committee.members.count
        var energy = [Double](repeating: 0, count: m + 1), force = [Double](repeating: 0, count: m + 1)
        var components = 0
        for (frame, result) in zip(frames, try committee.evaluateMembers(frames, data: "validation")) {
            let c = frame.configuration
            let n = Double(c.count), reference = frame.forces!
            let predictions = result.forces + [result.meanForces]
            let energies = result.energies + [result.meanEnergy]
            for j in 0...m {
                let d = (energies[j] - frame.energy!) / n
                energy[j] += d * d
                for i in 0..<c.count {
                    let e = predictions[j][i] - reference[i]
                    force[j] += (e * e).sum()
                }
            }
            components += 3 * c.count
        }
        let rmsE = energy.map { ($0 / Double(frames.count)).squareRoot() }
        let rmsF = force.map { ($0 / Double(components)).squareRoot() }
        committeeEnergy = rmsE[m]
        committeeForce = rmsF[m]
        let best = (0..<m).min { rmsF[$0] < rmsF[$1] }!
        bestMemberEnergy = rmsE[best]
        bestMemberForce = rmsF[best]
    }
}
