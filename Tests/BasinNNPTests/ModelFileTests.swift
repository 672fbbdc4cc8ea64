import BasinAtoms
import BasinNNP
import BasinPotentials
import Foundation
import BasinTestSupport
import Testing

/// n2p2 model files: reading, writing, byte-stable round trips and clear errors.
@Suite struct ModelFileTests {
    static func temporaryDirectory() throws -> URL {
        try ScratchDirectory.make("nnp")
    }

    static let fileNames = ["input.nn", "scaling.data", "weights.001.data", "weights.008.data"]

    @Test func synthesizedModelRoundTripsByteForByte() throws {
        let model = SyntheticModel.make(cutoff: .polynomial2, alpha: 0.1)
        let first = try Self.temporaryDirectory(), second = try Self.temporaryDirectory()
        try model.write(to: first)
        let read = try NNPModel(directory: first)
        #expect(read == model)
        try read.write(to: second)
        for name in Self.fileNames {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func n2p2WaterModelRoundTripsAndEvaluatesIdentically() throws {
        let source = try WaterModel.directory.get()
        let model = try NNPModel(directory: source)
        #expect(model.settings.elements.map(\.symbol) == ["H", "O"])
        #expect(model.settings.symmetryFunctions.map(\.functions.count) == [27, 30])
        #expect(model.settings.scaling == .scaleCenter && model.settings.cutoffKind == .tanhUnnormalized)
        let first = try Self.temporaryDirectory(), second = try Self.temporaryDirectory()
        try model.write(to: first)
        let again = try NNPModel(directory: first)
        try again.write(to: second)
        for name in Self.fileNames {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
        // scaling.data and the weights are written exactly as n2p2 wrote them.
        for name in Self.fileNames.dropFirst() {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: source.appendingPathComponent(name)), "\(name)")
        }
        #expect(again == model)
        // The first 96 atoms (32 molecules) as a cluster: enough to exercise every network.
        var c = try WaterModel.configuration()
        c.positions = Array(c.positions.prefix(96))
        c.species = Array(c.species.prefix(96))
        c.masses = Array(c.masses.prefix(96))
        c.cell = .open
        func energy(_ m: NNPModel) throws -> Double {
            try Calculator(potential: NeuralNetworkPotential(model: m, units: .metal, lengthFactor: WaterModel.bohrPerAngstrom), skin: 0)
                .evaluate(c, .energy).energy
        }
        #expect(try energy(again) == energy(model))
    }

    /// Writes the synthesized model, applies `edit` to one file's text, and returns the error.
    static func error(in name: String, _ edit: (String) -> String) throws -> ModelFileError? {
        let folder = try temporaryDirectory()
        try SyntheticModel.make().write(to: folder)
        let url = folder.appendingPathComponent(name)
        try edit(String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try NNPModel(directory: folder)
            return nil
        } catch {
            return error
        }
    }

    static func replacing(_ old: String, _ new: String) -> (String) -> String {
        { text in
            #expect(text.contains(old), "the file has '\(old)'")
            return text.replacingOccurrences(of: old, with: new)
        }
    }

    @Test func malformedSettingsNameTheLine() throws {
        let missing = try Self.error(in: "input.nn", Self.replacing("cutoff_type", "#cutoff_type"))
        #expect(missing?.reason == "missing keyword cutoff_type" && missing?.line == nil)
        let cases: [(String, String, String)] = [
            ("global_nodes_short 5 4", "global_nodes_short 5", "global_nodes_short takes 2 values, found 1"),
            ("global_activation_short t p l", "global_activation_short t q l", "unknown activation 'q'"),
            ("elements H O", "elements H O Cu", "elements lists 3 symbols but number_of_elements is 2"),
            ("elements H O", "elements H Xx", "unknown element 'Xx'"),
            ("atom_energy O -0.4", "atom_energy N -0.4", "element N is not among the model's elements (H O)"),
            ("mean_energy -0.3", "", "normalization needs mean_energy, conv_energy and conv_length together; missing mean_energy"),
            ("scale_min_short -1.0", "scale_min_short -1.0\nscale_symmetry_functions_sigma", "scale_symmetry_functions_sigma cannot be combined"),
            ("normalize_nodes", "normalize_nodes\nnormalize_nodes", "normalize_nodes is given twice"),
            ("symfunction_short H 2 H 0.5 0.0 3.2", "symfunction_short H 2 H 0.5 0.0", "type 2 takes <e1> <eta> <rs> <rc>, got 3 values"),
            ("symfunction_short H 2 H 0.5 0.0 3.2", "symfunction_short H 2 N 0.5 0.0 3.2", "neighbor element N is not among the model's elements"),
        ]
        for (old, new, reason) in cases {
            let error = try #require(try Self.error(in: "input.nn", Self.replacing(old, new)), "\(new)")
            #expect(error.reason.hasPrefix(reason), "\(error)")
            #expect(error.file.hasSuffix("input.nn") && error.line != nil, "\(error)")
        }
    }

    @Test func weightsThatDoNotFitTheNetworkAreRejected() throws {
        // One number too few: the last line removed.
        let short = try #require(try Self.error(in: "weights.008.data") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeLast(2)
            return lines.joined(separator: "\n") + "\n"
        })
        #expect(short.file.hasSuffix("weights.008.data") && short.reason.contains("the O network of input.nn"), "\(short)")
        // A network for another element's inputs: H has as many functions as O here, so widen O's.
        let widened = try #require(try Self.error(in: "input.nn", Self.replacing("global_nodes_short 5 4", "global_nodes_short 5 4\nelement_nodes_short O 1 6")))
        #expect(widened.file.hasSuffix("weights.008.data"), "\(widened)")
        #expect(widened.reason.contains("O network"), "\(widened)")
    }

    @Test func scalingDataWithABlankLineOrMissingRowsIsRejected() throws {
        let blank = try #require(try Self.error(in: "scaling.data") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.insert("", at: 17)
            return lines.joined(separator: "\n")
        })
        #expect(blank.file.hasSuffix("scaling.data") && blank.line == 18 && blank.reason.hasPrefix("blank line"), "\(blank)")
        let missing = try #require(try Self.error(in: "scaling.data") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.remove(at: 17)
            return lines.joined(separator: "\n")
        })
        #expect(missing.reason.contains("expected 14 rows"), "\(missing)")
        let swapped = try #require(try Self.error(in: "scaling.data", Self.replacing("         1          2 ", "         2          2 ")))
        #expect(swapped.line == 17 && swapped.reason.hasPrefix("expected the row of element 1, function 2"), "\(swapped)")
    }

    @Test func missingFilesAreNamed() throws {
        let folder = try Self.temporaryDirectory()
        try SyntheticModel.make().write(to: folder)
        // Weights for carbon instead of hydrogen: input.nn and the weights disagree on the elements.
        try FileManager.default.moveItem(
            at: folder.appendingPathComponent("weights.001.data"), to: folder.appendingPathComponent("weights.006.data"))
        #expect {
            try NNPModel(directory: folder)
        } throws: { error in
            let error = error as? ModelFileError
            return error?.file.hasSuffix("weights.001.data") == true
                && error?.reason == "no weights for element H, which input.nn lists; the folder has weights.006.data, for elements input.nn does not list"
        }
        #expect {
            try NNPModel(directory: folder.appendingPathComponent("absent"))
        } throws: { error in
            (error as? ModelFileError)?.reason.hasPrefix("no such model folder") == true
        }
    }
}
