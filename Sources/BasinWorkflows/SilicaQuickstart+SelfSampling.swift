import BasinAtoms
import BasinDynamics
import BasinIO
import BasinMath
import BasinPotentials
import Foundation

extension SilicaQuickstart {
    /// What one round of sampling with the model's own dynamics found.
    public struct SelfSamplingRound: Sendable, Codable {
        /// Frames labelled with Vashishta (neither inside the core nor left out by force): the
        /// candidates the added frames are chosen from.
        public var candidates = 0
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
        /// Mean force RMSE (eV/Å) of the model against Vashishta over the candidates and over the
        /// frames added.
        public var candidateForceError = Double.nan
        public var addedForceError = Double.nan
    }

    /// Langevin dynamics of `model` from the melt at every self-sampling temperature (the
    /// validation's warm-up, with other velocities and noise), each `selfSamplingInterval`th
    /// configuration after the start labelled with Vashishta: the states the model drifts into,
    /// which the reference sampling never visits. Of each run's candidates the
    /// `selfSamplingKeptPerRun` on which the model's forces err most are added (the holes the
    /// run found; all when nil). A run that goes unstable ends there and keeps its frames. A
    /// configuration with a pair closer than that pair's `coreCutoffs` (the repulsive core's
    /// outer cutoffs, Å) is left out: the reference's own sampling never came so close, the core
    /// takes over there by design, and the frame's residual would hold minus the core, which the
    /// networks would then have to fit.
    func selfSample(
        model: any Potential, melt: Configuration, round: Int, coreCutoffs: [SpeciesPair: Double]?, progress: @escaping (Int, Int) -> Void
    ) throws -> (frames: [Frame], summary: SelfSamplingRound) {
        let s = settings
        let total = s.selfSamplingTemperatures.count * s.selfSamplingSteps
        var summary = SelfSamplingRound()
        let reference = referenceCalculator
        let modelCalculator = Calculator(potential: model, threads: s.threads)
        var frames: [Frame] = []
        var candidateErrors: [Double] = [], addedErrors: [Double] = []
        var visitedBefore = 0
        for (k, temperature) in s.selfSamplingTemperatures.enumerated() {
            let seed = s.seed &+ 5005 &+ UInt64(100 * round + k)
            let simulation = try Simulation(
                configuration: try start(melt, temperature: temperature, seed: seed), calculator: modelCalculator,
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
            var candidates: [(frame: Frame, error: Double)] = []
            for (index, configuration) in visited.enumerated() {
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
                let predicted = try modelCalculator.evaluate(c, [.forces]).forces
                let error = (zip(predicted, evaluation.forces).map { (($0 - $1) * ($0 - $1)).sum() }.reduce(0, +) / Double(3 * c.count)).squareRoot()
                let frame = Frame(
                    configuration: c, energy: evaluation.energy, forces: evaluation.forces,
                    info: [N2P2Data.commentKey: "model MD, self-sampling round \(round), frame \(visitedBefore + index)"])
                candidates.append((frame, error.isFinite ? error : .infinity))
            }
            let kept = Self.largestErrors(candidates.map(\.error), keeping: s.selfSamplingKeptPerRun)
            frames += kept.map { candidates[$0].frame }
            candidateErrors += candidates.map(\.error)
            addedErrors += kept.map { candidates[$0].error }
            visitedBefore += visited.count
        }
        summary.candidates = candidateErrors.count
        summary.candidateForceError = candidateErrors.isEmpty ? .nan : candidateErrors.reduce(0, +) / Double(candidateErrors.count)
        summary.addedForceError = addedErrors.isEmpty ? .nan : addedErrors.reduce(0, +) / Double(addedErrors.count)
        summary.added = frames.count
        return (frames, summary)
    }

    /// The indices of the `count` largest `errors`, in their original order (all when nil).
    static func largestErrors(_ errors: [Double], keeping count: Int?) -> [Int] {
        guard let count, count < errors.count else { return Array(errors.indices) }
        return errors.indices.sorted { errors[$0] > errors[$1] }.prefix(count).sorted()
    }
}
