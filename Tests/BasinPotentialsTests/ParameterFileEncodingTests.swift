import BasinAtoms
import BasinPotentials
import BasinTestSupport
import Foundation
import Testing

/// `.sw`, `.vashishta` and Morse files read the same with Windows line ends and a UTF-8
/// byte-order mark, and a directory or /dev/null is refused in words.
@Suite struct ParameterFileEncodingTests {
    /// `text` with `\r\n` line ends and a byte-order mark, written to a fresh file `name`.
    private func windowsFile(_ text: String, name: String) throws -> URL {
        let directory = try ScratchDirectory.make("params")
        let url = directory.appendingPathComponent(name)
        try Data([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: url)
        return url
    }

    private func energy(_ potential: some Potential, _ configuration: Configuration) throws -> Double {
        try Calculator(potential: potential).evaluate(configuration, [.energy]).energy
    }

    @Test func stillingerWeber() throws {
        let url = try windowsFile(StillingerWeberSystems.siliconGermanium + "\n", name: "SiGe.sw")
        let alloy = try StillingerWeberSystems.siliconGermaniumAlloy()
        #expect(try energy(StillingerWeber(contentsOf: url), alloy)
            == energy(StillingerWeber(text: StillingerWeberSystems.siliconGermanium), alloy))
        let marked = "\u{FEFF}" + StillingerWeberSystems.silicon.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(throws: Never.self) { try StillingerWeber(text: marked) }
    }

    @Test func vashishta() throws {
        // Entries span two lines here: the file read as one line had 129 fields.
        let url = try windowsFile(PublishedParameters.silicaVashishta1990 + "\n", name: "SiO.vashishta")
        let quartz = try VashishtaSilica.cluster()
        #expect(try energy(Vashishta(contentsOf: url), quartz) == energy(VashishtaSilica.potential(), quartz))
    }

    @Test func morse() throws {
        let url = try windowsFile(MorseTests.copperNickel + "\n", name: "CuNi.morse")
        let alloy = try MorseTests.alloy()
        #expect(try energy(Morse(contentsOf: url), alloy) == energy(Morse(text: MorseTests.copperNickel), alloy))
    }

    @Test func aDirectoryOrDevNullIsSaidInWords() throws {
        let directory = try windowsFile("", name: "x").deletingLastPathComponent()
        #expect(throws: ParameterFileError(file: directory.path, line: nil, "is a directory, not a file")) {
            try StillingerWeber(contentsOf: directory)
        }
        #expect(throws: ParameterFileError(file: "/dev/null", line: nil, "is empty")) {
            try Vashishta(contentsOf: URL(fileURLWithPath: "/dev/null"))
        }
    }
}
