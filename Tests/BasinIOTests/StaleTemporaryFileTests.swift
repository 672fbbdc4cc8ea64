import BasinAtoms
import Foundation
import Testing

@testable import BasinIO

/// Temporary files left by killed writers are removed by the next write to the same file.
@Suite("Stale temporary files")
struct StaleTemporaryFileTests {
    /// An id of a process that has ended.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Leftovers beside `name` in `directory`: one of a dead process, one of this (living)
    /// process, one of another destination, and an unrelated hidden file.
    static func plantLeftovers(for name: String, in directory: URL) throws -> (dead: String, kept: [String]) {
        let dead = ".\(name).\(try deadProcessID()).k3x9.tmp"
        let kept = [".\(name).\(getpid()).a1.tmp", ".other.extxyz.\(try deadProcessID()).b2.tmp", ".\(name).notes"]
        for file in [dead] + kept {
            try Data(repeating: 7, count: 4096).write(to: directory.appendingPathComponent(file))
        }
        return (dead, kept)
    }

    @Test func temporaryNamesCarryTheProcessID() {
        let name = StaleTemporaryFiles.name(for: "run.extxyz")
        #expect(StaleTemporaryFiles.owner(of: name, for: "run.extxyz") == getpid())
        #expect(StaleTemporaryFiles.owner(of: ".run.extxyz.x1y2.tmp", for: "run.extxyz") == nil)
        #expect(StaleTemporaryFiles.owner(of: ".run.extxyz.12.tmp", for: "run.extxyz") == nil)
        #expect(StaleTemporaryFiles.owner(of: ".run.extxyz.12.AB.tmp", for: "run.extxyz") == nil)
        #expect(StaleTemporaryFiles.owner(of: ".run.extxyz.12.ab.tmp", for: "run") == nil)
    }

    @Test func atomicWriteRemovesTheLeftoversOfDeadProcessesOnly() throws {
        try withTemporaryDirectory { directory in
            let (dead, kept) = try Self.plantLeftovers(for: "out.xyz", in: directory)
            try AtomicFile.write("2\n\nX 0 0 0\nX 1 0 0\n", to: directory.appendingPathComponent("out.xyz"))
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
            #expect(!names.contains(dead))
            #expect(names == Set(kept + ["out.xyz"]))
        }
    }

    @Test func trajectoryWriterRemovesTheLeftoversOfDeadProcesses() throws {
        try withTemporaryDirectory { directory in
            let (dead, kept) = try Self.plantLeftovers(for: "run.extxyz", in: directory)
            let writer = try TrajectoryWriter(url: directory.appendingPathComponent("run.extxyz"))
            try writer.append(Frame(configuration: try Configuration(symbols: ["Ar"], positions: [.zero])))
            try writer.finish()
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
            #expect(!names.contains(dead))
            #expect(names == Set(kept + ["run.extxyz"]))
        }
    }
}
