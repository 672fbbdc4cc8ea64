import BasinAtoms
import BasinDescriptors
import BasinDynamics
import BasinIO
import BasinMath
import BasinNN
import BasinNNP
import BasinOptimize
import BasinPlots
import BasinPotentials
import BasinSampling
import BasinTraining
import Foundation

/// Basin's main job from nothing: a validated Behler–Parrinello potential for Stillinger–Weber
/// silicon.
///
/// 1. Sampling: Langevin MD with SW silicon on diamond cells at several temperatures (crystal
///    and liquid), frames kept at a fixed interval → `data/input.data` (n2p2).
/// 2. Symmetry functions: `SymmetryFunctionGenerator` from the shortest distance in the data
///    (found with a neighbor list) to the cutoff.
/// 3. Training (`TrainingJob`): Adam with an exponentially decaying rate on a seeded
///    train/test split → `model/` (n2p2 folder), `learning-curve.csv` and `.svg`, `parity.svg`.
/// 4. Validation: held-out RMSEs; NVE energy drift with the trained model; g(r) of the model
///    against SW at the same state (Langevin NVT, same start, same bins), averaged in blocks
///    to estimate its noise.
/// 5. Report: `report.md`, `g-of-r.csv` and `.svg`.
///
/// Every file is written whole (temporary file or folder, then rename).
public struct SiliconQuickstart: Sendable {
    /// Everything the job does; `default` is the real run, `tiny` a seconds-long smoke test.
    public struct Settings: Sendable, Codable, Equatable {
        // Sampling.
        public var latticeConstant = 5.431
        /// Conventional cells per edge of the training cells (2 → 64 atoms).
        public var cells = 2
        public var temperatures: [Double] = [300, 800, 1300, 1800, 2500]
        public var equilibrationSteps = 1000
        public var sampledSteps = 2000
        public var sampleInterval = 20
        public var timeStep = 0.001
        // Symmetry functions.
        public var cutoff = 5.5
        public var cutoffType = 6
        public var shiftedRadial = 6
        public var centredRadial = 6
        public var angularWidths = 2
        public var zetaMax = 16.0
        public var training = QuickstartTraining.Settings(
            hiddenLayers: [20, 20], epochs: 150, batchSize: 8, learningRate: 0.002, finalLearningRate: 0.0001)
        // Validation.
        public var validationTemperature = 1000.0
        /// Conventional cells per edge of the validation cell.
        public var validationCells = 2
        public var nveSteps = 20_000
        /// Langevin steps before the NVE run and before g(r) sampling.
        public var validationEquilibrationSteps = 2000
        public var rdfSteps = 30_000
        public var rdfInterval = 10
        public var rdfBlocks = 8
        public var rdfMaximumRadius = 5.0
        public var rdfBins = 100
        // Targets.
        public var energyTarget = 0.002
        public var forceTarget = 0.080
        public var driftTarget = 1.0
        public var rdfTarget = 0.05
        public var seed: UInt64 = 1
        public var threads = 2

        public init() {}

        /// The real run: about 500 frames of 64 atoms, 150 epochs, 20 ps NVE, 30 ps g(r) per potential.
        public static let `default` = Settings()

        /// A smoke test that touches every stage in seconds (debug build).
        public static var tiny: Settings {
            var s = Settings()
            s.temperatures = [300, 2500]
            s.equilibrationSteps = 10
            s.sampledSteps = 20
            s.sampleInterval = 5
            s.shiftedRadial = 2
            s.centredRadial = 2
            s.angularWidths = 1
            s.zetaMax = 1
            s.training = .tiny
            s.nveSteps = 20
            s.validationEquilibrationSteps = 5
            s.rdfSteps = 20
            s.rdfInterval = 5
            s.rdfBlocks = 2
            s.rdfBins = 20
            s.threads = 1
            return s
        }

        /// Total sampling MD steps.
        public var samplingSteps: Int { temperatures.count * (equilibrationSteps + sampledSteps) }

        public func validate() throws(TrainingError) {
            guard !temperatures.isEmpty, temperatures.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw TrainingError(reason: "give positive temperatures")
            }
            guard cells >= 1, validationCells >= 1 else { throw TrainingError(reason: "cells must be at least 1") }
            guard sampleInterval >= 1, sampledSteps >= 0, equilibrationSteps >= 0 else { throw TrainingError(reason: "bad sampling steps") }
            guard timeStep > 0, latticeConstant > 0, cutoff > 0 else { throw TrainingError(reason: "need a positive time step, lattice constant and cutoff") }
            guard CutoffKind(rawValue: cutoffType) != nil else { throw TrainingError(reason: "cutoff type must be 0-8") }
            try training.validate()
            guard nveSteps >= 2, rdfSteps >= 1, rdfInterval >= 1, rdfBlocks >= 1, rdfBins >= 1, rdfMaximumRadius > 0 else {
                throw TrainingError(reason: "bad validation settings")
            }
        }
    }

    /// The job's stages, in order.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        case sampling, symmetryFunctions = "symmetry-functions", training, nve, rdfReference = "g(r) SW", rdfModel = "g(r) NNP", report
    }

    /// Where the job stands.
    public struct Progress: Sendable {
        public var stage: Stage
        public var completed: Int
        public var total: Int
        /// A line worth printing as it is (an epoch's errors), or nil.
        public var message: String?
    }

    /// What the job measured.
    public struct Result: Sendable, Codable {
        public struct Timings: Sendable, Codable {
            public var sampling = 0.0, symmetryFunctions = 0.0, training = 0.0, nve = 0.0, rdf = 0.0, report = 0.0, total = 0.0
        }
        public struct Passes: Sendable, Codable {
            public var energy: Bool, forces: Bool, drift: Bool, rdf: Bool
            public var all: Bool { energy && forces && drift && rdf }
        }
        public var frames = 0
        public var shortestDistance = 0.0
        public var symmetryFunctionCount = 0
        public var training = QuickstartTraining.Summary()
        /// Slope of a least-squares line through the NVE total energy per atom (meV/atom/ps).
        public var driftMeVPerAtomPerPs = 0.0
        public var nveMeanTemperature = 0.0
        /// max_r |g_NNP(r) − g_SW(r)| and the largest standard error of the difference from the
        /// block averages (its statistical noise).
        public var rdfMaxDifference = 0.0
        public var rdfMaxDifferenceRadius = 0.0
        public var rdfNoise = 0.0
        /// g(r) samples averaged per potential.
        public var rdfSamples = 0
        public var passes = Passes(energy: false, forces: false, drift: false, rdf: false)
        public var timings = Timings()
    }

    public var settings: Settings

    public init(settings: Settings = .default) {
        self.settings = settings
    }

    /// The reference potential.
    public static var referencePotential: StillingerWeber { StillingerWeber(element: "Si", parameters: .silicon) }

    /// Runs every stage, writing into `directory` (created if needed).
    public func run(directory: URL, progress: ((Progress) -> Void)? = nil) throws -> Result {
        let s = settings
        try s.validate()
        let manager = FileManager.default
        let dataDirectory = directory.appendingPathComponent("data")
        try manager.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let clock = ContinuousClock()
        let jobStart = clock.now
        var result = Result()
        let silicon = try Element(symbol: "Si")
        let sw = Self.referencePotential

        // 1. Sampling.
        var stageStart = clock.now
        let lattice = try Lattice.diamond.build(element: silicon, latticeConstant: s.latticeConstant, cells: SIMD3(repeating: s.cells))
        let sampler = ReferenceSampler(
            temperatures: s.temperatures, steps: s.sampledSteps, equilibrationSteps: s.equilibrationSteps, timeStep: s.timeStep,
            selection: .fixedInterval(s.sampleInterval), seed: s.seed)
        let sample = try sampler.sample([lattice], calculator: Calculator(potential: sw, threads: s.threads)) { p in
            progress?(Progress(stage: .sampling, completed: p.completedSteps, total: p.totalSteps))
        }
        let frames = try trainingFrames(of: sample, writingTo: dataDirectory.appendingPathComponent("input.data"))
        result.frames = frames.count
        result.timings.sampling = Self.seconds(clock.now - stageStart)

        // 2. Symmetry functions.
        stageStart = clock.now
        progress?(Progress(stage: .symmetryFunctions, completed: 0, total: frames.count))
        let shortest = try Self.shortestDistance(frames.map(\.configuration), below: s.cutoff)
        result.shortestDistance = shortest
        let kind = CutoffKind(rawValue: s.cutoffType)!
        let generator = SymmetryFunctionGenerator(
            shiftedCount: s.shiftedRadial, centredCount: s.centredRadial, angularWidthCount: s.angularWidths, zetaMax: s.zetaMax,
            cutoffKind: kind)
        let set = generator.set(central: silicon, elements: [silicon], shortest: shortest, cutoff: s.cutoff)
        result.symmetryFunctionCount = set.functions.count
        let nnpSettings = NNPSettings(
            elements: [silicon], cutoffKind: kind, symmetryFunctions: [set], scaling: .scaleCenter, architectures: [s.training.architecture])
        let structures = try Dataset.structures(from: frames, file: "data/input.data", settings: nnpSettings)
        let dataset = Dataset(structures: structures)
        progress?(Progress(stage: .symmetryFunctions, completed: frames.count, total: frames.count))
        result.timings.symmetryFunctions = Self.seconds(clock.now - stageStart)

        // 3. Training.
        stageStart = clock.now
        let (trained, summary) = try QuickstartTraining.run(
            s.training, model: nnpSettings, dataset: dataset, referenceName: "SW", seed: s.seed, threads: s.threads, directory: directory
        ) { epoch, line in progress?(Progress(stage: .training, completed: epoch, total: s.training.epochs, message: line)) }
        let model = trained.model
        result.training = summary
        result.timings.training = Self.seconds(clock.now - stageStart)

        // 4a. NVE drift with the model, from a state equilibrated at the validation temperature.
        stageStart = clock.now
        let nnp = NeuralNetworkPotential(model: model, units: .metal)
        let nnpCalculator = Calculator(potential: nnp, threads: s.threads)
        var start = try Lattice.diamond.build(
            element: silicon, latticeConstant: s.latticeConstant, cells: SIMD3(repeating: s.validationCells))
        var velocityGenerator = SeededGenerator(seed: s.seed &+ 1001)
        try MaxwellBoltzmann.assign(to: &start, temperature: s.validationTemperature, generator: &velocityGenerator)
        let damping = 100 * s.timeStep
        let equilibrate = s.validationEquilibrationSteps
        let drift = try QuickstartDynamics.nveDrift(
            from: start, calculator: nnpCalculator, temperature: s.validationTemperature, timeStep: s.timeStep, damping: damping,
            noiseSeed: s.seed &+ 2002, equilibrationSteps: equilibrate, steps: s.nveSteps
        ) { done, total in progress?(Progress(stage: .nve, completed: done, total: total)) }
        result.driftMeVPerAtomPerPs = drift.meVPerAtomPerPs
        result.nveMeanTemperature = drift.meanTemperature
        try QuickstartDynamics.writeEnergies(drift, to: directory.appendingPathComponent("nve-energy.csv"))
        result.timings.nve = Self.seconds(clock.now - stageStart)

        // 4b. g(r), model vs SW: same start, same Langevin noise seed, same bins.
        stageStart = clock.now
        var rdfs: [BlockRadialDistribution] = []
        for (index, potential) in [sw as any Potential, nnp as any Potential].enumerated() {
            let stage: Stage = index == 0 ? .rdfReference : .rdfModel
            let samples = s.rdfSteps / s.rdfInterval
            let rdf = try BlockRadialDistribution(
                maximumRadius: s.rdfMaximumRadius, binCount: s.rdfBins, blocks: s.rdfBlocks,
                samplesPerBlock: max(1, samples / s.rdfBlocks), firstStep: equilibrate + s.rdfInterval, interval: s.rdfInterval)
            try QuickstartDynamics.langevin(
                from: start, calculator: Calculator(potential: potential, threads: s.threads), temperature: s.validationTemperature,
                timeStep: s.timeStep, damping: damping, noiseSeed: s.seed &+ 3003, equilibrationSteps: equilibrate, steps: s.rdfSteps,
                observers: [(rdf, s.rdfInterval)]
            ) { done, total in progress?(Progress(stage: stage, completed: done, total: total)) }
            rdfs.append(rdf)
        }
        let radii = rdfs[0].radii, gSW = rdfs[0].values, gNNP = rdfs[1].values
        let errSW = rdfs[0].standardErrors, errNNP = rdfs[1].standardErrors
        var worst = 0
        for k in radii.indices where abs(gNNP[k] - gSW[k]) > abs(gNNP[worst] - gSW[worst]) { worst = k }
        result.rdfMaxDifference = abs(gNNP[worst] - gSW[worst])
        result.rdfMaxDifferenceRadius = radii[worst]
        result.rdfNoise = radii.indices.map { (errSW[$0] * errSW[$0] + errNNP[$0] * errNNP[$0]).squareRoot() }.max() ?? 0
        result.rdfSamples = rdfs[1].sampleCount
        var rdfText = "r,g_sw,g_nnp,difference,stderr_sw,stderr_nnp\n"
        for k in radii.indices {
            rdfText += "\(radii[k]),\(gSW[k]),\(gNNP[k]),\(gNNP[k] - gSW[k]),\(errSW[k]),\(errNNP[k])\n"
        }
        try Data(rdfText.utf8).write(to: directory.appendingPathComponent("g-of-r.csv"), options: .atomic)
        result.timings.rdf = Self.seconds(clock.now - stageStart)

        // 5. Report.
        stageStart = clock.now
        progress?(Progress(stage: .report, completed: 0, total: 1))
        result.passes = Result.Passes(
            energy: result.training.testEnergyRMSE <= s.energyTarget, forces: result.training.testForceRMSE <= s.forceTarget,
            drift: abs(result.driftMeVPerAtomPerPs) <= s.driftTarget, rdf: result.rdfMaxDifference <= s.rdfTarget)
        let density = Double(start.count) / start.cell.volume
        let statePoint = String(
            format: "Si, %ld atoms, %.0f K (Langevin), %.4f atoms/Å³ (a = %.4g Å)",
            start.count, s.validationTemperature, density, s.latticeConstant)
        try Self.rdfPlot(radii: radii, sw: gSW, nnp: gNNP, statePoint: statePoint)
            .write(to: directory.appendingPathComponent("g-of-r.svg"))
        result.timings.report = Self.seconds(clock.now - stageStart)
        result.timings.total = Self.seconds(clock.now - jobStart)
        try Data(report(result, sample: sample).utf8).write(to: directory.appendingPathComponent("report.md"), options: .atomic)
        progress?(Progress(stage: .report, completed: 1, total: 1))
        return result
    }

    // MARK: - Pieces

    /// The shortest interatomic distance (periodic images included) over `configurations`,
    /// with a neighbor list of cutoff `below` (O(N) per configuration).
    public static func shortestDistance(_ configurations: [Configuration], below cutoff: Double) throws -> Double {
        guard let shortest = try shortestDistances(configurations, below: cutoff).values.min() else {
            throw TrainingError(reason: "no pair of atoms within \(cutoff) Å")
        }
        return shortest
    }

    /// g(r) of the reference and the model; the title states the state point.
    static func rdfPlot(radii: [Double], sw: [Double], nnp: [Double], statePoint: String) -> SVGPlot {
        var plot = SVGPlot(title: "g(r): \(statePoint)", xLabel: "r (Å)", yLabel: "g(r)")
        plot.add(.init(name: "SW", points: zip(radii, sw).map { ($0, $1) }, color: SVGPlot.palette[0]))
        plot.add(.init(name: "NNP", points: zip(radii, nnp).map { ($0, $1) }, color: SVGPlot.palette[1], dashed: true))
        return plot
    }

    func report(_ r: Result, sample: ReferenceSample) -> String {
        let s = settings
        func mark(_ ok: Bool) -> String { ok ? "PASS" : "FAIL" }
        func f(_ v: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", v) }
        var text = """
            # Basin quickstart: Stillinger–Weber silicon

            Overall: **\(r.passes.all ? "PASS" : "FAIL")** (seed \(s.seed), \(s.threads) threads, total \(f(r.timings.total, 1)) s)

            | check | value | target | result |
            |---|---|---|---|
            | test energy RMSE | \(f(1000 * r.training.testEnergyRMSE)) meV/atom | ≤ \(f(1000 * s.energyTarget, 1)) | \(mark(r.passes.energy)) |
            | test force RMSE | \(f(1000 * r.training.testForceRMSE, 1)) meV/Å | ≤ \(f(1000 * s.forceTarget, 0)) | \(mark(r.passes.forces)) |
            | NVE drift (\(Int(s.validationTemperature)) K, \(f(Double(s.nveSteps) * s.timeStep, 1)) ps) | \(String(format: "%.2e", r.driftMeVPerAtomPerPs)) meV/atom/ps | \\|·\\| ≤ \(f(s.driftTarget, 1)) | \(mark(r.passes.drift)) |
            | max \\|Δg(r)\\| vs SW | \(f(r.rdfMaxDifference)) (at r = \(f(r.rdfMaxDifferenceRadius, 2)) Å; noise ≈ \(f(r.rdfNoise))) | ≤ \(f(s.rdfTarget, 2)) | \(mark(r.passes.rdf)) |

            ## Data
            - Reference: Stillinger–Weber silicon (built-in parameters), diamond a = \(s.latticeConstant) Å, \(s.cells)³ cells (\(8 * s.cells * s.cells * s.cells) atoms)
            - Langevin, Δt = \(s.timeStep * 1000) fs, damping 100 Δt, \(s.equilibrationSteps) equilibration + \(s.sampledSteps) sampled steps per temperature, every \(s.sampleInterval)th step kept
            - Frames: \(r.frames) (\(r.training.trainStructures) train, \(r.training.testStructures) test); data/input.data (n2p2)

            | T (K) | frames | E/atom min (eV) | E/atom max (eV) | rms F (eV/Å) |
            |---|---|---|---|---|

            """
        for t in sample.summary() {
            text += "| \(Int(t.temperature)) | \(t.frames) | \(t.energyPerAtomMinimum.map { f($0, 4) } ?? "-") | \(t.energyPerAtomMaximum.map { f($0, 4) } ?? "-") | \(t.forceRMS.map { f($0, 3) } ?? "-") |\n"
        }
        text += """

            ## Model
            - Symmetry functions: \(r.symmetryFunctionCount) (\(s.shiftedRadial) shifted + \(s.centredRadial) centred radial, \(s.angularWidths) angular widths × ζ ≤ \(Int(s.zetaMax)) × λ = ±1), r_c = \(s.cutoff) Å, cutoff type \(s.cutoffType), r_min = \(f(r.shortestDistance)) Å
            - Network: \(s.training.hiddenLayers.map(String.init).joined(separator: "-")) tanh, \(r.training.parameterCount) weights, scale-center scaling, energies normalized (mean, σ)
            \(r.training.reportLine(s.training))

            ## Validation
            - NVE: \(8 * s.validationCells * s.validationCells * s.validationCells) atoms, \(s.validationEquilibrationSteps) Langevin steps at \(Int(s.validationTemperature)) K, then \(s.nveSteps) velocity-Verlet steps (Δt = \(s.timeStep * 1000) fs); mean T \(f(r.nveMeanTemperature, 0)) K; drift = least-squares slope of the total energy per atom, sampled every 10 steps (nve-energy.csv)
            - g(r): SW and NNP each \(s.validationEquilibrationSteps) + \(s.rdfSteps) Langevin steps at \(Int(s.validationTemperature)) K from the same start and noise seed; \(r.rdfSamples) samples each (every \(s.rdfInterval) steps) in \(s.rdfBlocks) blocks; \(s.rdfBins) bins to \(s.rdfMaximumRadius) Å (width \(f(s.rdfMaximumRadius / Double(s.rdfBins), 3)) Å); noise = largest block standard error of Δg (g-of-r.csv, g-of-r.svg)

            ## Timings (s)
            | sampling | symmetry functions | training | NVE | g(r) | report | total |
            |---|---|---|---|---|---|---|
            | \(f(r.timings.sampling, 1)) | \(f(r.timings.symmetryFunctions, 1)) | \(f(r.timings.training, 1)) | \(f(r.timings.nve, 1)) | \(f(r.timings.rdf, 1)) | \(f(r.timings.report, 1)) | \(f(r.timings.total, 1)) |

            Files: data/input.data, model/, learning-curve.csv, learning-curve.svg, parity.svg, nve-energy.csv, g-of-r.csv, g-of-r.svg, report.md

            """
        return text
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
