import BasinAtoms
import BasinDescriptors
import BasinDynamics
import BasinMath
import BasinNN
import BasinNNP
import BasinOptimize
import BasinPotentials
import BasinSampling
import BasinTraining
import Foundation

extension SilicaQuickstart {
    /// β-cristobalite after `meltingSteps` Langevin steps with Vashishta at `meltingTemperature`.
    func melt(progress: @escaping (Int, Int) -> Void) throws -> Configuration {
        let s = settings
        let crystal = try Crystal.cristobalite.build(cells: SIMD3(repeating: s.cristobaliteCells))
        return try QuickstartDynamics.langevin(
            from: try start(crystal, temperature: s.meltingTemperature, seed: s.seed &+ 7), calculator: referenceCalculator,
            temperature: s.meltingTemperature, timeStep: s.timeStep, damping: damping, noiseSeed: s.seed &+ 8, equilibrationSteps: 0,
            steps: s.meltingSteps, observers: [], progress: progress)
    }

    /// Vashishta frames of α-quartz, β-cristobalite and the melt at every sampling temperature,
    /// then of the melt alone at every melt-only temperature.
    func sample(melt: Configuration, progress: @escaping (Int, Int) -> Void) throws -> ReferenceSample {
        let s = settings
        var moltenStart = melt
        moltenStart.velocities = nil
        let structures = [
            try Crystal.quartz.build(cells: SIMD3(repeating: s.quartzCells)),
            try Crystal.cristobalite.build(cells: SIMD3(repeating: s.cristobaliteCells)),
            moltenStart,
        ]
        let sampler = ReferenceSampler(
            temperatures: s.temperatures, steps: s.sampledSteps, equilibrationSteps: s.equilibrationSteps, timeStep: s.timeStep,
            selection: .fixedInterval(s.sampleInterval), seed: s.seed)
        var hotSampler = sampler
        hotSampler.temperatures = s.meltOnlyTemperatures
        hotSampler.seed = s.seed &+ 6006
        let first = sampler.totalSteps(structureCount: structures.count)
        let total = first + (s.meltOnlyTemperatures.isEmpty ? 0 : hotSampler.totalSteps(structureCount: 1))
        var sample = try sampler.sample(structures, calculator: referenceCalculator) { p in progress(p.completedSteps, total) }
        guard !s.meltOnlyTemperatures.isEmpty else { return sample }
        let hot = try hotSampler.sample([moltenStart], calculator: referenceCalculator) { p in progress(first + p.completedSteps, total) }
        sample.frames += hot.frames
        sample.runs += hot.runs
        return sample
    }

    /// The element-resolved symmetry functions and per-element networks (O, then Si, as n2p2
    /// orders elements): radial functions toward each neighbor element start at that pair's
    /// shortest distance; angular functions, for every pair of neighbor elements, at the
    /// central element's shortest distance to any neighbor.
    func modelSettings(shortest: [SpeciesPair: Double]) throws -> NNPSettings {
        let s = settings
        let kind = CutoffKind(rawValue: s.cutoffType)!
        let generator = SymmetryFunctionGenerator(
            shiftedCount: s.shiftedRadial, centredCount: s.centredRadial, angularWidthCount: s.angularWidths, zetaMax: s.zetaMax,
            cutoffKind: kind)
        let elements = Crystal.quartz.elements  // Si (species 0), O (species 1)
        var sets: [SymmetryFunctionSet] = []
        for central in [1, 0] {
            var functions: [SymmetryFunction] = []
            var nearest = Double.infinity
            for neighbor in [0, 1] {
                guard let r = shortest[SpeciesPair(central, neighbor)], r < s.cutoff else {
                    throw TrainingError(reason: "no \(elements[central].symbol)–\(elements[neighbor].symbol) pair within the cutoff \(s.cutoff) Å in the data")
                }
                nearest = min(nearest, r)
                let radial = generator.set(central: elements[central], elements: [elements[neighbor]], shortest: r, cutoff: s.cutoff)
                functions += radial.functions.filter { if case .radial = $0 { true } else { false } }
            }
            let angular = generator.set(central: elements[central], elements: elements, shortest: nearest, cutoff: s.cutoff)
            functions += angular.functions.filter { if case .angular = $0 { true } else { false } }
            sets.append(SymmetryFunctionSet(central: elements[central], functions: functions))
        }
        return NNPSettings(
            elements: [elements[1], elements[0]], cutoffKind: kind, symmetryFunctions: sets, scaling: .scaleCenter,
            architectures: [s.training.architecture, s.training.architecture])
    }

    /// The training stage, on its own so that an iterative loop can take its place: fits the
    /// model to `dataset` in `epochs` epochs, tested on `heldOut`, and writes `model/` (with
    /// `baseline`, when given, in baseline.data), the learning curve and the parity plot into `directory`.
    /// - Parameter epochDone: the epoch number and a line with its errors.
    func train(
        _ modelSettings: NNPSettings, epochs: Int, baseline: ModelBaseline?, dataset: Dataset, heldOut: Dataset, directory: URL,
        epochDone: @escaping (Int, String) -> Void
    ) throws -> (outcome: TrainingJob.Outcome, summary: QuickstartTraining.Summary) {
        var training = settings.fit
        training.epochs = epochs
        return try QuickstartTraining.run(
            training, model: modelSettings, dataset: dataset, heldOut: heldOut, baseline: baseline,
            referenceName: baseline == nil ? "Vashishta" : "Vashishta − baseline", seed: settings.seed, threads: settings.threads,
            directory: directory, epochDone: epochDone)
    }

    /// The model's NVE run in the melt (`QuickstartDynamics.nveDrift` after the validation's
    /// warm-up), or nil with `unstableAt` set to the step at which it became unstable: a model
    /// with a hole the run fell into fails the drift target instead of ending the job.
    func nve(
        of model: any Potential, from melt: Configuration, progress: @escaping (Int, Int) -> Void, unstableAt: inout Int?
    ) throws -> QuickstartDynamics.Drift? {
        let s = settings
        do {
            return try QuickstartDynamics.nveDrift(
                from: try start(melt, temperature: s.meltTemperature, seed: s.seed &+ 1001),
                calculator: Calculator(potential: model, threads: s.threads), temperature: s.meltTemperature, timeStep: s.timeStep,
                damping: damping, noiseSeed: s.seed &+ 2002, equilibrationSteps: s.validationEquilibrationSteps, steps: s.nveSteps,
                progress: progress)
        } catch DynamicsError.unstable(let step) {
            unstableAt = step
            return nil
        }
    }

    /// The glass: `melt` repeated `glassReplicas` times, `glassMeltingSteps` Langevin steps with
    /// Vashishta at `meltTemperature` (when repeated), then `glassAnnealingSteps` at
    /// `glassTemperature`, quenched by the thermostat and annealed (velocities kept).
    func glass(from melt: Configuration, progress: @escaping (Int, Int) -> Void) throws -> Configuration {
        let s = settings
        let replicas = s.glassReplicas
        let copies = replicas.x * replicas.y * replicas.z
        let meltingSteps = copies > 1 ? s.glassMeltingSteps : 0
        let total = meltingSteps + s.glassAnnealingSteps
        var liquid = melt
        if copies > 1 {
            liquid = try QuickstartDynamics.langevin(
                from: try start(melt.replicated(replicas), temperature: s.meltTemperature, seed: s.seed &+ 5007), calculator: referenceCalculator,
                temperature: s.meltTemperature, timeStep: s.timeStep, damping: damping, noiseSeed: s.seed &+ 5008, equilibrationSteps: 0,
                steps: meltingSteps, observers: []) { done, _ in progress(done, total) }
        }
        return try QuickstartDynamics.langevin(
            from: try start(liquid, temperature: s.glassTemperature, seed: s.seed &+ 5005), calculator: referenceCalculator,
            temperature: s.glassTemperature, timeStep: s.timeStep, damping: damping, noiseSeed: s.seed &+ 5006, equilibrationSteps: 0,
            steps: s.glassAnnealingSteps, observers: []) { done, _ in progress(meltingSteps + done, total) }
    }

    /// The temperature (K) of a validation state point.
    func temperature(of state: StatePoint) -> Double {
        state == .glass ? settings.glassTemperature : settings.meltTemperature
    }

    /// Partial g(r) and bond angles of the reference and of `model` at `state`: each runs the
    /// validation equilibration and then that state's structure steps of Langevin MD from
    /// `initial` with the same velocities and the same noise seed, so that the two differ by
    /// their potentials and not by their starts (in the melt the reference runs
    /// `meltReferenceFactor` times as many steps).
    func structures(
        at state: StatePoint, from initial: Configuration, model: any Potential, progress: @escaping (Stage, Int, Int) -> Void
    ) throws -> (reference: SilicaStructure, model: SilicaStructure) {
        let s = settings
        let temperature = temperature(of: state)
        let modelSteps = state == .glass ? s.glassStructureSteps : s.meltStructureSteps
        let referenceSteps = state == .glass ? modelSteps : modelSteps * s.meltReferenceFactor
        let start = try start(initial, temperature: temperature, seed: s.seed &+ 3003)
        func sample(_ potential: any Potential, steps: Int, as stage: Stage) throws -> SilicaStructure {
            let equilibrate = s.validationEquilibrationSteps
            let samples = steps / s.structureInterval
            let structure = try SilicaStructure(
                maximumRadius: s.rdfMaximumRadius, binCount: s.rdfBins, blocks: s.rdfBlocks,
                samplesPerBlock: max(1, samples / s.rdfBlocks), firstStep: equilibrate + s.structureInterval,
                interval: s.structureInterval, bondCutoff: s.bondCutoff)
            try QuickstartDynamics.langevin(
                from: start, calculator: Calculator(potential: potential, threads: s.threads), temperature: temperature,
                timeStep: s.timeStep, damping: damping, noiseSeed: s.seed &+ 4004, equilibrationSteps: equilibrate,
                steps: steps, observers: structure.observers(every: s.structureInterval)) { progress(stage, $0, $1) }
            return structure
        }
        return (try sample(Self.referencePotential, steps: referenceSteps, as: .structureReference),
                try sample(model, steps: modelSteps, as: .structureModel))
    }

    /// `configuration` with Maxwell–Boltzmann velocities at `temperature` drawn from `seed`.
    func start(_ configuration: Configuration, temperature: Double, seed: UInt64) throws -> Configuration {
        var c = configuration
        var generator = SeededGenerator(seed: seed)
        try MaxwellBoltzmann.assign(to: &c, temperature: temperature, generator: &generator)
        return c
    }

    var referenceCalculator: Calculator { Calculator(potential: Self.referencePotential, threads: settings.threads) }

    /// The mean Si–O–Si angle (degrees) of one configuration.
    static func meanSiOSi(of configuration: Configuration, bondCutoff: Double) throws -> Double {
        let angles = try BondAngleDistribution(apex: 1, ends: 0, bondCutoff: bondCutoff)
        try angles.observe(DynamicsState(configuration: configuration))
        return angles.meanAngle
    }
}
