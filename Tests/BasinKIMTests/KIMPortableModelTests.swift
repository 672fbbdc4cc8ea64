import BasinKIM
import BasinNNP
import BasinTestSupport
import Foundation
import Testing

/// `basin export kim`'s folder: the model files as they are, the parameters and the build file,
/// and one clear error for a missing model or a bad name.
@Suite struct KIMPortableModelTests {
    static func scratch() throws -> URL {
        try ScratchDirectory.make("basin-kim-export").appendingPathComponent("work")
    }

    @Test func writesTheModelFilesParametersAndBuildFile() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = work.appendingPathComponent("n2p2"), output = work.appendingPathComponent("kim")
        try SyntheticModel.make().write(to: source)
        let parameters = KIMParameters(lengthFactor: 1.8897261328, energyFactor: 0.0367493254)
        try KIMPortableModel.export(model: source, name: "Basin_Test_Model", parameters: parameters, to: output)
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(files == ["CMakeLists.txt", "basin-kim.params", "input.nn", "scaling.data", "weights.001.data", "weights.008.data"])
        for file in ["input.nn", "scaling.data", "weights.001.data", "weights.008.data"] {
            #expect(try Data(contentsOf: output.appendingPathComponent(file)) == Data(contentsOf: source.appendingPathComponent(file)))
        }
        #expect(try KIMParameters(contentsOf: output.appendingPathComponent(KIMParameters.fileName)) == parameters)
        let cmake = try String(contentsOf: output.appendingPathComponent("CMakeLists.txt"), encoding: .utf8)
        #expect(cmake.contains("project(Basin_Test_Model)"))
        #expect(cmake.contains("DRIVER_NAME     \"\(KIMPortableModel.driverName)\""))
        #expect(cmake.contains("PARAMETER_FILES \"basin-kim.params\" \"input.nn\" \"scaling.data\" \"weights.001.data\" \"weights.008.data\""))
    }

    @Test func refusesAMissingModelOrABadName() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("kim")
        #expect {
            try KIMPortableModel.export(model: work.appendingPathComponent("absent"), name: "M", parameters: KIMParameters(), to: output)
        } throws: { error in
            (error as? ModelFileError)?.file == work.appendingPathComponent("absent").path
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        try SyntheticModel.make().write(to: work.appendingPathComponent("n2p2"))
        #expect(throws: ModelFileError(file: "2x-y", reason: "not a KIM model name (letters, digits and '_', starting with a letter)")) {
            try KIMPortableModel.export(model: work.appendingPathComponent("n2p2"), name: "2x-y", parameters: KIMParameters(), to: output)
        }
    }
}
