import ArgumentParser
import BasinAtoms
import BasinIO
import BasinPaths
import Foundation

extension TimeActivation: ExpressibleByArgument {}
extension PretrainingTarget: ExpressibleByArgument {}

/// `basin path`: a least-action trajectory between two structures, as a network Q(t) trained
/// on the Onsager–Machlup action.
struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the trajectory between two structures T apart: a network Q(t) trained on the Onsager–Machlup action.",
        discussion: """
            The network Q(t) = W₁ σ(w₀ t/T + b₀) + b₁ gives all coordinates at any time, with exact \
            velocities and accelerations. It is first fitted to the straight line between the end \
            points (or, with --pretrain-target velocities, to the end points and end velocities), \
            then trained with NAdam on
              L = w_A Σ|MQ̈ + ∇V|²Δt + λ₁|Q(0) − Q₀|² + λ₂|Q(T) − Q_T|² + λ₃ mean(E − E₀)²
            over N_t + 1 grid times (Wang et al., J. Chem. Inf. Model. 62, 3346, 2022). E₀ is \
            --total-energy, else the start's energy when the start file has velocities, else the \
            mean along the path. The start is the first structure of its file, the end the last \
            of its file.

            --search-trials N draws λ₁, λ₂, λ₃ log-uniformly over --search-decades decades around \
            the given values, trains each trial --search-steps steps from the same pre-trained \
            network, and keeps the weights whose network has the lowest loss at the given weights \
            (the action residual with the end-point and energy terms at fixed weights).

            --reference md.xyz compares the path with a trajectory whose frames are evenly spaced \
            from 0 to T (e.g. the MD run the end points came from): position and momentum RMSD at \
            each frame's time, g(r) (periodic cells) and VACF of both; --comparison PREFIX writes \
            them as CSV and SVG.

            --state saves the run (every --save-every steps, at the end and on Ctrl-C) and \
            resumes it when the file exists; the outputs use the best network met.

            Example (LJ₁₃, reduced units):
              basin path fcc13.xyz ico13.xyz --cutoff none --duration 1 \\
                --intervals 100 --hidden 32 --steps 20000 --output path.xyz \\
                --energies path.csv --quench --state run.json
            """)

    @Argument(help: "Start structure file (its first structure is Q₀; velocities, if any, give V₀ and E₀).")
    var start: String

    @Argument(help: "End structure file (its last structure is Q_T).")
    var end: String

    @OptionGroup var potential: PotentialOptions

    @Option(help: "T, the time between the end points (time units: τ in lj, ps in metal).")
    var duration: Double

    @Option(help: "N_t, grid intervals over [0, T] (N_t + 1 grid times; at least 3).")
    var intervals = 100

    @Option(help: "Hidden units of the network.")
    var hidden = 32

    @Option(help: "Activation of the hidden layer: sigmoid or tanh.")
    var activation: TimeActivation = .sigmoid

    @Option(help: "Hidden slopes of a new network are uniform in ± this (per unit of t/T).")
    var initialSlope = 8.0

    @Option(help: "What the pre-training fits: line (the straight line between the end points) or velocities (the end points, V₀ over the first half of T and V_T over the second; needs velocities in both files).")
    var pretrainTarget: PretrainingTarget = .line

    @Option(help: "NAdam steps of the pre-training.")
    var pretrainSteps = 2000

    @Option(help: "Learning rate of the pre-training.")
    var pretrainLearningRate = 0.01

    @Option(help: "Main-training NAdam steps (in total, counting those of a resumed run).")
    var steps = 10_000

    @Option(help: "Learning rate of the main training.")
    var learningRate = 0.001

    @Option(help: "Multiply the learning rate by this every --decay-every steps (1: constant).")
    var decay = 1.0

    @Option(help: "Steps between learning-rate decays.")
    var decayEvery = 1000

    @Option(help: "NAdam's β₁ (momentum), in pre-training and training.")
    var beta1 = 0.9

    @Option(help: "NAdam's β₂ (decay of the squared-gradient average).")
    var beta2 = 0.999

    @Option(help: "ψ of NAdam's momentum schedule β₁(1 − ½·0.96^(ψt)); 1000 gives β₁ from the first step.")
    var momentumDecay = 0.004

    @Option(help: "Weight of the action term.")
    var actionWeight = 1.0

    @Option(help: "λ₁, weight of |Q(0) − Q₀|².")
    var startWeight = 1.0

    @Option(help: "λ₂, weight of |Q(T) − Q_T|².")
    var endWeight = 1.0

    @Option(help: "λ₃, weight of the energy-conservation term.")
    var energyWeight = 1.0

    @Option(help: "Weight of |Q̇(0) − V₀|² (needs velocities in the start file).")
    var startVelocityWeight = 0.0

    @Option(help: "Weight of |Q̇(T) − V_T|² (needs velocities in the end file).")
    var endVelocityWeight = 0.0

    @Option(help: "E₀, the total energy the path should keep (energy units).")
    var totalEnergy: Double?

    @Option(help: "Trials of the random search of λ₁, λ₂, λ₃ before the main training (0: no search).")
    var searchTrials = 0

    @Option(help: "NAdam steps per search trial.")
    var searchSteps = 200

    @Option(help: "Width in decades of the log-uniform sampling of each λ around its given value.")
    var searchDecades = 2.0

    @Option(help: "Seed of the weight search.")
    var searchSeed: UInt64 = 1

    @Flag(help: "Hessian–vector products by a central difference of forces even when the potential has an analytic Hessian.")
    var forceDifference = false

    @Option(help: "Step ε of the force-difference Hessian products (length units).")
    var differenceStep = 1e-4

    @Option(help: "Seed of the initial weights.")
    var seed: UInt64 = 1

    @Option(help: "Save the run here (JSON) and resume from it when it exists.")
    var state: String?

    @Option(help: "Main-training steps between saves of --state.")
    var saveEvery = 1000

    @Option(help: "Write the trajectory (positions, velocities, energies) to this extxyz file.")
    var output: String?

    @Option(help: "Frames of --output, evenly spaced from 0 to T (any resolution: the network is continuous).")
    var frames = 101

    @Option(help: "Write time, potential, kinetic and total energy of each frame to this CSV file.")
    var energies: String?

    @Option(help: "A trajectory to compare the path with; its frames are taken as evenly spaced from 0 to T.")
    var reference: String?

    @Option(help: "With --reference: write PREFIX-rmsd.csv, PREFIX-gr.csv, PREFIX-vacf.csv and their SVG plots.")
    var comparison: String?

    @Flag(help: "Relax every frame to its local minimum (L-BFGS) and report the minima the path passes.")
    var quench = false

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    func validate() throws {
        guard duration > 0, duration.isFinite else { throw ValidationError("--duration must be positive") }
        guard intervals >= 3 else { throw ValidationError("--intervals must be at least 3 (got \(intervals))") }
        guard intervals <= 1_000_000 else { throw ValidationError("--intervals must be at most 1000000 (got \(intervals))") }
        guard (1...100_000).contains(hidden) else { throw ValidationError("--hidden must be from 1 to 100000") }
        guard steps >= 0, pretrainSteps >= 0 else { throw ValidationError("--steps and --pretrain-steps must be non-negative") }
        guard (2...1_000_000).contains(frames) else { throw ValidationError("--frames must be from 2 to 1000000") }
        guard saveEvery >= 1 else { throw ValidationError("--save-every must be at least 1") }
        guard differenceStep > 0, differenceStep.isFinite else { throw ValidationError("--difference-step must be positive") }
        guard (0...10_000).contains(searchTrials) else { throw ValidationError("--search-trials must be from 0 to 10000") }
        if let search = weightSearch {
            do { try search.validate() } catch { throw ValidationError(error.description) }
        }
        guard comparison == nil || reference != nil else { throw ValidationError("--comparison needs --reference") }
    }

    func run() throws {
        let units = potential.unitSystem
        let startFrames = try StructureFile.read(from: URL(fileURLWithPath: start), units: units)
        let endFrames = try StructureFile.read(from: URL(fileURLWithPath: end), units: units)
        guard let first = startFrames.first, let last = endFrames.last else { throw CommandError("a structure file holds no structure") }
        try checkOutputNames()
        let problem = try LeastActionProblem(
            start: first.configuration, end: last.configuration, potential: try potential.makePotential(),
            duration: duration, intervals: intervals, weights: weights,
            energyReference: totalEnergy.map { .fixed($0) },
            hessianProduct: forceDifference ? .forceDifference(step: differenceStep) : nil)
        let referenceFrames = try reference.map { try StructureFile.read(from: URL(fileURLWithPath: $0), units: units) }
        if let referenceFrames { try PathComparison.check(referenceFrames.map(\.configuration), against: problem) }
        let outcome = try train(try makeTraining(problem))
        let best = outcome.training.state.bestNetwork
        let samples = try PathSample.samples(of: best, problem: problem, count: frames)
        let compared = try referenceFrames.map { try PathComparison(network: best, problem: problem, reference: $0.map(\.configuration)) }
        if let compared, let comparison { try write(compared, prefix: comparison) }
        let quenched = quench ? try FrameQuench.run(samples.map(\.configuration), potential: problem.potential) : nil
        if let output {
            try StructureFile.write(samples.map(\.frame), to: URL(fileURLWithPath: output), requiring: .severalFrames)
        }
        if let energies { try AtomicFile.write(Self.energyTable(samples, quench: quenched), to: URL(fileURLWithPath: energies)) }
        try report(outcome: outcome, samples: samples, quench: quenched, comparison: compared)
        if let number = outcome.signal {
            Output.note("interrupted after step \(outcome.training.state.step) of \(steps); the outputs of the best network so far are written")
            throw ExitCode(Interruption.exitStatus(for: number))
        }
    }

    var weights: ActionWeights {
        ActionWeights(action: actionWeight, start: startWeight, end: endWeight, energy: energyWeight,
                      startVelocity: startVelocityWeight, endVelocity: endVelocityWeight)
    }

    /// The weight search asked for, if any.
    var weightSearch: WeightSearch? {
        searchTrials > 0 ? WeightSearch(trials: searchTrials, steps: searchSteps, decades: searchDecades, seed: searchSeed) : nil
    }

    var settings: LeastActionSettings {
        LeastActionSettings(
            hiddenCount: hidden, activation: activation, initialSlope: initialSlope, pretrainingTarget: pretrainTarget,
            pretrainingSteps: pretrainSteps, pretrainingLearningRate: pretrainLearningRate, learningRate: learningRate,
            decayFactor: decay, decayInterval: decayEvery, beta1: beta1, beta2: beta2, momentumDecay: momentumDecay,
            seed: seed)
    }

    /// Refuses output names that cannot be written before any work is done.
    func checkOutputNames() throws {
        if let output { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: output), requested: nil, holding: .severalFrames) }
        let comparisonFiles = comparison.map { prefix in ["rmsd", "gr", "vacf"].map { "\(prefix)-\($0).csv" } } ?? []
        for name in [energies, state].compactMap({ $0 }) + comparisonFiles {
            let directory = URL(fileURLWithPath: name).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandError("\(name): the folder \(directory) does not exist")
            }
        }
    }

    func makeTraining(_ problem: LeastActionProblem) throws -> LeastActionTraining {
        let threads = potential.threads
        guard let state, FileManager.default.fileExists(atPath: state) else {
            return try LeastActionTraining(problem: problem, settings: settings, threads: threads)
        }
        let saved: LeastActionState
        do {
            saved = try LeastActionState(jsonData: Data(contentsOf: URL(fileURLWithPath: state)))
        } catch {
            throw CommandError("\(state): not a saved least-action run (\(error.localizedDescription))")
        }
        // A run past its weight search continues with the weights the search chose.
        if weightSearch != nil, saved.step > 0, let searched = saved.bestLossWeights {
            return try LeastActionTraining(problem: try problem.reweighted(searched), state: saved, threads: threads)
        }
        return try LeastActionTraining(problem: problem, state: saved, threads: threads)
    }
}
