import BasinAtoms
import BasinNNP
import BasinPotentials
import Foundation

/// `basin eval --timing N`: the time of each stage of a neural-network potential's evaluation
/// of the first frame, N times over, for benchmarks (benchmarks/nnp_vs_n2p2.py).
extension Evaluate {
    struct TimingReport: Encodable {
        var atoms: Int
        var threads: Int
        var evaluations: Int
        /// Energy of the last evaluation (configuration energy units).
        var energy: Double
        /// Peak resident memory of the process (MiB).
        var peakResidentMiB: Double
        /// Seconds of each evaluation in each stage: neighbor_list (a full rebuild),
        /// descriptors, networks and forces.
        var stages: [String: [Double]]
    }

    static let stageNames = ["neighbor_list", "descriptors", "networks", "forces"]

    func runTiming(evaluations: Int) throws {
        let frames = try structure.frames(units: potential.unitSystem)
        guard let configuration = frames.first?.configuration else { throw CommandError("--timing needs a frame") }
        guard var nnp = try potential.makePotential() as? NeuralNetworkPotential else {
            throw CommandError("--timing measures the stages of --potential nnp")
        }
        try nnp.check(configuration)
        let times = NNPStageTimes()
        nnp.stageTimes = times
        let calculator = Calculator(potential: nnp, skin: potential.skin, threads: potential.threads)
        var result = Evaluation()
        var stages = Dictionary(uniqueKeysWithValues: Self.stageNames.map { ($0, [Double]()) })
        for _ in 0..<evaluations {
            var start = ContinuousClock.now
            try calculator.neighbors.build(for: configuration)
            stages["neighbor_list"]!.append(NNPStageTimes.lap(since: &start))
            times.reset()
            nnp.evaluate(configuration, neighbors: calculator.neighbors, properties: [.energy, .forces, .virial],
                         into: &result, workspace: calculator.workspace)
            stages["descriptors"]!.append(times.descriptors)
            stages["networks"]!.append(times.networks)
            stages["forces"]!.append(times.forces)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let report = TimingReport(
            atoms: configuration.count, threads: calculator.threads, evaluations: evaluations, energy: result.energy,
            peakResidentMiB: Double(usage.ru_maxrss) / 1024, stages: stages)
        if json {
            try Output.json(report)
            return
        }
        print("# \(report.atoms) atoms, \(report.threads) thread(s), \(evaluations) evaluations, energy \(report.energy)")
        print("# stage          median ms   min ms")
        for name in Self.stageNames {
            let t = stages[name]!.sorted()
            print(name.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: " %9.2f %8.2f", 1e3 * t[t.count / 2], 1e3 * t[0]))
        }
        print(String(format: "peak resident memory %.0f MiB", report.peakResidentMiB))
    }
}
