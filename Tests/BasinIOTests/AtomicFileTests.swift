import BasinIO
import Foundation
import Testing

@Suite("Atomic writes")
struct AtomicFileTests {
    private func contents(of directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func writeCreatesAndReplacesLeavingNoTemporaryFile() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("out.xyz")
            try AtomicFile.write("first\n", to: url)
            #expect(try String(contentsOf: url, encoding: .utf8) == "first\n")
            try AtomicFile.write("second\n", to: url)
            #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
            #expect(try contents(of: directory) == ["out.xyz"])
        }
    }

    @Test func replacingKeepsPermissions() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("out.xyz")
            try AtomicFile.write("first\n", to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: url.path)
            try AtomicFile.write("second\n", to: url)
            let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            #expect(permissions == 0o640)
        }
    }

    @Test func failedRenameLeavesTheDestinationAndNoTemporaryFile() throws {
        try withTemporaryDirectory { directory in
            let destination = directory.appendingPathComponent("taken")
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
            try "keep\n".write(to: destination.appendingPathComponent("inside"), atomically: false, encoding: .utf8)
            #expect(throws: FileFormatError.self) { try AtomicFile.write("data\n", to: destination) }
            #expect(try contents(of: directory) == ["taken"])
            #expect(try contents(of: destination) == ["inside"])
        }
    }

    @Test func missingDirectoryFailsWithoutCreatingAnything() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("missing/out.xyz")
            #expect(throws: FileFormatError.self) { try AtomicFile.write("data\n", to: url) }
            let names = try contents(of: directory)
            #expect(names.isEmpty)
        }
    }

    @Test func failedEncodingLeavesTheOriginalFileUntouched() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("frames.extxyz")
            let good = Frame(configuration: Samples.cluster(), energy: -1)
            try ExtendedXYZ.write([good], to: url)
            let before = try Data(contentsOf: url)
            let bad = Frame(configuration: Samples.cluster(), forces: [.zero])
            #expect(throws: FileFormatError(file: url.path, line: nil, .cannotWrite("frame 2: 1 forces for 3 atoms"))) {
                try ExtendedXYZ.write([good, bad], to: url)
            }
            #expect(try Data(contentsOf: url) == before)
            #expect(try contents(of: directory) == ["frames.extxyz"])
        }
    }
}
