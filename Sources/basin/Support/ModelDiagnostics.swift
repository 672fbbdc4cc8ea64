import BasinIO
import BasinNNP
import BasinPotentials
import Foundation

/// The extrapolation warnings and committee spread that a neural-network potential records
/// while a command drives it, and how the command reports them.
struct ModelDiagnostics {
    let extrapolation: ExtrapolationMonitor?
    let deviations: CommitteeDeviationLog?

    /// What `potential` records: nothing unless it is an nnp (with or without a baseline) or a committee.
    init(_ potential: any Potential) {
        switch (potential as? PotentialWithBaseline)?.main ?? potential {
        case let nnp as NeuralNetworkPotential: (extrapolation, deviations) = (nnp.extrapolation, nil)
        case let committee as NNPCommittee: (extrapolation, deviations) = (committee.extrapolation, committee.deviations)
        default: (extrapolation, deviations) = (nil, nil)
        }
    }

    /// The counts and spreads at one moment, for --json and the summary lines.
    struct Report: Encodable {
        var extrapolation: ExtrapolationSummary?
        var committee: CommitteeDeviationLog.Summary?
        /// --max-extrapolations.
        var limit: Int?

        /// The one line saying which warning took the count past the limit.
        var limitMessage: String? {
            guard let limit, let warning = extrapolation?.limitExceeded else { return nil }
            return "more than \(limit) extrapolation warnings; warning \(limit + 1) at \(warning.description)"
        }

        /// Summary lines for people.
        func printSummary() {
            if let extrapolation { print(extrapolation.text) }
            if let committee, let worst = committee.largestForceDeviation, let value = worst.maximumForceDeviation, let atom = worst.atom {
                print(String(format: "committee: largest force deviation %.6g (atom %ld, step %ld), largest energy deviation per atom %.6g, %ld evaluations",
                             value, atom, worst.step, committee.largestEnergyDeviationPerAtom, committee.evaluations))
            }
        }
    }

    var report: Report? {
        extrapolation == nil && deviations == nil ? nil : Report(extrapolation: extrapolation?.summary, committee: deviations?.summary, limit: extrapolation?.limit)
    }

    /// Labels the next evaluations (MD step, frame, iteration).
    func setStep(_ step: Int) {
        extrapolation?.step = step
        deviations?.step = step
    }

    func reset() {
        extrapolation?.reset()
        deviations?.reset()
    }

    /// Whether the extrapolation warnings exceed --max-extrapolations.
    var isPastLimit: Bool { extrapolation?.isPastLimit ?? false }

    /// Writes the structures with warnings to --extrapolation-frames (an empty file when none).
    func writeFrames(_ options: ExtrapolationOptions) throws {
        guard let path = options.extrapolationFrames, let monitor = extrapolation else { return }
        let frames = monitor.frames.map {
            Frame(configuration: $0.configuration, info: ["step": String($0.step)],
                  atomProperties: [AtomProperty(name: "extrapolations", values: .integer($0.warningsPerAtom))])
        }
        try ExtendedXYZ.write(frames, to: URL(fileURLWithPath: path))
    }
}
