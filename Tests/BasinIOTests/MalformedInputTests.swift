import BasinAtoms
import BasinIO
import BasinMath
import Foundation
import Testing

/// Readers never crash: every mutation of a valid file either reads or throws `FileFormatError`.
@Suite("Mutated files never crash the readers")
struct MalformedInputTests {
    private static let pieces = ["0", "1", "-", ".", "e", "nan", "X", " ", "\n", "\"", "=", "#", ":", "ITEM:", "9999999999999999999999", "Atoms"]

    /// `text` changed at a random place: a line removed or doubled, a piece inserted, or the end cut off.
    private func mutate(_ text: String, using generator: inout SeededGenerator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let i = Int.random(in: 0..<lines.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: lines.remove(at: i)
        case 1: lines.insert(lines[i], at: i)
        case 2:
            var line = Array(lines[i])
            let position = Int.random(in: 0...line.count, using: &generator)
            line.insert(contentsOf: Self.pieces.randomElement(using: &generator) ?? "", at: position)
            lines[i] = String(line)
        default:
            return String(text.prefix(Int.random(in: 0..<max(1, text.count), using: &generator)))
        }
        return lines.joined(separator: "\n")
    }

    private func fuzz(_ fixtureName: String, read: (String) throws(FileFormatError) -> Void) throws {
        let text = try String(contentsOf: fixture(fixtureName), encoding: .utf8)
        var generator = SeededGenerator(seed: 2024)
        var failures = 0
        for _ in 0..<400 {
            var mutated = text
            for _ in 0..<Int.random(in: 1...3, using: &generator) { mutated = mutate(mutated, using: &generator) }
            do {
                try read(mutated)
            } catch {
                failures += 1
                #expect(error.file == "fuzz")
                #expect(!error.description.isEmpty)
            }
        }
        #expect(failures > 0)
    }

    @Test func extendedXYZ() throws {
        try fuzz("ase_triclinic.extxyz") { text throws(FileFormatError) in
            let frames = try ExtendedXYZ.read(text: text, file: "fuzz")
            _ = try? ExtendedXYZ.text(for: frames)
        }
        try fuzz("ase_frames.extxyz") { text throws(FileFormatError) in _ = try ExtendedXYZ.read(text: text, file: "fuzz") }
    }

    @Test func lammpsData() throws {
        try fuzz("ase_triclinic.lmp") { text throws(FileFormatError) in
            let configuration = try LAMMPSData.read(text: text, file: "fuzz")
            _ = try? LAMMPSData.text(for: configuration)
        }
    }

    @Test func lammpsDump() throws {
        try fuzz("lammps_argon.dump") { text throws(FileFormatError) in
            let frames = try LAMMPSDump.read(text: text, file: "fuzz")
            _ = try? LAMMPSDump.text(for: frames)
        }
    }
}
