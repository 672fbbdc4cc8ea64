import ArgumentParser
import BasinIO
import BasinOptimize
import BasinPotentials
import Foundation

extension MinimizationMethod: ExpressibleByArgument {}

/// `basin minimize`: relax a structure to a local minimum of the potential energy.
struct Minimize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Relax a structure to a local minimum (FIRE, L-BFGS or conjugate gradients).",
        discussion: """
            Atom positions move; the cell stays fixed. The run stops when the largest force on \
            any atom falls below --fmax, or after --max-steps iterations; the report says which. \
            With --potential nnp or committee the extrapolation warnings (symmetry-function values \
            outside the ranges of scaling.data) of every evaluation are counted and summarised at \
            the end (step = iteration); past --max-extrapolations the exit status is 1.
            """)

    @OptionGroup var structure: StructureOptions
    @OptionGroup var potential: PotentialOptions
    @OptionGroup var extrapolation: ExtrapolationOptions

    @Option(help: "Minimizer: fire, lbfgs, bfgs (dense, for small systems) or cg.")
    var method: MinimizationMethod = .lbfgs

    @Option(help: "Converged when every atom's force is below this (energy / length units).")
    var fmax: Double = 1e-4

    @Option(help: "Largest number of iterations.")
    var maxSteps: Int = 10_000

    @Option(help: "Largest displacement of any atom in one step (length units).")
    var maxStep: Double = 0.2

    @Option(help: "Write the relaxed structure (with energy and forces) to this file.")
    var output: String?

    @Option(help: "Write the structure every N iterations to this extxyz file.")
    var trajectory: String?

    @Option(help: "Iterations between trajectory frames.")
    var trajectoryEvery: Int = 10

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    struct Summary: Encodable {
        var method: String
        var atoms: Int
        var stopReason: String
        var converged: Bool
        var iterations: Int
        var evaluations: Int
        var initialEnergy: Double
        var energy: Double
        var energyPerAtom: Double
        var maximumForce: Double
        var seconds: Double
        var output: String?
        /// nnp and committee: extrapolation warnings and the committee's spread.
        var model: ModelDiagnostics.Report?
    }

    func validate() throws {
        try extrapolation.check(for: potential.potential)
        guard fmax > 0, fmax.isFinite else { throw ValidationError("--fmax must be positive") }
        guard maxSteps >= 0 else { throw ValidationError("--max-steps must be non-negative") }
        guard maxStep > 0, maxStep.isFinite else { throw ValidationError("--max-step must be positive") }
        guard trajectoryEvery >= 1 else { throw ValidationError("--trajectory-every must be at least 1") }
    }

    func run() throws {
        var configuration = try structure.configuration(units: potential.unitSystem)
        let calculator = try potential.makeCalculator(monitoring: extrapolation)
        let diagnostics = ModelDiagnostics(calculator.potential)
        diagnostics.setStep(0)
        let initialEnergy = try calculator.evaluate(configuration, .energy).energy
        let progress = ProgressReporter(label: "minimize", total: maxSteps)
        var snapshots: [Frame] = []
        let start = Date()
        let template = configuration
        let result = try method.minimizer(maximumStep: maxStep).relax(
            &configuration, calculator: calculator,
            until: StoppingCriteria(maximumForce: fmax, maximumSteps: maxSteps)
        ) { step in
            progress.update(step.iteration)
            diagnostics.setStep(step.iteration + 1)
            if trajectory != nil, step.iteration % trajectoryEvery == 0 {
                var snapshot = template
                snapshot.positions = (0..<template.count).map { SIMD3(step.point[3 * $0], step.point[3 * $0 + 1], step.point[3 * $0 + 2]) }
                snapshots.append(Frame(configuration: snapshot, energy: step.value))
            }
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)
        // Taken before the final evaluation, which repeats the last iterate's.
        let modelReport = diagnostics.report
        try diagnostics.writeFrames(extrapolation)
        let final = try calculator.evaluate(configuration, .energyAndForces)
        if let trajectory {
            try StructureFile.write(snapshots, to: URL(fileURLWithPath: trajectory), requiring: .severalFrames)
        }
        if let output {
            try StructureFile.write([Frame(configuration: configuration, energy: final.energy, forces: final.forces)], to: URL(fileURLWithPath: output))
        }
        let summary = Summary(
            method: method.rawValue, atoms: configuration.count, stopReason: result.stopReason.rawValue,
            converged: result.converged, iterations: result.iterations, evaluations: result.evaluations,
            initialEnergy: initialEnergy, energy: final.energy, energyPerAtom: final.energy / Double(configuration.count),
            maximumForce: final.maximumForce, seconds: seconds, output: output, model: modelReport)
        if json {
            try Output.json(summary)
        } else {
            print("method          \(summary.method)")
            print("stopped         \(result.stopReason) after \(summary.iterations) iterations, \(summary.evaluations) evaluations")
            print(String(format: "energy          %.12g -> %.12g  (%.12g per atom)", initialEnergy, final.energy, summary.energyPerAtom))
            print(String(format: "max force       %.3e", final.maximumForce))
            if let output { print("written         \(output)") }
            modelReport?.printSummary()
        }
        if let message = modelReport?.limitMessage { throw CommandError(message) }
    }
}
