import BasinNNP
import BasinTestSupport
import Foundation
import Testing

/// Model folders with absurd sizes, Windows line ends, byte-order marks or non-files.
@Suite struct ModelFileHardeningTests {
    /// A copy of `source` with `edit` applied to input.nn.
    private func editedCopy(of source: URL, _ edit: (String) -> String) throws -> URL {
        let folder = try ModelFileTests.temporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where !name.hasPrefix("data.") {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let settings = folder.appendingPathComponent("input.nn")
        try edit(String(contentsOf: settings, encoding: .utf8)).write(to: settings, atomically: true, encoding: .utf8)
        return folder
    }

    private func loadError(_ folder: URL) -> ModelFileError? {
        do {
            _ = try NNPModel(directory: folder)
            return nil
        } catch {
            return error
        }
    }

    /// The input: n2p2's water model with `global_nodes_short 1000000000 25` used to
    /// abort allocating 424 GB; the weights file's 1,376 numbers now refuse it first.
    @Test func hugeLayerWidthIsCheckedAgainstTheWeightsBeforeAllocating() throws {
        let water = try WaterModel.directory.get()
        let folder = try editedCopy(of: water) { text in
            let edited = text.replacingOccurrences(of: "global_nodes_short              25 25", with: "global_nodes_short 1000000000 25")
            #expect(edited != text)
            return edited
        }
        let error = try #require(loadError(folder))
        #expect(error.file.hasSuffix("weights.001.data"), "\(error)")
        #expect(error.reason.hasPrefix("found 1376 parameters, the network has 53000000051"), "\(error)")
    }

    @Test func layerWidthsWhoseParameterCountOverflowAreRefused() throws {
        let source = try ModelFileTests.temporaryDirectory()
        try SyntheticModel.make().write(to: source)
        let folder = try editedCopy(of: source) {
            $0.replacingOccurrences(of: "global_nodes_short 5 4", with: "global_nodes_short 4611686018427387904 4611686018427387904")
        }
        let error = try #require(loadError(folder))
        #expect(error.file.hasSuffix("input.nn") && error.reason.contains("more parameters than can be counted"), "\(error)")
    }

    @Test func crlfLineEndsAndByteOrderMarksReadLikeTheOriginal() throws {
        let model = SyntheticModel.make()
        let folder = try ModelFileTests.temporaryDirectory()
        try model.write(to: folder)
        for name in ModelFileTests.fileNames {
            let url = folder.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
            try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: url)
        }
        #expect(try NNPModel(directory: folder) == model)
    }

    @Test func aDirectoryOrAnEmptyFileIsSaidInWords() throws {
        let folder = try ModelFileTests.temporaryDirectory()
        try SyntheticModel.make().write(to: folder)
        let weights = folder.appendingPathComponent("weights.001.data")
        try FileManager.default.removeItem(at: weights)
        try FileManager.default.createDirectory(at: weights, withIntermediateDirectories: false)
        #expect(loadError(folder)?.description == "\(weights.path): is a directory, not a file")
        try FileManager.default.removeItem(at: weights)
        try Data().write(to: weights)
        #expect(loadError(folder)?.description == "\(weights.path): is empty")
    }
}
