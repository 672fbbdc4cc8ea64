import BasinAtoms
import BasinDynamics
import BasinIO
import BasinMath
import BasinPotentials
import Foundation

extension SilicaQuickstart {
    /// What one round of sampling with the model's own dynamics found.
    public struct SelfSamplingRound: Sendable, Codable {
        /// Frames labelled with Vashishta and added to the data.
        public var added = 0
        /// Frames left out because their largest Vashishta force exceeded `selfSamplingForceLimit`.
        public var dropped = 0
        /// Frames left out because a pair of atoms came inside the repulsive core (closer than
        /// its pair's outer cutoff).
        public var insideCore = 0
        /// Per self-sampling temperature: the steps the model ran (fewer than asked when it went
        /// unstable) and the mean Si–O–Si angle (degrees) of its last configuration.
        public var steps: [Int] = []
        public var lastSiOSi: [Double] = []
    }

    /// Langevin dynamics of `model` from the melt at every self-sampling temperature (the
    /// validation's warm-up, with other velocities and noise), each `selfSamplingInterval`th
    /// configuration after the start labelled with Vashishta: the states the model drifts into,
    /// which the reference sampling never visits. A run that goes unstable ends there and keeps
    /// its frames. A configuration with a pair closer than that pair's `coreCutoffs` (the
    /// repulsive core's outer cutoffs, Å) is left out: the reference's own sampling never came
    /// so close, the core takes over there by design, and the frame's residual would hold minus
    /// the core, which the networks would then have to fit.
    func selfSample(
        model: any Potential, melt: Configuration, round: Int, coreCutoffs: [SpeciesPair: Double]?, progress: @escaping (Int, Int) -> Void
    ) throws -> (frames: [Frame], summary: SelfSamplingRound) {
        let s = settings
        let total = s.selfSamplingTemperatures.count * s.selfSamplingSteps
        var summary = SelfSamplingRound()
        var configurations: [Configuration] = []
        for (k, temperature) in s.selfSamplingTemperatures.enumerated() {
            let seed = s.seed &+ 5005 &+ UInt64(100 * round + k)
            let simulation = try Simulation(
                configuration: try start(melt, temperature: temperature, seed: seed), calculator: Calculator(potential: model, threads: s.threads),
                integrator: try Langevin(timeStep: s.timeStep, temperature: temperature, damping: damping, generator: SeededGenerator(seed: seed &+ 1)))
            var visited: [Configuration] = []
            // Not the start: Vashishta's melt, the same in every run, which the reference sampling covers.
            try simulation.add(TrajectoryRecorder(properties: []) { if $0.step > 0 { visited.append($0.configuration) } }, every: s.selfSamplingInterval)
            var completed = 0
            do {
                try simulation.run(steps: s.selfSamplingSteps, progressEvery: max(1, s.selfSamplingSteps / 20)) { p in
                    completed = p.completedSteps
                    progress(k * s.selfSamplingSteps + p.completedSteps, total)
                }
                completed = s.selfSamplingSteps
            } catch is DynamicsError {
                // The model's trajectory left any sensible state; what it visited before is kept.
            }
            summary.steps.append(completed)
            summary.lastSiOSi.append(try visited.last.map { try Self.meanSiOSi(of: $0, bondCutoff: s.bondCutoff) } ?? .nan)
            configurations += visited
        }
        let reference = referenceCalculator
        var frames: [Frame] = []
        for (index, configuration) in configurations.enumerated() {
            var c = configuration
            c.velocities = nil
            if let coreCutoffs, let reach = coreCutoffs.values.max(),
               try shortestDistances([c], below: reach).contains(where: { pair, r in r < coreCutoffs[pair] ?? 0 }) {
                summary.insideCore += 1
                continue
            }
            let evaluation = try reference.evaluate(c, [.energy, .forces])
            let largest = evaluation.forces.map { ($0 * $0).sum() }.max() ?? 0
            guard evaluation.energy.isFinite, largest.squareRoot() <= s.selfSamplingForceLimit else {
                summary.dropped += 1
                continue
            }
            frames.append(Frame(
                configuration: c, energy: evaluation.energy, forces: evaluation.forces,
                info: [N2P2Data.commentKey: "model MD, self-sampling round \(round), frame \(index)"]))
        }
        summary.added = frames.count
        return (frames, summary)
    }
}
