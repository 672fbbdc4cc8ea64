import BasinAtoms
import BasinIO
import BasinTestSupport
import Foundation
import Testing

@Suite struct TrajectoryWriterTests {
    func directory() throws -> URL {
        try ScratchDirectory.make("trajectory")
    }

    func frame(_ x: Double) throws -> Frame {
        Frame(configuration: try Configuration(symbols: ["Ar", "Ar"], positions: [.zero, SIMD3(x, 0, 0)]), energy: -x)
    }

    @Test func fileAppearsOnlyWhenFinished() throws {
        let dir = try directory()
        let url = dir.appendingPathComponent("run.extxyz")
        let writer = try TrajectoryWriter(url: url)
        try writer.append(frame(3))
        try writer.append(frame(3.5))
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try writer.finish()
        let frames = try ExtendedXYZ.read(from: url)
        #expect(frames.map(\.energy) == [-3, -3.5])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["run.extxyz"])
    }

    @Test func abandonedWriterLeavesNothing() throws {
        let dir = try directory()
        do {
            let writer = try TrajectoryWriter(url: dir.appendingPathComponent("run.extxyz"))
            try writer.append(frame(3))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
