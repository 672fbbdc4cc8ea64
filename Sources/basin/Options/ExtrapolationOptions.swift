import ArgumentParser
import BasinNNP

/// Options of the extrapolation warnings of --potential nnp and committee: symmetry-function
/// values outside the training ranges of scaling.data, counted as n2p2 does.
struct ExtrapolationOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Write the structures with extrapolation warnings to this extxyz file (nnp, committee).",
        discussion: "Each frame carries its step (info 'step') and each atom its number of warnings (column 'extrapolations'); at most the first 1000 frames."))
    var extrapolationFrames: String?

    @Option(help: "Stop once there are more than this many extrapolation warnings in all (md; eval and minimize report it at the end).")
    var maxExtrapolations: Int?

    func validate() throws {
        if let maxExtrapolations, maxExtrapolations < 0 { throw ValidationError("--max-extrapolations must be non-negative") }
    }

    /// A monitor of `model`'s ranges with these options; nil when the model has no scaling.data.
    func monitor(of model: NNPModel) -> ExtrapolationMonitor? {
        ExtrapolationMonitor(model: model, limit: maxExtrapolations, keepsFrames: extrapolationFrames != nil)
    }
}

extension ExtrapolationOptions {
    /// Refuses the options for a potential that has no extrapolation warnings.
    func check(for potential: PotentialKind) throws {
        let given = extrapolationFrames != nil || maxExtrapolations != nil
        guard !given || potential == .nnp || potential == .committee else {
            throw ValidationError("--extrapolation-frames and --max-extrapolations need --potential nnp or committee")
        }
    }
}
