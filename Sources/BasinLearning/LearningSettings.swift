import BasinTraining
import Foundation

/// The YAML configuration of `basin learn`. Every key is checked: an unknown one is an error
/// naming it with its path (`exploration.temprature`). Relative paths are relative to the
/// configuration file's folder.
///
///     output: learn                  # folder of the loop (state.json, iterations/, report.md)
///     elements: [Si]
///     reference: {potential: sw, parameters: Si}   # sw (built-in Si or a LAMMPS .sw file) | lj
///                                    # {potential: lj, epsilon, sigma, cutoff} (metal units), or
///                                    # {command: "prog {input} {output}", elements: [Si]}
///     seed_data: {file: seed.data}   # or: sample it with the reference (needs a potential)
///     seed_data: {lattice: diamond, lattice_constant: 5.431, cells: 2, temperature: 300,
///                 equilibrate: 1000, steps: 4000, time_step: 0.001, alpha: {Si: 1.0},
///                 max_interval: 200, max_structures: 20}
///     validation: held-out.data      # optional held-out reference data for the test errors
///     symmetry_functions: {cutoff: 5.5, cutoff_type: 6, shifted: 6, centred: 6,
///                          angular_widths: 2, zeta_max: 16, shortest: 2.0}
///     network: {hidden: [20, 20]}
///     training: {committee: 4, epochs: 150, later_epochs: 60, final_epochs: 300, batch_size: 8, learning_rate: 0.002,
///                final_learning_rate: 0.0001, force_weight: 1, test_fraction: 0.1, checkpoint_every: 10,
///                final_force_weight: 1, final_initial_learning_rate: 0.002,
///                final_energy_offset: median}   # final_*: the last fit only
///     exploration: {temperatures: [300, 1300, 2500], runs: 2, steps: 2000, equilibrate: 0,
///                   time_step: 0.001, interval: 20, max_force: 30, max_error: 3}
///     candidates: {lower: auto, upper: auto, upper_ratio: 4, error_threshold: 0.3,
///                  extrapolation: true, per_iteration: 30}
///     convergence: {accurate_fraction: 0.99, max_iterations: 8, max_structures: 252}
///     final_md: {temperature: 2500, steps: 20000, cells: 2}   # optional stability check
///     seed: 1
///     threads: 2
public struct LearningSettings: Codable, Sendable, Equatable {
    /// The reference that labels structures: a Basin potential or an external program.
    public struct Reference: Codable, Sendable, Equatable {
        /// `sw` or `lj`; nil with `command`.
        public var potential: String?
        /// sw: `Si` (the built-in parameters) or a LAMMPS .sw file.
        public var parameters: String?
        /// lj (metal units): ε (eV), σ (Å), cutoff (Å).
        public var epsilon: Double?
        public var sigma: Double?
        public var cutoff: Double?
        /// A shell command run with `{input}` and `{output}` replaced by extxyz file paths.
        public var command: String?
        /// The elements the command can label.
        public var elements: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case potential, parameters, epsilon, sigma, cutoff, command, elements }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            potential = try c.decodeIfPresent(String.self, forKey: .potential)
            parameters = try c.decodeIfPresent(String.self, forKey: .parameters)
            epsilon = try c.decodeIfPresent(Double.self, forKey: .epsilon)
            sigma = try c.decodeIfPresent(Double.self, forKey: .sigma)
            cutoff = try c.decodeIfPresent(Double.self, forKey: .cutoff)
            command = try c.decodeIfPresent(String.self, forKey: .command)
            elements = try c.decodeIfPresent([String].self, forKey: .elements)
        }
    }

    /// Where the first data come from: a file, or MD with the reference sampled by the
    /// per-atom force rule of Stende (2017), eq. 7.2.
    public struct SeedData: Codable, Sendable, Equatable {
        public var file: String?
        public var lattice = "diamond"
        public var latticeConstant = 5.431
        public var cells = 2
        public var temperature = 300.0
        public var equilibrate = 1000
        public var steps = 4000
        public var timeStep = 0.001
        /// α per element (eV/Å).
        public var alpha: [String: Double] = [:]
        public var maxInterval = 200
        /// Of the frames the rule keeps, at most this many, evenly spread over the run.
        public var maxStructures = 20
        enum CodingKeys: String, CodingKey, CaseIterable {
            case file, lattice, latticeConstant = "lattice_constant", cells, temperature, equilibrate, steps, timeStep = "time_step"
            case alpha, maxInterval = "max_interval", maxStructures = "max_structures"
        }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            file = try c.decodeIfPresent(String.self, forKey: .file)
            lattice = try c.decodeIfPresent(String.self, forKey: .lattice) ?? lattice
            latticeConstant = try c.decodeIfPresent(Double.self, forKey: .latticeConstant) ?? latticeConstant
            cells = try c.decodeIfPresent(Int.self, forKey: .cells) ?? cells
            temperature = try c.decodeIfPresent(Double.self, forKey: .temperature) ?? temperature
            equilibrate = try c.decodeIfPresent(Int.self, forKey: .equilibrate) ?? equilibrate
            steps = try c.decodeIfPresent(Int.self, forKey: .steps) ?? steps
            timeStep = try c.decodeIfPresent(Double.self, forKey: .timeStep) ?? timeStep
            alpha = try c.decodeIfPresent([String: Double].self, forKey: .alpha) ?? alpha
            maxInterval = try c.decodeIfPresent(Int.self, forKey: .maxInterval) ?? maxInterval
            maxStructures = try c.decodeIfPresent(Int.self, forKey: .maxStructures) ?? maxStructures
        }
    }

    /// The symmetry functions, generated once from the seed data (`SymmetryFunctionGenerator`).
    public struct SymmetryFunctions: Codable, Sendable, Equatable {
        public var cutoff = 5.5
        public var cutoffType = 6
        public var shifted = 6
        public var centred = 6
        public var angularWidths = 2
        public var zetaMax = 16.0
        /// The shortest distance the radial functions cover (Å); nil: the seed data's.
        public var shortest: Double?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case cutoff, cutoffType = "cutoff_type", shifted, centred, angularWidths = "angular_widths", zetaMax = "zeta_max", shortest
        }
        init() {}
        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cutoff = try c.decodeIfPresent(Double.self, forKey: .cutoff) ?? cutoff
            cutoffType = try c.decodeIfPresent(Int.self, forKey: .cutoffType) ?? cutoffType
            shifted = try c.decodeIfPresent(Int.self, forKey: .shifted) ?? shifted
            centred = try c.decodeIfPresent(Int.self, forKey: .centred) ?? centred
            angularWidths = try c.decodeIfPresent(Int.self, forKey: .angularWidths) ?? angularWidths
            zetaMax = try c.decodeIfPresent(Double.self, forKey: .zetaMax) ?? zetaMax
            shortest = try c.decodeIfPresent(Double.self, forKey: .shortest)
        }
    }

    /// The committee's training: Adam, learning rate decaying exponentially over each fit.
    public struct Training: Codable, Sendable, Equatable {
        public var committee = 4
        public var hidden = [20, 20]
        public var epochs = 150
        /// Epochs of the fits after the first, which start from the previous weights; nil: `epochs`.
        public var laterEpochs: Int?
        /// Epochs of a last fit after the loop stops (by criterion or budget), from the last
        /// committee's weights on the same structures; its models are the final ones. Nil: none.
        public var finalEpochs: Int?
        /// The final fit's force weight α (nil: `forceWeight`). Adam is indifferent to the loss's
        /// scale, so a lower α weights the energy term more.
        public var finalForceWeight: Double?
        /// The final fit's first learning rate, decaying to `finalLearningRate` (nil: `learningRate`).
        public var finalInitialLearningRate: Double?
        /// How the final committee's energy offset is set: `mean` (as every fit sets it: zero
        /// mean error of E/N over the training structures) or `median` (afterwards, each member
        /// shifted to zero median error over all labelled structures, so that the few hard frames
        /// a network cannot fit do not move every other structure's energy).
        public var finalEnergyOffset = EnergyOffset.mean
        public var batchSize = 8
        public var learningRate = 0.002
        public var finalLearningRate = 0.0001
        public var forceWeight = 1.0
        public var testFraction = 0.1
        public var checkpointEvery = 10
        enum CodingKeys: String, CodingKey, CaseIterable {
            case committee, hidden, epochs, laterEpochs = "later_epochs", finalEpochs = "final_epochs"
            case finalForceWeight = "final_force_weight", finalInitialLearningRate = "final_initial_learning_rate"
            case finalEnergyOffset = "final_energy_offset", batchSize = "batch_size", learningRate = "learning_rate"
            case finalLearningRate = "final_learning_rate", forceWeight = "force_weight", testFraction = "test_fraction"
            case checkpointEvery = "checkpoint_every"
        }
        init() {}
        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            committee = try c.decodeIfPresent(Int.self, forKey: .committee) ?? committee
            hidden = try c.decodeIfPresent([Int].self, forKey: .hidden) ?? hidden
            epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? epochs
            laterEpochs = try c.decodeIfPresent(Int.self, forKey: .laterEpochs)
            finalEpochs = try c.decodeIfPresent(Int.self, forKey: .finalEpochs)
            finalForceWeight = try c.decodeIfPresent(Double.self, forKey: .finalForceWeight)
            finalInitialLearningRate = try c.decodeIfPresent(Double.self, forKey: .finalInitialLearningRate)
            if let offset = try c.decodeIfPresent(String.self, forKey: .finalEnergyOffset) {
                guard let known = EnergyOffset(rawValue: offset) else {
                    throw TrainingError(reason: "training.final_energy_offset must be mean or median, got '\(offset)'")
                }
                finalEnergyOffset = known
            }
            batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? batchSize
            learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? learningRate
            finalLearningRate = try c.decodeIfPresent(Double.self, forKey: .finalLearningRate) ?? finalLearningRate
            forceWeight = try c.decodeIfPresent(Double.self, forKey: .forceWeight) ?? forceWeight
            testFraction = try c.decodeIfPresent(Double.self, forKey: .testFraction) ?? testFraction
            checkpointEvery = try c.decodeIfPresent(Int.self, forKey: .checkpointEvery) ?? checkpointEvery
        }
    }

    /// The statistic of the per-structure energy error that the final committee's offset zeroes.
    public enum EnergyOffset: String, Codable, Sendable, Equatable { case mean, median }

    /// Committee-NNP Langevin MD from structures of the data set.
    public struct Exploration: Codable, Sendable, Equatable {
        public var temperatures: [Double] = [300]
        /// Runs (seeds and start structures) per temperature.
        public var runs = 1
        public var steps = 1000
        public var equilibrate = 0
        public var timeStep = 0.001
        /// Steps between explored frames.
        public var interval = 20
        /// A run blows up when an atom's force exceeds this (eV/Å) or the energy is not finite.
        public var maxForce = 30.0
        /// With a reference potential, a run also blows up on an explored frame where an atom's
        /// committee force is off the reference's by more than this (eV/Å): that frame is kept,
        /// but the trajectory has left the reference's dynamics for the model's, and its later
        /// frames would only teach that detour. Nil: no such limit.
        public var maxError: Double?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case temperatures, runs, steps, equilibrate, timeStep = "time_step", interval, maxForce = "max_force", maxError = "max_error"
        }
        init() {}
        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            temperatures = try c.decodeIfPresent([Double].self, forKey: .temperatures) ?? temperatures
            runs = try c.decodeIfPresent(Int.self, forKey: .runs) ?? runs
            steps = try c.decodeIfPresent(Int.self, forKey: .steps) ?? steps
            equilibrate = try c.decodeIfPresent(Int.self, forKey: .equilibrate) ?? equilibrate
            timeStep = try c.decodeIfPresent(Double.self, forKey: .timeStep) ?? timeStep
            interval = try c.decodeIfPresent(Int.self, forKey: .interval) ?? interval
            maxForce = try c.decodeIfPresent(Double.self, forKey: .maxForce) ?? maxForce
            maxError = try c.decodeIfPresent(Double.self, forKey: .maxError)
        }
    }

    /// Which explored frames become candidates, and how many are labelled.
    public struct Candidates: Codable, Sendable, Equatable {
        /// Trust levels of the committee force deviation max_i σ_i (eV/Å); nil: automatic (`TrustLevels`).
        public var lower: Double?
        public var upper: Double?
        /// upper = upper_ratio × lower when `upper` is automatic.
        public var upperRatio = 4.0
        /// The seed's criterion (reference potentials only): max_i |F_i^NNP − F_i^ref| above it (eV/Å).
        public var errorThreshold: Double?
        /// Whether symmetry-function values outside the training range make a frame a candidate.
        public var extrapolation = true
        /// At most this many labelled per iteration (farthest-point sampling in descriptor space).
        public var perIteration = 30
        enum CodingKeys: String, CodingKey, CaseIterable {
            case lower, upper, upperRatio = "upper_ratio", errorThreshold = "error_threshold", extrapolation, perIteration = "per_iteration"
        }
        init() {}
        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            lower = try Self.level(c, .lower)
            upper = try Self.level(c, .upper)
            upperRatio = try c.decodeIfPresent(Double.self, forKey: .upperRatio) ?? upperRatio
            errorThreshold = try c.decodeIfPresent(Double.self, forKey: .errorThreshold)
            extrapolation = try c.decodeIfPresent(Bool.self, forKey: .extrapolation) ?? extrapolation
            perIteration = try c.decodeIfPresent(Int.self, forKey: .perIteration) ?? perIteration
        }

        /// A number, or `auto` (nil).
        static func level(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Double? {
            if let number = try? c.decodeIfPresent(Double.self, forKey: key) { return number }
            guard let text = try? c.decodeIfPresent(String.self, forKey: key), text != "auto" else { return nil }
            throw TrainingError(reason: "candidates.\(key.stringValue) must be a number (eV/Å) or auto, got '\(text)'")
        }
    }

    /// When the loop stops.
    public struct Convergence: Codable, Sendable, Equatable {
        /// Converged when at least this share of explored frames is accurate (no detector fired).
        public var accurateFraction = 0.99
        public var maxIterations = 8
        /// The labelled structures (seed included) never exceed this.
        public var maxStructures = 1000
        enum CodingKeys: String, CodingKey, CaseIterable {
            case accurateFraction = "accurate_fraction", maxIterations = "max_iterations", maxStructures = "max_structures"
        }
        init() {}
        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            accurateFraction = try c.decodeIfPresent(Double.self, forKey: .accurateFraction) ?? accurateFraction
            maxIterations = try c.decodeIfPresent(Int.self, forKey: .maxIterations) ?? maxIterations
            maxStructures = try c.decodeIfPresent(Int.self, forKey: .maxStructures) ?? maxStructures
        }
    }

    /// A last NVT run with the final committee, to show it stays stable.
    public struct FinalMD: Codable, Sendable, Equatable {
        public var temperature = 2500.0
        public var steps = 20_000
        enum CodingKeys: String, CodingKey, CaseIterable { case temperature, steps }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            temperature = try c.decodeIfPresent(Double.self, forKey: .temperature) ?? temperature
            steps = try c.decodeIfPresent(Int.self, forKey: .steps) ?? steps
        }
    }

    public var output: String
    public var elements: [String]
    public var reference: Reference
    public var seedData: SeedData
    public var validation: String?
    public var symmetryFunctions = SymmetryFunctions()
    public var training = Training()
    public var exploration = Exploration()
    public var candidates = Candidates()
    public var convergence = Convergence()
    public var finalMD: FinalMD?
    public var seed: UInt64 = 1
    public var threads = 1

    enum CodingKeys: String, CodingKey, CaseIterable {
        case output, elements, reference, seedData = "seed_data", validation, symmetryFunctions = "symmetry_functions"
        case training, exploration, candidates, convergence, finalMD = "final_md", seed, threads
    }

    public init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        output = try c.decode(String.self, forKey: .output)
        elements = try c.decode([String].self, forKey: .elements)
        reference = try c.decode(Reference.self, forKey: .reference)
        seedData = try c.decode(SeedData.self, forKey: .seedData)
        validation = try c.decodeIfPresent(String.self, forKey: .validation)
        symmetryFunctions = try c.decodeIfPresent(SymmetryFunctions.self, forKey: .symmetryFunctions) ?? symmetryFunctions
        training = try c.decodeIfPresent(Training.self, forKey: .training) ?? training
        exploration = try c.decodeIfPresent(Exploration.self, forKey: .exploration) ?? exploration
        candidates = try c.decodeIfPresent(Candidates.self, forKey: .candidates) ?? candidates
        convergence = try c.decodeIfPresent(Convergence.self, forKey: .convergence) ?? convergence
        finalMD = try c.decodeIfPresent(FinalMD.self, forKey: .finalMD)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? seed
        threads = try c.decodeIfPresent(Int.self, forKey: .threads) ?? threads
    }

    /// Reads and checks the YAML file at `url` (keys, types, ranges; not yet the files or the
    /// reference); every problem is one line naming the file and the key.
    public static func read(from url: URL) throws(LearningError) -> LearningSettings {
        let settings: LearningSettings
        do {
            settings = try StrictYAML.decode(LearningSettings.self, from: url)
        } catch {
            throw LearningError(error.reason)
        }
        do {
            try settings.validate()
        } catch {
            throw LearningError("\(url.path): \(error.reason)")
        }
        return settings
    }
}
