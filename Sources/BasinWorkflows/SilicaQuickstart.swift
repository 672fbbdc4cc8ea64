import BasinAtoms
import BasinDynamics
import BasinIO
import BasinMath
import BasinNNP
import BasinPotentials
import BasinSampling
import BasinTraining
import Foundation

/// A validated two-element Behler–Parrinello potential for silica, from nothing, with
/// Vashishta SiO₂ (Vashishta, Kalia, Rino & Ebbsjö, Phys. Rev. B 41, 12197 (1990)) as the
/// reference.
///
/// 1. Sampling: β-cristobalite is melted by Langevin MD at `meltingTemperature`; then α-quartz,
///    β-cristobalite and the melt are each run at every sampling temperature (the melt at low
///    temperatures is quenched into amorphous silica) and the melt alone at every melt-only
///    temperature, frames kept at a fixed interval → `data/input.data` (n2p2).
/// 2. Symmetry functions, resolved by element: radial functions per neighbor element spread
///    from that element pair's shortest sampled distance to the cutoff, angular functions
///    per pair of neighbor elements (`SymmetryFunctionGenerator`).
/// 3. Training (`train`, one function): per-element networks fitted to Vashishta minus a fixed
///    baseline (`baseline`: `coulombBaseline`, `stericBaseline` and `chargeDipoleTail` beyond
///    the networks' cutoff) with `settings.training`'s optimizer on a seeded
///    train/test split → `model/` (with baseline.data), learning curve, parity plot; the model
///    is networks + baseline from then on. Then `selfSamplingRounds` times: the model's own
///    Langevin MD from the melt, its configurations labelled with Vashishta, those on which the
///    model errs most added to the data, and the fit repeated (`selfSample`).
/// 4. Validation: held-out RMSEs; the NVE energy drift of the model in the melt; partial g(r)
///    and bond-angle distributions of the model against Vashishta in the glass at
///    `glassTemperature` (the melt quenched and annealed by Vashishta) and in the melt
///    (Langevin, same start, same noise seed).
/// 5. Report: `report.md`, CSV files and SVG plots.
///
/// Every file is written whole (temporary file or folder, then rename).
public struct SilicaQuickstart: Sendable {
    public var settings: Settings

    public init(settings: Settings = .default) {
        self.settings = settings
    }

    /// The job's stages, in order.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        case melting, sampling, symmetryFunctions = "symmetry-functions", training, selfSampling = "self-sampling", nve
        case glass, structureReference = "structure Vashishta", structureModel = "structure NNP", report
    }

    /// Where the job stands.
    public struct Progress: Sendable {
        public var stage: Stage
        public var completed: Int
        public var total: Int
        /// A line worth printing as it is (an epoch's errors), or nil.
        public var message: String?
    }

    /// The reference potential: the built-in 1990 parameters.
    public static var referencePotential: Vashishta { Vashishta.published("SiO2")! }

    /// The fixed baseline under the networks: Vashishta's effective charges (Si +1.6, O −0.8)
    /// in LAMMPS's `coul/dsf` form with α = 0 and Vashishta's cutoff r_c = 10 Å. Vashishta's
    /// Coulomb term screens over λ1 = 999 Å, so what is left, reference − baseline, is the
    /// short-ranged steric, charge–dipole and three-body part.
    public static var coulombBaseline: DampedShiftedCoulomb {
        let vashishta = referencePotential
        let silicon = vashishta.entry("Si", "Si", "Si")!, oxygen = vashishta.entry("O", "O", "O")!
        return try! DampedShiftedCoulomb(charges: ["Si": silicon.zi, "O": oxygen.zi], alpha: 0, cutoff: silicon.rc)
    }

    /// Vashishta's steric term alone: H, η and r_c of each pair from the reference's entry i j j.
    public static var stericBaseline: StericRepulsion {
        let vashishta = referencePotential
        var terms: [ElementPair: StericRepulsion.Term] = [:]
        for entry in vashishta.entries where entry.elements.1 == entry.elements.2 {
            terms[ElementPair(entry.elements.0, entry.elements.1)] = .init(h: entry.h, eta: entry.eta, cutoff: entry.rc)
        }
        return try! StericRepulsion(elements: vashishta.elements, terms: terms)
    }

    /// Vashishta's charge–dipole term −D e^(−r/λ4)/r⁴ beyond `inner` (Å), the networks' cutoff:
    /// D, λ4 and r_c of each pair with D > 0 from the reference's entry i j j.
    public static func chargeDipoleTail(inner: Double) throws -> ChargeDipoleTail {
        let vashishta = referencePotential
        var terms: [ElementPair: ChargeDipoleTail.Term] = [:]
        for entry in vashishta.entries where entry.elements.1 == entry.elements.2 && entry.d > 0 {
            terms[ElementPair(entry.elements.0, entry.elements.1)] = .init(d: entry.d, lambda: entry.lambda4, inner: inner, cutoff: entry.rc)
        }
        return try ChargeDipoleTail(elements: vashishta.elements, terms: terms)
    }

    /// What the networks sit on: `coulombBaseline`, Vashishta's steric term and its charge–dipole
    /// tail beyond the networks' cutoff when `settings` asks for them and, when it asks for one,
    /// the ZBL core with each element pair's cutoffs below its `shortest` distance in the data (Å).
    static func baseline(_ settings: Settings, shortest: [SpeciesPair: Double]) throws -> ModelBaseline? {
        guard settings.coulombBaseline else { return nil }
        let coulomb = coulombBaseline
        let steric = settings.stericBaseline ? stericBaseline : nil
        let tail = settings.chargeDipoleTail ? try chargeDipoleTail(inner: settings.cutoff) : nil
        guard let core = settings.repulsiveCore else { return ModelBaseline(coulomb: coulomb, steric: steric, tail: tail) }
        var switching: [ElementPair: ScreenedNuclearRepulsion.Switching] = [:]
        for (pair, r) in shortest {
            let outer = r - core.margin
            guard outer - core.width > 0 else {
                throw TrainingError(reason: "the repulsive core of \(elementPair(pair)) would start below 0 Å (shortest distance \(r) Å)")
            }
            switching[elementPair(pair)] = .init(inner: outer - core.width, outer: outer)
        }
        return ModelBaseline(
            coulomb: coulomb, core: try ScreenedNuclearRepulsion(elements: ["O", "Si"], switching: switching), steric: steric, tail: tail)
    }

    /// The elements of a pair of species (Si is species 0, O species 1).
    static func elementPair(_ pair: SpeciesPair) -> ElementPair {
        let symbols = Crystal.quartz.elements.map(\.symbol)
        return ElementPair(symbols[pair.first], symbols[pair.second])
    }

    /// The validation state points: the glass and the melt.
    public enum StatePoint: String, Sendable, Codable, CaseIterable {
        case glass, melt
    }

    /// What the job measured.
    public struct Result: Sendable, Codable {
        public struct Timings: Sendable, Codable {
            public var melting = 0.0, sampling = 0.0, symmetryFunctions = 0.0, training = 0.0, selfSampling = 0.0, nve = 0.0, glass = 0.0
            public var structure = 0.0
            public var report = 0.0, total = 0.0
        }
        public struct Passes: Sendable, Codable {
            public var energy = false, forces = false, drift = false
            /// max |Δg| of every partial within the target, per state point (glass, melt).
            public var rdf: [Bool] = []
            /// |Δ mean Si–O–Si| within the target, per state point.
            public var angle: [Bool] = []
            public var all: Bool { energy && forces && drift && rdf.allSatisfy { $0 } && angle.allSatisfy { $0 } }
        }
        public var frames = 0
        /// Shortest distances (Å) in the sampled frames for Si–O, O–O and Si–Si.
        public var shortestDistances: [Double] = []
        /// The ZBL core's cutoffs for Si–O, O–O and Si–Si, when the baseline has one.
        public var repulsiveCore: [ScreenedNuclearRepulsion.Switching]?
        /// Symmetry functions of O and of Si.
        public var symmetryFunctionCounts: [Int] = []
        /// The last fit's summary.
        public var training = QuickstartTraining.Summary()
        /// What each self-sampling round found.
        public var selfSampling: [SelfSamplingRound] = []
        /// Least-squares slope of the NVE total energy per atom (meV/atom/ps) and mean temperature (K).
        public var driftMeVPerAtomPerPs = Double.nan
        public var nveMeanTemperature = Double.nan
        /// The step at which the model's NVE run (warm-up included) became unstable, positions no
        /// longer finite: the drift is then NaN and the structures are not compared (nil when
        /// the run held).
        public var nveUnstableStep: Int?
        /// Mean Si–O–Si angle (degrees) of the melted start and of the annealed glass.
        public var meltSiOSi = Double.nan
        public var glassSiOSi = Double.nan
        /// The structure comparisons, glass then melt.
        public var structures: [SilicaStructureComparison] = []
        public var passes = Passes()
        public var timings = Timings()
    }

    /// Runs every stage, writing into `directory` (created if needed).
    public func run(directory: URL, progress: ((Progress) -> Void)? = nil) throws -> Result {
        let s = settings
        try s.validate()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let clock = ContinuousClock()
        let jobStart = clock.now
        var result = Result()
        let report = { (stage: Stage, done: Int, total: Int) in progress?(Progress(stage: stage, completed: done, total: total)) }

        var stageStart = clock.now
        let melt = try self.melt { report(.melting, $0, $1) }
        result.timings.melting = SiliconQuickstart.seconds(clock.now - stageStart)

        stageStart = clock.now
        let sample = try self.sample(melt: melt) { report(.sampling, $0, $1) }
        let dataURL = directory.appendingPathComponent("data/input.data")
        var frames = try trainingFrames(of: sample, writingTo: dataURL)
        result.timings.sampling = SiliconQuickstart.seconds(clock.now - stageStart)

        stageStart = clock.now
        report(.symmetryFunctions, 0, 1)
        let shortest = try shortestDistances(frames.map(\.configuration), below: s.cutoff)
        result.shortestDistances = SilicaStructure.pairs.map { shortest[$0.1] ?? .nan }
        let nnpSettings = try modelSettings(shortest: shortest)
        result.symmetryFunctionCounts = nnpSettings.symmetryFunctions.map(\.functions.count)
        let baseline = try Self.baseline(s, shortest: shortest)
        let coreCutoffs = baseline?.core == nil ? nil : s.repulsiveCore.map { core in shortest.mapValues { $0 - core.margin } }
        result.repulsiveCore = baseline?.core.map { core in SilicaStructure.pairs.compactMap { core.switching[Self.elementPair($0.1)] } }
        func dataset(of frames: [Frame]) throws -> Dataset {
            let residuals = try baseline.map { try BaselineResiduals.of(frames, baseline: $0.potential(), file: "data/input.data", threads: s.threads) }
            return Dataset(structures: try Dataset.structures(from: residuals ?? frames, file: "data/input.data", settings: nnpSettings))
        }
        // The held-out frames are a seeded share of the reference sampling, the same in every
        // fit; self-sampled frames only ever train: they are the holes each model was worst at,
        // chosen by its errors, not samples of the states the model is validated at.
        var (data, heldOut) = try dataset(of: frames).split(testFraction: s.training.testFraction, seed: s.seed)
        let heldOutNames = Set(heldOut.structures.map(\.name))
        report(.symmetryFunctions, 1, 1)
        result.timings.symmetryFunctions = SiliconQuickstart.seconds(clock.now - stageStart)

        var round = 0
        var trained: TrainingJob.Outcome
        while true {
            stageStart = clock.now
            let epochs = round < s.selfSamplingRounds ? s.selfSamplingEpochs : s.training.epochs
            let fit = try train(nnpSettings, epochs: epochs, baseline: baseline, dataset: data, heldOut: heldOut, directory: directory) { epoch, line in
                progress?(Progress(stage: .training, completed: epoch, total: epochs, message: line))
            }
            trained = fit.outcome
            result.training = fit.summary
            result.timings.training += SiliconQuickstart.seconds(clock.now - stageStart)
            guard round < s.selfSamplingRounds else { break }
            round += 1
            stageStart = clock.now
            let found = try selfSample(model: try trained.model.potential(units: .metal), melt: melt, round: round, coreCutoffs: coreCutoffs) {
                report(.selfSampling, $0, $1)
            }
            result.selfSampling.append(found.summary)
            frames += found.frames
            try StructureFile.write(frames, to: dataURL, format: .n2p2)
            data = Dataset(structures: try dataset(of: frames).structures.filter { !heldOutNames.contains($0.name) })
            result.timings.selfSampling += SiliconQuickstart.seconds(clock.now - stageStart)
        }
        result.frames = frames.count

        stageStart = clock.now
        let nnp = try trained.model.potential(units: .metal)
        if let drift = try nve(of: nnp, from: melt, progress: { report(.nve, $0, $1) }, unstableAt: &result.nveUnstableStep) {
            result.driftMeVPerAtomPerPs = drift.meVPerAtomPerPs
            result.nveMeanTemperature = drift.meanTemperature
            try QuickstartDynamics.writeEnergies(drift, to: directory.appendingPathComponent("nve-energy.csv"))
        }
        result.timings.nve = SiliconQuickstart.seconds(clock.now - stageStart)

        var sampled: [(reference: SilicaStructure, model: SilicaStructure)] = []
        if result.nveUnstableStep == nil {
            stageStart = clock.now
            let glass = try self.glass(from: melt) { report(.glass, $0, $1) }
            result.glassSiOSi = try Self.meanSiOSi(of: glass, bondCutoff: s.bondCutoff)
            result.timings.glass = SiliconQuickstart.seconds(clock.now - stageStart)

            stageStart = clock.now
            sampled = try zip(StatePoint.allCases, [glass, melt]).map { state, initial in
                try structures(at: state, from: initial, model: nnp) { report($0, $1, $2) }
            }
            result.structures = sampled.map { SilicaStructureComparison(reference: $0.reference, model: $0.model) }
            result.timings.structure = SiliconQuickstart.seconds(clock.now - stageStart)
        }
        result.meltSiOSi = try Self.meanSiOSi(of: melt, bondCutoff: s.bondCutoff)

        stageStart = clock.now
        report(.report, 0, 1)
        result.passes.energy = result.training.testEnergyRMSE <= s.energyTarget
        result.passes.forces = result.training.testForceRMSE <= s.forceTarget
        result.passes.drift = abs(result.driftMeVPerAtomPerPs) <= s.driftTarget
        result.passes.rdf = result.structures.isEmpty ? [false, false] : result.structures.map { $0.rdfMaxDifference <= s.rdfTarget }
        result.passes.angle = result.structures.isEmpty ? [false, false] : result.structures.map { $0.siOSiDifference <= s.angleTarget }
        try writeStructureFiles(sampled, atoms: melt.count, to: directory)
        result.timings.report = SiliconQuickstart.seconds(clock.now - stageStart)
        result.timings.total = SiliconQuickstart.seconds(clock.now - jobStart)
        try Data(reportText(result, sample: sample).utf8).write(to: directory.appendingPathComponent("report.md"), options: .atomic)
        report(.report, 1, 1)
        return result
    }

    /// Langevin damping time (ps): 100 time steps.
    var damping: Double { 100 * settings.timeStep }
}
