import BasinAtoms
import BasinIO
import BasinNNP

extension NNPCommittee {
    /// Every member's energy and forces on each of `frames`, in order; a frame the committee
    /// cannot evaluate is an error naming `data`.
    func evaluateMembers(_ frames: [Frame], data: String) throws(LearningError) -> [CommitteeEvaluation] {
        let neighbors = NeighborList(cutoff: cutoff, skin: 0, kind: .full)
        var results: [CommitteeEvaluation] = []
        results.reserveCapacity(frames.count)
        for frame in frames {
            do {
                try check(frame.configuration)
                try neighbors.build(for: frame.configuration)
            } catch {
                throw LearningError("\(data): \(error)")
            }
            results.append(evaluateMembers(frame.configuration, neighbors: neighbors))
        }
        return results
    }
}
