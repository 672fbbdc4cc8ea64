import BasinAtoms
import BasinDescriptors
import BasinNN
import BasinPotentials
import BasinText
import Foundation

/// A second-generation high-dimensional neural-network potential as n2p2 stores it in a
/// directory: `input.nn` (settings), `scaling.data` (symmetry-function statistics, when the
/// settings scale inputs) and one `weights.XXX.data` per element (XXX = atomic number).
///
/// Everything is in the model's own units (those of its training data, e.g. Bohr and Hartree);
/// `NeuralNetworkPotential` converts to a configuration's units. A model trained on top of a
/// fixed baseline records it in `baseline.data` (`ModelBaseline`).
public struct NNPModel: Sendable, Equatable {
    public var settings: NNPSettings
    /// Statistics per element and function (`settings.elements` and sorted function order);
    /// empty when the settings do not scale inputs.
    public var statistics: [[SymmetryFunctionStatistics]]
    /// The atomic network of each element, in `settings.elements` order.
    public var networks: [NeuralNetwork]
    /// The fixed potential under the networks (energies and forces = networks + baseline), or nil.
    public var baseline: ModelBaseline?

    public init(
        settings: NNPSettings, statistics: [[SymmetryFunctionStatistics]], networks: [NeuralNetwork], baseline: ModelBaseline? = nil
    ) {
        precondition(networks.count == settings.elements.count, "one network per element")
        precondition(statistics.isEmpty || statistics.map(\.count) == settings.symmetryFunctions.map(\.functions.count),
                     "statistics for every symmetry function")
        self.settings = settings
        self.statistics = statistics
        self.networks = networks
        self.baseline = baseline
    }

    /// Reads the model in `directory`.
    /// - Throws: `ModelFileError` naming the file (and line) that is missing or malformed, or
    ///   whose contents disagree with input.nn (number of scaling rows or weights).
    public init(directory: URL) throws(ModelFileError) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory)
        guard exists, isDirectory.boolValue else {
            let what = exists ? "is a file, not a model folder" : "no such model folder"
            throw ModelFileError(file: directory.path, reason: "\(what) (it should hold input.nn, scaling.data and weights.XXX.data)")
        }
        let settingsURL = directory.appendingPathComponent("input.nn")
        let settings = try NNPSettings.parse(Self.read(settingsURL), file: settingsURL.path)
        let counts = settings.symmetryFunctions.map(\.functions.count)
        var statistics: [[SymmetryFunctionStatistics]] = []
        if settings.scaling.needsStatistics {
            let url = directory.appendingPathComponent("scaling.data")
            statistics = try ScalingData.parse(Self.read(url), counts: counts, file: url.path)
        }
        var networks: [NeuralNetwork] = []
        for (element, (architecture, count)) in zip(settings.elements, zip(settings.architectures, counts)) {
            let url = directory.appendingPathComponent(NeuralNetwork.weightsFileName(atomicNumber: element.atomicNumber))
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw ModelFileError(file: url.path, reason: Self.missingWeightsReason(element, settings: settings, directory: directory))
            }
            // The weights file bounds the network's size: its numbers are counted before the
            // network input.nn describes is allocated.
            let shape = "the \(element.symbol) network of input.nn"
            guard let parameterCount = architecture.parameterCount(inputCount: count) else {
                throw ModelFileError(file: settingsURL.path, reason: "\(shape) has more parameters than can be counted (hidden layers \(architecture.hiddenLayers.map(String.init).joined(separator: " ")))")
            }
            let parameters: [Double]
            do {
                parameters = try NeuralNetwork.parseWeights(Self.read(url), file: url.path, expectedCount: parameterCount)
            } catch let error as NeuralNetworkError {
                guard case .weightsFile(let file, let line, let reason) = error else { throw ModelFileError(file: url.path, reason: error.description) }
                throw ModelFileError(file: file, line: line, reason: reason + " (\(shape))")
            } catch let error as ModelFileError {
                throw error
            } catch {
                throw ModelFileError(file: url.path, reason: "\(error)")
            }
            var network = architecture.network(inputCount: count, normalizesNodes: settings.normalizesNodes)
            network.parameters = parameters
            networks.append(network)
        }
        var baseline: ModelBaseline?
        let baselineURL = directory.appendingPathComponent(ModelBaseline.fileName)
        if FileManager.default.fileExists(atPath: baselineURL.path) {
            baseline = try ModelBaseline.parse(Self.read(baselineURL), file: baselineURL.path)
        }
        self.init(settings: settings, statistics: statistics, networks: networks, baseline: baseline)
    }

    /// Writes input.nn, scaling.data (when used), the weights files and baseline.data (when the
    /// model has a baseline) into `directory`
    /// (created if needed), each through a temporary file renamed into place.
    public func write(to directory: URL) throws(ModelFileError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ModelFileError(file: directory.path, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        var files = [("input.nn", settings.text())]
        if settings.scaling.needsStatistics { files.append(("scaling.data", ScalingData.text(statistics))) }
        for (element, network) in zip(settings.elements, networks) {
            files.append((NeuralNetwork.weightsFileName(atomicNumber: element.atomicNumber), network.weightsFileText()))
        }
        if let baseline { files.append((ModelBaseline.fileName, baseline.text)) }
        if let steric = baseline?.steric { files.append((ModelBaseline.stericFileName, steric.vashishtaText)) }
        if let tail = baseline?.tail { files.append((ModelBaseline.tailFileName, tail.lammpsTable)) }
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw ModelFileError(file: url.path, reason: "cannot write: \(error.localizedDescription)")
            }
        }
    }

    /// Why a weights file is missing, naming weights files of elements input.nn does not list.
    private static func missingWeightsReason(_ element: Element, settings: NNPSettings, directory: URL) -> String {
        let expected = Set(settings.elements.map { NeuralNetwork.weightsFileName(atomicNumber: $0.atomicNumber) })
        let strays = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("weights.") && $0.hasSuffix(".data") && !expected.contains($0) }.sorted()
        var reason = "no weights for element \(element.symbol), which input.nn lists"
        if !strays.isEmpty {
            reason += "; the folder has \(strays.joined(separator: ", ")), for elements input.nn does not list"
        }
        return reason
    }

    private static func read(_ url: URL) throws(ModelFileError) -> String {
        do {
            return try TextFile.contents(of: url)
        } catch {
            throw ModelFileError(file: error.file, line: error.line, reason: error.reason)
        }
    }
}
