import BasinAtoms
import BasinDescriptors
import BasinIO
import BasinNN
import BasinNNP
import BasinPotentials
import Foundation

/// The iterative construction of a neural-network potential (Stende 2017, §7.1: fit, run MD
/// with the fit, find where it is wrong, label those structures with the reference, add them,
/// refit; repeat), as one resumable library job.
///
/// Iteration k: (1) **train** a committee of M models on the seed data plus every structure
/// labelled so far (`TrainingJob.committee`, from the previous iteration's weights after the
/// first); (2) **explore** with committee-NNP Langevin MD (`Exploration`) and judge every
/// explored frame (`CandidateSelection`: trust levels of the force deviation, extrapolation
/// warnings, the seed's error criterion), then test convergence; (3) **label** at most K
/// candidates, spread by farthest-point sampling, with the reference (`ReferenceLabeler`).
/// The loop stops when an exploration in which no run blew up (ran away) finds every frame
/// accurate and cut no run short, or has at least `accurate_fraction` of the frames its runs were to give
/// explored and accurate (converged), or when `max_iterations` or `max_structures` is reached
/// (budget); then an optional longer fit (`training.final_epochs`) from the last committee's
/// weights gives the final committee, and an optional NVT run checks its stability.
///
/// Files in `output`: `state.json` (rewritten after every stage), `seed.extxyz`,
/// `iterations/NNN/` (`committee/member-m/`, `explored.json`, `candidates.extxyz`,
/// `labelled.extxyz`, `record.json`), `final-fit/member-m/` (with `training.final_epochs`), and at
/// the end `committee/member-m` (the final models,
/// n2p2 folders), `report.md`, `iterations.json` and the plots. Every file is written whole
/// (temporary file renamed into place). Every stage is a function of the files written
/// before it and of seeds derived from `seed` and the iteration, so a loop stopped at any
/// moment and resumed ends in the same models as one that ran through.
public struct LearningLoop: Sendable {
    public let settings: LearningSettings
    public let output: URL
    let reference: ReferenceLabeler
    /// The model's elements, by atomic number.
    let elements: [Element]
    /// Seed structures read from `seed_data.file`, or nil to sample them.
    let seedFrames: [Frame]?
    /// Held-out reference data, if given.
    let validation: [Frame]?

    /// Builds the loop from checked settings: reads the data files and the reference, and
    /// checks that the reference covers every element — before any work.
    /// - Parameter base: the folder relative paths are taken from.
    public init(settings: LearningSettings, base: URL) throws(LearningError) {
        try settings.validate()
        self.settings = settings
        output = Self.resolve(settings.output, base: base)
        var list: [Element] = []
        for symbol in settings.elements { list.append(try! Element(symbol: symbol)) }
        elements = list.sorted { $0.atomicNumber < $1.atomicNumber }
        reference = try Self.makeReference(settings.reference, elements: elements, base: base)
        seedFrames = try settings.seedData.file.map { file throws(LearningError) in
            try Self.readLabelled(Self.resolve(file, base: base), key: "seed_data.file", elements: settings.elements)
        }
        validation = try settings.validation.map { file throws(LearningError) in
            try Self.readLabelled(Self.resolve(file, base: base), key: "validation", elements: settings.elements)
        }
    }

    /// The loop of the YAML configuration file at `url`.
    public init(configurationFile url: URL) throws(LearningError) {
        try self.init(settings: LearningSettings.read(from: url), base: url.deletingLastPathComponent())
    }

    static func resolve(_ path: String, base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }

    /// The reference potential or command; a potential must accept one atom of every element.
    static func makeReference(_ r: LearningSettings.Reference, elements: [Element], base: URL) throws(LearningError) -> ReferenceLabeler {
        if let command = r.command { return .command(command) }
        let potential: any Potential
        switch r.potential {
        case "sw":
            let name = r.parameters ?? "Si"
            if name == "Si" {
                potential = StillingerWeber(element: "Si", parameters: .silicon)
            } else {
                do {
                    potential = try StillingerWeber(contentsOf: resolve(name, base: base))
                } catch {
                    throw LearningError("reference.parameters: \(error)")
                }
            }
        default:
            do {
                potential = try LennardJones(epsilon: r.epsilon ?? 1, sigma: r.sigma ?? 1, cutoff: r.cutoff ?? 2.5 * (r.sigma ?? 1), units: .metal)
            } catch {
                throw LearningError("reference: \(error)")
            }
        }
        for element in elements {
            let probe = Configuration(positions: [.zero], species: [0], elements: [element], units: .metal)
            do {
                try potential.check(probe)
            } catch {
                throw LearningError("reference: the \(r.potential ?? "") potential lacks element \(element.symbol) (\(error))")
            }
        }
        return .potential(potential)
    }

    /// Frames with energies and forces of the listed elements only.
    static func readLabelled(_ url: URL, key: String, elements: [String]) throws(LearningError) -> [Frame] {
        guard FileManager.default.fileExists(atPath: url.path) else { throw LearningError("\(key): no such file \(url.path)") }
        let frames = try LearningFiles.readFrames(url)
        guard !frames.isEmpty else { throw LearningError("\(key): \(url.path) holds no structure") }
        for (index, frame) in frames.enumerated() {
            guard frame.energy != nil, frame.forces != nil else {
                throw LearningError("\(url.path): frame \(index + 1) lacks an energy or forces")
            }
            if let other = frame.configuration.symbols.first(where: { !elements.contains($0) }) {
                throw LearningError("\(url.path): frame \(index + 1) has element \(other), which 'elements' does not list")
            }
        }
        return frames
    }

    // MARK: - Files

    var stateURL: URL { output.appendingPathComponent("state.json") }
    var seedURL: URL { output.appendingPathComponent("seed.extxyz") }
    func folder(_ iteration: Int) -> URL {
        output.appendingPathComponent("iterations").appendingPathComponent(String(format: "%03d", iteration))
    }
    func committeeFolder(_ iteration: Int) -> URL { folder(iteration).appendingPathComponent("committee") }
    func exploredURL(_ iteration: Int) -> URL { folder(iteration).appendingPathComponent("explored.json") }
    func candidatesURL(_ iteration: Int) -> URL { folder(iteration).appendingPathComponent("candidates.extxyz") }
    func labelledURL(_ iteration: Int) -> URL { folder(iteration).appendingPathComponent("labelled.extxyz") }
    var finalFitFolder: URL { output.appendingPathComponent("final-fit") }

    /// The NNP settings: symmetry functions generated for the elements from `shortest` to the cutoff.
    func modelSettings(shortest: Double) -> NNPSettings {
        let s = settings.symmetryFunctions
        let kind = CutoffKind(rawValue: s.cutoffType)!
        let generator = SymmetryFunctionGenerator(
            shiftedCount: s.shifted, centredCount: s.centred, angularWidthCount: s.angularWidths, zetaMax: s.zetaMax, cutoffKind: kind)
        let sets = elements.map { generator.set(central: $0, elements: elements, shortest: shortest, cutoff: s.cutoff) }
        let hidden = settings.training.hidden
        let activations = Array(repeating: Activation.tanh, count: hidden.count) + [.identity]
        return NNPSettings(
            elements: elements, cutoffKind: kind, symmetryFunctions: sets, scaling: .scaleCenter,
            architectures: elements.map { _ in NetworkArchitecture(hiddenLayers: hidden, activations: activations) })
    }
}
