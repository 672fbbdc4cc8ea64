import BasinIO
import BasinNNP
import BasinTraining
import Foundation

extension LearningLoop {
    /// Shifts every member's atomic energies (forces unchanged) so that the median of its
    /// error of E_j/N_j over `frames` is zero; returns each member's shift (eV/atom). The loop's
    /// data hold the hard frames that ended runs, which a network may miss by ten times its
    /// typical error; the mean-zero offset every fit keeps lets those few move every other
    /// structure's energy, the median does not.
    func shiftToMedianEnergyError(_ models: inout [NNPModel], frames: [Frame]) throws(LearningError) -> [Double] {
        var errors = [[Double]](repeating: [], count: models.count)
        for (frame, result) in zip(frames, try committee(models).evaluateMembers(frames, data: "labelled data")) {
            for m in models.indices { errors[m].append((result.energies[m] - frame.energy!) / Double(frame.configuration.count)) }
        }
        return models.indices.map { m in
            let sorted = errors[m].sorted(), n = sorted.count
            let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            models[m].parameters = models[m].parameters(models[m].parameters, shiftingAtomEnergiesBy: -median)
            return -median
        }
    }

    /// The final committee as written to `OUTPUT/committee/member-m`.
    func loadFinalCommittee() throws(LearningError) -> [NNPModel] {
        try loadMembers { output.appendingPathComponent("committee").appendingPathComponent("member-\($0)") }
    }
}
