import Foundation
import Testing

/// Paths that are no usable text file are refused in words on the command line, with one line.
@Suite struct InputPathTests {
    @Test func directoriesDevNullBinaryAndFilesAsFoldersAreSaidInWords() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let structure = directory.appendingPathComponent("si.xyz")
        try "2\nx\nSi 0 0 0\nSi 2.35 0 0\n".write(to: structure, atomically: true, encoding: .utf8)
        let folder = directory.appendingPathComponent("frames.xyz")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        let binary = directory.appendingPathComponent("garbage.xyz")
        try Data((0..<700).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 3) }).write(to: binary)
        let cases: [([String], String)] = [
            (["eval", folder.path], "\(folder.path): is a directory, not a file"),
            (["eval", "/dev/null"], "/dev/null: is empty"),
            (["eval", binary.path], "\(binary.path):1: is not a text file: it holds binary data ('"),
            (["eval", structure.path, "--potential", "sw", "--parameters", directory.path], "\(directory.path): is a directory, not a file"),
            (["eval", structure.path, "--potential", "vashishta", "--parameters", "/dev/null"], "/dev/null: is empty"),
            (["eval", structure.path, "--potential", "nnp", "--model", structure.path], "\(structure.path): is a file, not a model folder"),
        ]
        for (arguments, message) in cases {
            let result = try CommandRunner.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
            let lines = result.error.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].count < 250, "\(result.error)")
            #expect(result.error.unicodeScalars.allSatisfy { $0 == "\n" || (0x20..<0x7F).contains($0.value) || $0 == "…" }, "\(result.error)")
        }
    }

    @Test func symmetryFunctionFilesWithCRLFAndAByteOrderMarkReadLikeThePlainFile() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let data = directory.appendingPathComponent("water.xyz")
        try SymmetryFunctionCommandTests.water.write(to: data, atomically: true, encoding: .utf8)
        let functions = "cutoff_type 6\nsymfunction_short O 2 H 0.5 0.0 3.0\nsymfunction_short H 2 O 0.3 0.5 3.5\n"
        let plain = directory.appendingPathComponent("plain.nn"), windows = directory.appendingPathComponent("windows.nn")
        try functions.write(to: plain, atomically: true, encoding: .utf8)
        try Data([0xEF, 0xBB, 0xBF] + Array(functions.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: windows)
        let expected = try CommandRunner.run(["sf", "analyze", "--functions", plain.path, "--data", data.path, "--json"])
        let result = try CommandRunner.run(["sf", "analyze", "--functions", windows.path, "--data", data.path, "--json"])
        #expect(expected.status == 0 && result.status == 0, "\(result.error)")
        #expect(result.output == expected.output)
    }
}
