import BasinAtoms
import BasinIO
import Foundation
import Testing

/// A structure file is written in the format its name says, the one it is read back in.
@Suite("Writing formats follow file names")
struct FormatFromNameTests {
    typealias Format = StructureFile.Format
    static let training: StructureFile.Contents = [.severalFrames, .energies, .forces]

    @Test(arguments: [
        ("a/train.extxyz", Format.extxyz), ("b.xyz", .extxyz), ("input.data", .n2p2), ("x/output.data", .n2p2),
        ("set.n2p2", .n2p2), ("argon.data", .lammpsData), ("argon.lmp", .lammpsData), ("run.dump", .lammpsDump),
        ("run.lammpstrj", .lammpsDump),
    ])
    func nameDecidesAsReadersDo(name: String, format: Format) throws {
        let url = URL(fileURLWithPath: name)
        #expect(Format.guess(for: url) == format)
        #expect(try Format.forWriting(url) == format)
    }

    @Test func trainingDataNamedLikeALAMMPSDataFileIsRefusedWithNamesThatWork() throws {
        let error = #expect(throws: FileFormatError.self) {
            try Format.forWriting(URL(fileURLWithPath: "/tmp/train.data"), holding: Self.training)
        }
        #expect(error?.description == "/tmp/train.data: cannot write: a LAMMPS data file cannot hold several structures, energies and forces; name the file train.extxyz (extended XYZ) or input.data (n2p2)")
    }

    @Test func aFormatThatDisagreesWithTheNameIsRefused() throws {
        let error = #expect(throws: FileFormatError.self) {
            try Format.forWriting(URL(fileURLWithPath: "frames.xyz"), requested: .lammpsDump)
        }
        #expect(error?.description.contains("the name 'frames.xyz' says an extended XYZ file but the format asked for is lammps-dump") == true)
        #expect(error?.description.contains("frames.lammpstrj") == true)
        #expect(try Format.forWriting(URL(fileURLWithPath: "frames.out"), requested: .lammpsDump) == .lammpsDump)
    }

    @Test func aNameThatSaysNoFormatIsRefused() throws {
        #expect(throws: FileFormatError.self) { try Format.forWriting(URL(fileURLWithPath: "frames.out")) }
        #expect(throws: FileFormatError.self) { try TrajectoryWriter(url: URL(fileURLWithPath: "/tmp/trajectory")) }
    }

    @Test func writingFollowsTheNameAndRefusesWhatTheFormatCannotHold() throws {
        try withTemporaryDirectory { directory in
            let frames = [1.0, 1.2].map { x in
                Frame(configuration: try! Configuration(symbols: ["Ar", "Ar"], positions: [.zero, SIMD3(x, 0, 0)]),
                      energy: -x, forces: [SIMD3(1, 0, 0), SIMD3(-1, 0, 0)])
            }
            let n2p2 = directory.appendingPathComponent("input.data")
            try StructureFile.write(frames, to: n2p2, requiring: Self.training)
            #expect(try StructureFile.read(from: n2p2).map(\.energy) == [-1, -1.2])
            let data = directory.appendingPathComponent("train.data")
            #expect(throws: FileFormatError.self) { try StructureFile.write(frames, to: data, requiring: Self.training) }
            #expect(throws: FileFormatError.self) { try StructureFile.write(frames, to: data) }
            #expect(throws: FileFormatError.self) { try TrajectoryWriter(url: data) }
            #expect(!FileManager.default.fileExists(atPath: data.path))
            try StructureFile.write([frames[0]], to: data)
            #expect(try StructureFile.read(from: data).count == 1)
        }
    }
}
