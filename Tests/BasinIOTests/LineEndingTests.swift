import BasinIO
import Foundation
import Testing

/// Every structure reader reads a file with Windows line ends and a UTF-8 byte-order mark as it
/// reads the plain file, and says in words why a directory, /dev/null or binary data is no file.
@Suite("Line ends, byte-order marks and non-files")
struct LineEndingTests {
    private static let plainXYZ = "2\nwater fragment\nO 0 0 0\nH 0.96 0 0\n"
    private static let n2p2 = """
        begin
        comment two argon atoms
        lattice 10 0 0
        lattice 0 10 0
        lattice 0 0 10
        atom 0 0 0 Ar 0 0 1e-3 0 0
        atom 3.8 0 0 Ar 0 0 -1e-3 0 0
        energy -0.02
        charge 0
        end

        """

    /// The sources, each with the name it is read under.
    private static func sources() throws -> [(name: String, text: String)] {
        [
            ("frames.extxyz", try String(contentsOf: fixture("ase_frames.extxyz"), encoding: .utf8)),
            ("plain.xyz", plainXYZ),
            ("argon.lmp", try String(contentsOf: fixture("lammps_argon.lmp"), encoding: .utf8)),
            ("argon.dump", try String(contentsOf: fixture("lammps_argon.dump"), encoding: .utf8)),
            ("input.data", n2p2),
        ]
    }

    /// The frames of `url` as extended XYZ text, to compare everything read.
    private func readBack(_ url: URL) throws -> String {
        try ExtendedXYZ.text(for: StructureFile.read(from: url))
    }

    @Test func crlfAndByteOrderMarkReadLikeThePlainFile() throws {
        try withTemporaryDirectory { directory in
            for (name, text) in try Self.sources() {
                let plain = directory.appendingPathComponent("plain").appendingPathComponent(name)
                let windows = directory.appendingPathComponent("windows").appendingPathComponent(name)
                for url in [plain, windows] {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                }
                try Data(text.utf8).write(to: plain)
                try Data([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: windows)
                #expect(try readBack(windows) == readBack(plain), "\(name)")
                let marked = "\u{FEFF}" + text
                let fromText: Bool = switch StructureFile.Format.guess(for: plain) {
                case .extxyz: try ExtendedXYZ.read(text: marked).count > 0
                case .lammpsData: try LAMMPSData.read(text: marked).count > 0
                case .lammpsDump: try LAMMPSDump.read(text: marked).count > 0
                case .n2p2: try N2P2Data.read(text: marked).count > 0
                case nil: false
                }
                #expect(fromText, "\(name) as text with a byte-order mark")
            }
        }
    }

    @Test func directoriesDevNullAndBinaryAreSaidInWords() throws {
        try withTemporaryDirectory { directory in
            let folder = directory.appendingPathComponent("frames.xyz")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            #expect(throws: FileFormatError(file: folder.path, line: nil, .unreadable("is a directory, not a file"))) {
                try StructureFile.read(from: folder)
            }
            #expect(throws: FileFormatError(file: "/dev/null", line: nil, .unreadable("is empty"))) {
                try StructureFile.read(from: URL(fileURLWithPath: "/dev/null"), format: .extxyz)
            }
            let binary = directory.appendingPathComponent("garbage.data")
            try Data((0..<700).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }).write(to: binary)
            do {
                _ = try StructureFile.read(from: binary)
                Issue.record("binary data was read")
            } catch {
                let message = "\(error)"
                #expect(message.contains("is not a text file"), "\(message)")
                #expect(message.count < binary.path.count + 120, "\(message)")
                #expect(message.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) || $0 == "…" }, "\(message)")
            }
        }
    }

    @Test func longTokensAreQuotedShort() {
        let token = String(repeating: "7x", count: 400)
        do {
            _ = try ExtendedXYZ.read(text: "\(token)\ncomment\n", file: "long.xyz")
            Issue.record("a malformed count was read")
        } catch {
            #expect(error.description.count < 140, "\(error)")
            #expect(error.description.hasSuffix("…'"), "\(error)")
        }
    }
}
