import ArgumentParser
import BasinCompression
import Foundation

/// `basin compress analyze`: the full analysis of one minimum.
struct CompressAnalyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Radius of guaranteed Newton convergence and compression levels of one minimum.")

    @Argument(help: "A Lennard-Jones cluster minimum (xyz/extxyz, reduced units).")
    var file: String

    @OptionGroup var options: CompressionOptions

    @OptionGroup var convention: ConventionOptions

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    func run() throws {
        let report = try options.analyze(file, conventions: convention.conventions)
        if json {
            try Output.json(CompressionSummary(file: file, report: report))
            return
        }
        let f = report.frameAtoms.map(String.init).joined(separator: ", ")
        print(convention.description)
        print("file                \(file)")
        print("atoms               \(report.atoms) (\(report.variables) reduced variables)")
        let bound = report.inverseHessianBound.map { "; bound \(fmt($0)), \(report.framesRanked) frames ranked" } ?? ""
        print("frame               atoms \(f) as 1, 2, 3 (best of \(report.frameCandidates)\(bound)); ‖U′(X*)⁻¹‖ = \(fmt(report.inverseHessianNorm))")
        print("gradient norm       \(fmt(report.gradientNorm))")
        print("radius r2           \(fmt(report.radius))  (L** evaluated at r = \(fmt(report.trialRadius)); \(report.radiusEvaluations) evaluations)")
        print("L**_est             \(fmt(report.lipschitzShortestPath))  (shortest path)")
        print("L**_rand            \(fmt(report.lipschitzSampled))  (K = \(report.samples))")
        print("c_t                 \(report.levels.guaranteedBits.map(String.init) ?? "none in range")")
        print("c_p                 \(report.levels.convergingText)  (smallest \(report.levels.smallestConvergingBits.map(String.init) ?? "none"))")
        print("guarantee holds     \(report.levels.guaranteeHolds ? "yes" : "NO")")
        print("")
        print("  c   ‖X0 − X*‖   in ball  Newton              iterations")
        for trial in report.levels.trials {
            let inside = (trial.insideBall ? "yes" : "no").padding(toLength: 8, withPad: " ", startingAt: 0)
            let outcome = trial.outcome.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)
            print(String(format: "%3ld  %10.3e   ", trial.bits, trial.distance) + inside + " " + outcome + "\(trial.iterations)")
        }
        print("")
        let stages = ["frame", "sampling", "scan"].map { String(format: "%@ %.2f s", $0, report.stageSeconds[$0] ?? 0) }
        print(String(format: "time                %.2f s (", report.seconds) + stages.joined(separator: ", ") + ")")
    }
}

func fmt(_ value: Double) -> String { String(format: "%.5g", value) }
