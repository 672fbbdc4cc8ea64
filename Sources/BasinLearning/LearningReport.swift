import BasinPlots
import Foundation

extension LearningLoop {
    /// Writes `iterations.json`, `report.md`, `errors.svg`, `data-size.svg` and
    /// `deviation-vs-error.svg`; returns Spearman's ρ of max_i σ_i and max_i |ΔF_i| over every
    /// explored frame of every iteration (nil without a reference potential).
    func writeReport(_ state: LearningState) throws(LearningError) -> Double? {
        try LearningFiles.writeJSON(state.iterations, to: output.appendingPathComponent("iterations.json"))
        var explored: [ExploredFrame] = []
        for record in state.iterations where FileManager.default.fileExists(atPath: exploredURL(record.iteration).path) {
            do {
                explored += try JSONDecoder().decode([ExploredFrame].self, from: Data(contentsOf: exploredURL(record.iteration)))
            } catch {
                throw LearningError("\(exploredURL(record.iteration).path): cannot read (\(error.localizedDescription))")
            }
        }
        let compared = explored.filter { $0.error != nil }
        let correlation = RankCorrelation.spearman(compared.map(\.deviation), compared.map { $0.error! })
        let plots: [(String, SVGPlot)] = [
            ("errors.svg", errorPlot(state.iterations)), ("data-size.svg", sizePlot(state.iterations)),
            ("deviation-vs-error.svg", deviationPlot(compared, correlation: correlation)),
        ]
        for (name, plot) in plots {
            try LearningFiles.writeText(plot.svg, to: output.appendingPathComponent(name))
        }
        try LearningFiles.writeText(report(state, correlation: correlation, comparedFrames: compared.count), to: output.appendingPathComponent("report.md"))
        return correlation
    }

    func errorPlot(_ records: [IterationRecord]) -> SVGPlot {
        var plot = SVGPlot(title: "Errors against iteration", xLabel: "iteration", yLabel: "RMSE (meV/atom, meV/Å)", logY: true)
        func series(_ name: String, _ value: (IterationRecord) -> Double?, _ color: Int, dashed: Bool) {
            let points = records.compactMap { r in value(r).map { (x: Double(r.iteration), y: 1000 * $0) } }
            if !points.isEmpty { plot.add(.init(name: name, points: points, color: SVGPlot.palette[color], dashed: dashed)) }
        }
        series("held-out E (meV/atom)", \.heldOutEnergyRMSE, 0, dashed: false)
        series("held-out F (meV/Å)", \.heldOutForceRMSE, 1, dashed: false)
        series("test split E (meV/atom)", \.testEnergyRMSE, 0, dashed: true)
        series("test split F (meV/Å)", \.testForceRMSE, 1, dashed: true)
        return plot
    }

    func sizePlot(_ records: [IterationRecord]) -> SVGPlot {
        var plot = SVGPlot(title: "Labelled structures against iteration", xLabel: "iteration", yLabel: "structures")
        plot.add(.init(name: "structures trained on", points: records.map { (Double($0.iteration), Double($0.structures)) }, color: SVGPlot.palette[2]))
        return plot
    }

    func deviationPlot(_ frames: [ExploredFrame], correlation: Double?) -> SVGPlot {
        let rho = correlation.map { String(format: " (Spearman ρ = %.2f)", $0) } ?? ""
        var plot = SVGPlot(title: "Committee deviation against true force error\(rho)", xLabel: "max σ_i (eV/Å)", yLabel: "max |ΔF_i| (eV/Å)")
        plot.add(.init(name: "explored frames", points: frames.map { ($0.deviation, $0.error!) }, style: .scatter, color: SVGPlot.palette[4]))
        return plot
    }

    func report(_ state: LearningState, correlation: Double?, comparedFrames: Int) -> String {
        func f(_ value: Double?, _ scale: Double = 1000, _ digits: Int = 2) -> String {
            value.map { String(format: "%.\(digits)f", scale * $0) } ?? "–"
        }
        let s = settings
        var text = """
            # Basin learning loop

            - Elements: \(s.elements.joined(separator: ", ")); reference: \(s.reference.potential ?? "command")\(s.reference.parameters.map { " (\($0))" } ?? "")
            - Seed: \(state.seedStructures) structures; the final committee was trained on \(state.structures) labelled structures (seed included)
            - Committee: \(s.training.committee) members, \(s.training.hidden.map(String.init).joined(separator: "-")) tanh; symmetry functions from \(String(format: "%.3f", state.shortestDistance)) Å to \(s.symmetryFunctions.cutoff) Å
            - Exploration: \(s.exploration.temperatures.map { String(Int($0)) }.joined(separator: ", ")) K, \(s.exploration.runs) run(s) each, \(s.exploration.equilibrate) + \(s.exploration.steps) steps of \(s.exploration.timeStep * 1000) fs, a frame every \(s.exploration.interval) steps
            - Stopped: \(state.stopReason ?? "not yet")
            - Rank correlation (Spearman) of committee force deviation and true force error over \(comparedFrames) explored frames: \(correlation.map { String(format: "%.3f", $0) } ?? "–")

            | iteration | structures | held-out E (meV/atom) | held-out F (meV/Å) | best member E / F | test split E / F | trust levels (eV/Å) | frames | accurate | candidates | failed | accurate of planned | runs blown up / cut short | stable up to (K) | labelled | ρ |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|

            """
        for r in state.iterations {
            let trust = r.lowerTrust.map { String(format: "%.3f–%.3f%@", $0, r.upperTrust ?? 0, r.automaticTrust ? " (auto)" : "") } ?? "–"
            text += "| \(r.iteration) | \(r.structures) | \(f(r.heldOutEnergyRMSE)) | \(f(r.heldOutForceRMSE, 1000, 1)) | \(f(r.heldOutMemberEnergyRMSE)) / \(f(r.heldOutMemberForceRMSE, 1000, 1)) | \(f(r.testEnergyRMSE)) / \(f(r.testForceRMSE, 1000, 1)) | \(trust) | \(r.exploredFrames) | \(f(r.accurateFraction, 100, 1)) % | \(f(r.candidateFraction, 100, 1)) % | \(f(r.failedFraction, 100, 1)) % | \(f(r.accurateShareOfPlan, 100, 1)) % | \(r.blownUpRuns) / \((r.cutShort ?? []).count) of \(r.runs) | \(r.stableTemperatures.max().map { String(Int($0)) } ?? "–") | \(r.labelled) | \(f(r.rankCorrelation, 1, 2)) |\n"
        }
        text += "\n## Detectors\n\n| iteration | deviation | extrapolation | error | most warned functions (element, function: warnings) |\n|---|---|---|---|---|\n"
        for r in state.iterations {
            let top = r.extrapolatingFunctions.sorted { $0.warnings > $1.warnings }.prefix(3).map { "\($0.element) G\($0.function): \($0.warnings)" }
            text += "| \(r.iteration) | \(r.deviationDetections) | \(r.extrapolationDetections) | \(r.errorDetections) | \(top.isEmpty ? "–" : top.joined(separator: ", ")) |\n"
        }
        let blowUps = state.iterations.flatMap { r in (r.blowUps ?? []).map { "- iteration \(r.iteration), \($0)\n" } }
        if !blowUps.isEmpty { text += "\n## Runs that blew up\n\n" + blowUps.joined() }
        let cuts = state.iterations.flatMap { r in (r.cutShort ?? []).map { "- iteration \(r.iteration), \($0)\n" } }
        if !cuts.isEmpty { text += "\n## Runs cut short by max_error (their last frames are labelled when the loop goes on)\n\n" + cuts.joined() }
        if let fit = state.finalFit {
            text += "\n## Final fit\n\n\(fit.epochs) epochs from the last committee's weights on its \(fit.structures) structures: held-out E \(f(fit.heldOutEnergyRMSE)) meV/atom, F \(f(fit.heldOutForceRMSE, 1000, 1)) meV/Å (best member \(f(fit.heldOutMemberEnergyRMSE)) / \(f(fit.heldOutMemberForceRMSE, 1000, 1))); test split \(f(fit.testEnergyRMSE)) / \(f(fit.testForceRMSE, 1000, 1))\n"
            if let shifts = fit.energyShifts {
                text += "\nMembers shifted by \(shifts.map { f($0, 1000, 3) }.joined(separator: ", ")) meV/atom to zero median energy error over the labelled structures (the held-out errors are the shifted committee's; the test split's, before the shift).\n"
            }
        }
        if let md = state.finalMD {
            text += String(
                format: "\n## Final MD\n\n%.0f K, %ld steps (%.1f ps), Langevin with the committee mean: %@ (%ld steps completed), mean kinetic temperature %.0f K, largest max σ_i %.3f eV/Å\n",
                md.temperature, md.steps, md.picoseconds, md.stable ? "stable" : "blew up", md.stepsCompleted, md.meanTemperature, md.largestForceDeviation)
        }
        text += "\nFiles: state.json, iterations.json, iterations/NNN/ (committee/, explored.json, candidates.extxyz, labelled.extxyz, record.json), final-fit/ (with final_epochs), committee/member-m (final models), errors.svg, data-size.svg, deviation-vs-error.svg\n"
        return text
    }
}
