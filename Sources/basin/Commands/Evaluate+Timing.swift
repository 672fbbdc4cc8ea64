import BasinAtoms
import BasinMath
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
        /// Wall-clock seconds of each evaluation in each stage: neighbor_list (a full
        /// rebuild), descriptors, networks and forces.
        var stages: [String: [Double]]
        /// The same by the processor time of the evaluating thread (`CLOCK_THREAD_CPUTIME_ID`),
        /// which a busy machine disturbs far less than wall time; with several threads it
        /// counts only the calling thread's share.
        var threadProcessorStages: [String: [Double]]
        /// The same by the processor time of the whole process, all threads.
        var processProcessorStages: [String: [Double]]
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
        var readings: [String: [ClockReading]] = Dictionary(uniqueKeysWithValues: Self.stageNames.map { ($0, []) })
        for _ in 0..<evaluations {
            var start = ClockReading.now()
            try calculator.neighbors.build(for: configuration)
            readings["neighbor_list"]!.append(ClockReading.lap(since: &start))
            times.reset()
            nnp.evaluate(configuration, neighbors: calculator.neighbors, properties: [.energy, .forces, .virial],
                         into: &result, workspace: calculator.workspace)
            readings["descriptors"]!.append(times.descriptors)
            readings["networks"]!.append(times.networks)
            readings["forces"]!.append(times.forces)
        }
        func by(_ clock: KeyPath<ClockReading, Double>) -> [String: [Double]] { readings.mapValues { $0.map { $0[keyPath: clock] } } }
        let stages = by(\.wall)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let report = TimingReport(
            atoms: configuration.count, threads: calculator.threads, evaluations: evaluations, energy: result.energy,
            peakResidentMiB: Double(usage.ru_maxrss) / 1024, stages: stages,
            threadProcessorStages: by(\.thread), processProcessorStages: by(\.process))
        if json {
            try Output.json(report)
            return
        }
        print("# \(report.atoms) atoms, \(report.threads) thread(s), \(evaluations) evaluations, energy \(report.energy)")
        print("# stage          median ms   min ms   thread processor ms (median)")
        for name in Self.stageNames {
            let t = stages[name]!.sorted(), cpu = report.threadProcessorStages[name]!.sorted()
            print(name.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + String(format: " %9.2f %8.2f %9.2f", 1e3 * t[t.count / 2], 1e3 * t[0], 1e3 * cpu[cpu.count / 2]))
        }
        print(String(format: "peak resident memory %.0f MiB", report.peakResidentMiB))
    }
}
