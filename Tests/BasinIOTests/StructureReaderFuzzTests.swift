import BasinIO
import BasinTestSupport
import Foundation
import Testing

/// Mutated and extreme-valued structure files either load or throw `FileFormatError`: no trap,
/// no hang. Loaded frames are also written back (text only), which must not trap either.
@Suite("Structure readers under fuzzing (Fuzz)")
struct StructureReaderFuzzTests {
    private static let plainXYZ = """
        5
        a distorted cluster
        Ar 0.0 0.0 0.0
        Ar 1.1 0.0 0.0
        Ar 0.0 1.1 0.0
        Ar 0.0 0.0 1.1
        Ar 0.7 0.7 0.7

        """

    /// Each reader's name in the summary, the valid files its mutants start from, the file name
    /// they are written under and the format read.
    private static let readers: [(name: String, sources: [Source], file: String, format: StructureFile.Format)] = [
        ("extxyz", [.fixture("ase_frames.extxyz"), .fixture("ase_triclinic.extxyz")], "frames.extxyz", .extxyz),
        ("xyz", [.text(plainXYZ)], "cluster.xyz", .extxyz),
        ("LAMMPS data", [.fixture("lammps_argon.lmp"), .fixture("ase_triclinic.lmp")], "argon.lmp", .lammpsData),
        ("LAMMPS dump", [.fixture("lammps_argon.dump"), .fixture("lammps_scaled.dump")], "argon.dump", .lammpsDump),
        ("n2p2 input.data", [.text(N2P2DataTests.sample)], "input.data", .n2p2),
    ]

    /// A valid file: a fixture by name, or text.
    private enum Source {
        case fixture(String), text(String)

        var text: String {
            get throws {
                switch self {
                case .fixture(let name): try String(contentsOf: BasinIOTests.fixture(name), encoding: .utf8)
                case .text(let text): text
                }
            }
        }
    }

    /// The frames written back in the format they were read from.
    private static func text(for frames: [Frame], format: StructureFile.Format) throws(FileFormatError) -> String {
        switch format {
        case .extxyz: try ExtendedXYZ.text(for: frames)
        case .lammpsData: try LAMMPSData.text(for: frames[0].configuration)
        case .lammpsDump: try LAMMPSDump.text(for: frames)
        case .n2p2: try N2P2Data.text(for: frames)
        }
    }

    @Test(arguments: readers.indices)
    func reader(_ index: Int) throws {
        let (name, valid, file, format) = Self.readers[index]
        let sources = try valid.map { try $0.text }
        try withTemporaryDirectory { directory in
            let summary = try ReaderFuzzer.run(name, sources: sources, to: directory.appendingPathComponent(file)) { url throws(FileFormatError) in
                let frames = try StructureFile.read(from: url, format: format)
                _ = try? Self.text(for: frames, format: format)
            }
            #expect(summary.slow.isEmpty, "slow mutants (seed, seconds): \(summary.slow)")
            #expect(summary.refused > 0 && summary.loaded > 0, "the mutants should both load and fail")
        }
    }
}
