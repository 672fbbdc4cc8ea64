import BasinIO
import BasinPaths
import Foundation

extension Path {
    struct Summary: Encodable {
        var atoms: Int
        var parameters: Int
        var gridTimes: Int
        var pretrainingSteps: Int
        var steps: Int
        var interrupted: Bool
        var seconds: Double
        var secondsPerStep: Double?
        var bestLoss: Double
        var lastLoss: ActionLossValue?
        var startDistance: Double
        var endDistance: Double
        var pathLength: Double
        var highestPotentialEnergy: Double
        var totalEnergyRange: Double
        var totalEnergyRangePerAtom: Double
        var weightSearch: WeightSearch.Outcome?
        /// The loss weights of the main training (the searched ones after a search).
        var weights: ActionWeights
        var comparison: ComparisonSummary?
        var quenchedBasins: [Double]?
        var quenchedUnconverged: Int?
        var output: String?
        var state: String?
    }

    func report(outcome: Outcome, samples: [PathSample], quench: FrameQuench?, comparison: PathComparison?) throws {
        let training = outcome.training, problem = training.problem
        let best = training.state.bestNetwork
        let totals = samples.map(\.totalEnergy)
        let q0 = best.state(at: 0).positions, qT = best.state(at: problem.duration).positions
        func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
        let range = totals.max()! - totals.min()!
        let summary = Summary(
            atoms: problem.atomCount, parameters: best.parameterCount, gridTimes: problem.intervals + 1,
            pretrainingSteps: training.state.pretrainingStep, steps: training.state.step, interrupted: outcome.signal != nil,
            seconds: outcome.seconds, secondsPerStep: outcome.stepsThisRun > 0 ? outcome.seconds / Double(outcome.stepsThisRun) : nil,
            bestLoss: training.state.bestLoss, lastLoss: outcome.lastLoss,
            startDistance: distance(q0, problem.startPositions), endDistance: distance(qT, problem.endPositions),
            pathLength: PathLength.of(best, template: problem.template),
            highestPotentialEnergy: samples.map(\.potentialEnergy).max()!,
            totalEnergyRange: range, totalEnergyRangePerAtom: range / Double(problem.atomCount),
            weightSearch: outcome.search, weights: problem.weights, comparison: comparison.map(ComparisonSummary.init),
            quenchedBasins: quench?.basins, quenchedUnconverged: quench.map { $0.converged.filter { !$0 }.count },
            output: output, state: state)
        if json {
            try Output.json(summary)
            return
        }
        print("atoms            \(summary.atoms), network parameters \(summary.parameters), grid times \(summary.gridTimes)")
        print("steps            \(summary.pretrainingSteps) pre-training, \(summary.steps) training\(outcome.signal != nil ? " (interrupted)" : "")")
        if let perStep = summary.secondsPerStep { print(String(format: "time             %.1f s, %.3g ms per step", summary.seconds, 1000 * perStep)) }
        if let search = outcome.search {
            let scores = search.trials.map(\.score)
            print(String(format: "weight search    %ld trials of %ld steps, scores %.4g to %.4g; kept trial %ld: λ₁ = %.4g, λ₂ = %.4g, λ₃ = %.4g",
                         search.trials.count, searchSteps, scores.min()!, scores.max()!, search.bestIndex + 1,
                         search.best.weights.start, search.best.weights.end, search.best.weights.energy))
        }
        print(String(format: "best loss        %.6e", summary.bestLoss))
        print(String(format: "end points       |Q(0) − Q₀| = %.3e, |Q(T) − Q_T| = %.3e", summary.startDistance, summary.endDistance))
        print(String(format: "path length      %.6g (translation and rotation removed)", summary.pathLength))
        print(String(format: "highest V        %.8g", summary.highestPotentialEnergy))
        print(String(format: "total energy     range %.3e (%.3e per atom) over %ld frames", range, summary.totalEnergyRangePerAtom, samples.count))
        if let compared = summary.comparison {
            print(String(format: "against ref.     position RMSD ≤ %.4g at grid times (≤ %.4g at all %ld frames), momentum RMSD ≤ %.4g (≤ %.4g)",
                         compared.largestGridPositionRMSD, compared.largestPositionRMSD, compared.frames,
                         compared.largestGridMomentumRMSD, compared.largestMomentumRMSD))
            let gr = compared.largestDistributionDifference.map { String(format: "largest g(r) difference %.4g, ", $0) } ?? ""
            print(String(format: "                 %@largest VACF difference %.4g of C(0)", gr, compared.largestVACFDifference))
        }
        if let quench {
            print("quenched basins  \(quench.basins.map { String(format: "%.6f", $0) }.joined(separator: " → "))")
        }
        if let output { print("written          \(output)") }
    }

    /// CSV: time, potential, kinetic and total energy of each frame, and its quenched energy.
    static func energyTable(_ samples: [PathSample], quench: FrameQuench?) -> String {
        var lines = ["time,potential_energy,kinetic_energy,total_energy" + (quench == nil ? "" : ",quenched_energy")]
        for (index, sample) in samples.enumerated() {
            var line = "\(sample.time),\(sample.potentialEnergy),\(sample.kineticEnergy),\(sample.totalEnergy)"
            if let quench { line += ",\(quench.energies[index])" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
