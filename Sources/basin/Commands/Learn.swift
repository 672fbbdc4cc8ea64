import ArgumentParser
import BasinLearning
import Foundation

/// `basin learn`: the iterative learning loop — train a committee, explore with it, label
/// what it gets wrong, retrain — as a YAML configuration describes it.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Build a neural-network potential iteratively: train a committee, explore with MD, label candidates, repeat.",
        discussion: """
            Keys: output, elements, reference {potential: sw|lj, parameters, epsilon, sigma, cutoff} or \
            {command: "program {input} {output}", elements}, seed_data {file} or {lattice, lattice_constant, \
            cells, temperature, equilibrate, steps, time_step, alpha {element: eV/Å}, max_interval, max_structures}, \
            validation (held-out data file), symmetry_functions {cutoff, cutoff_type, shifted, centred, \
            angular_widths, zeta_max, shortest}, training {committee, hidden, epochs, later_epochs, final_epochs, final_force_weight, \
            final_initial_learning_rate, final_energy_offset (mean|median), batch_size, learning_rate, final_learning_rate, force_weight, test_fraction, \
            checkpoint_every}, exploration \
            {temperatures, runs, steps, equilibrate, time_step, interval, max_force, max_error}, candidates {lower, upper \
            (eV/Å or auto), upper_ratio, error_threshold, extrapolation, per_iteration}, convergence \
            {accurate_fraction, max_iterations, max_structures}, final_md {temperature, steps}, seed, threads. \
            Unknown and repeated keys, a reference that lacks an element and trust levels in the wrong order \
            are rejected before any work. The state is written to OUTPUT/state.json after every stage \
            (training, exploration, labelling); Ctrl-C (SIGINT) or SIGTERM stops at the next safe point \
            (epoch, MD run or stage; a second signal quits at once) with exit status 130 or 143, and \
            --resume continues to the same final models as an uninterrupted run. state.json records the \
            configuration: --resume refuses any changed key except the final stage's (training.final_epochs, \
            final_force_weight, final_initial_learning_rate, final_energy_offset; final_md), which rerun the final fit and final MD \
            of a stopped loop as a fresh run with them would. Writes OUTPUT/report.md, \
            iterations.json, errors.svg, data-size.svg, deviation-vs-error.svg and the final committee in \
            OUTPUT/committee/member-m. Progress goes to standard error.
            """)

    @Argument(help: "The YAML configuration file.")
    var config: String

    @Flag(help: "Continue from OUTPUT/state.json.")
    var resume = false

    @Flag(help: "Print the outcome (stop reason, per-iteration records, rank correlation) as one JSON document.")
    var json = false

    struct Summary: Encodable {
        var finished: Bool
        var stopReason: String?
        var structures: Int
        var iterations: [IterationRecord]
        var rankCorrelation: Double?
        var finalFit: FinalFitRecord?
        var finalMD: FinalRunRecord?
        var committee: String
    }

    func run() throws {
        let loop: LearningLoop
        do {
            loop = try LearningLoop(configurationFile: URL(fileURLWithPath: config))
        } catch {
            throw CommandError(error.description)
        }
        let interruption = Interruption(acknowledgement: "interrupt: stopping at the next safe point (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        let started = Date()
        let outcome: LearningLoop.Outcome
        do {
            outcome = try loop.run(resume: resume, progress: { line in
                Output.note("[\(ProgressReporter.format(Date().timeIntervalSince(started)))] \(line)")
            }, shouldStop: { interruption.isRequested })
        } catch {
            throw CommandError(error.description)
        }
        if !outcome.finished {
            Output.note("stopped at iteration \(outcome.state.iteration), stage \(outcome.state.stage.rawValue); continue with --resume")
            throw ExitCode(Interruption.exitStatus(for: interruption.receivedSignal ?? SIGTERM))
        }
        let state = outcome.state
        let summary = Summary(
            finished: true, stopReason: state.stopReason, structures: state.structures, iterations: state.iterations,
            rankCorrelation: outcome.rankCorrelation, finalFit: state.finalFit, finalMD: state.finalMD,
            committee: loop.output.appendingPathComponent("committee").path)
        if json { try Output.json(summary); return }
        print("# \(state.stopReason ?? "done") — \(state.structures) labelled structures; report in \(loop.output.appendingPathComponent("report.md").path)")
        if let last = state.iterations.last, let e = last.heldOutEnergyRMSE, let f = last.heldOutForceRMSE {
            print(String(format: "held-out RMSE (committee mean): energy %.3f meV/atom, force %.1f meV/Å", 1000 * e, 1000 * f))
        }
        if let fit = state.finalFit, let e = fit.heldOutEnergyRMSE, let f = fit.heldOutForceRMSE {
            print(String(format: "held-out RMSE after the final fit (%ld epochs): energy %.3f meV/atom, force %.1f meV/Å", fit.epochs, 1000 * e, 1000 * f))
        }
        if let rho = outcome.rankCorrelation { print(String(format: "rank correlation of deviation and true force error: %.3f", rho)) }
        if let md = state.finalMD {
            print(String(format: "final MD at %.0f K: %@ over %.1f ps", md.temperature, md.stable ? "stable" : "blew up", md.picoseconds))
        }
    }
}
