import BasinPotentials
import BasinTestSupport
import Foundation
import Testing

/// Mutated and extreme-valued `.sw`, `.vashishta` and Morse files either build the potential
/// or throw `ParameterFileError`: no trap, no hang.
@Suite("Parameter file readers under fuzzing (Fuzz)")
struct ParameterFileFuzzTests {
    private func fuzz(_ name: String, _ source: String, file: String, load: (URL) throws(ParameterFileError) -> Void) throws {
        let directory = try ScratchDirectory.make("basin-fuzz")
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try ReaderFuzzer.run(name, sources: [source], to: directory.appendingPathComponent(file), load: load)
        #expect(summary.slow.isEmpty, "slow mutants (seed, seconds): \(summary.slow)")
        #expect(summary.refused > 0 && summary.loaded > 0, "the mutants should both load and fail")
    }

    @Test func stillingerWeber() throws {
        try fuzz(".sw", StillingerWeberSystems.siliconGermanium, file: "SiGe.sw") { url throws(ParameterFileError) in
            _ = try StillingerWeber(contentsOf: url)
        }
    }

    @Test func vashishta() throws {
        try fuzz(".vashishta", PublishedParameters.silicaVashishta1990, file: "SiO.vashishta") { url throws(ParameterFileError) in
            _ = try Vashishta(contentsOf: url)
        }
    }

    @Test func morse() throws {
        try fuzz("Morse", MorseTests.copperNickel, file: "CuNi.morse") { url throws(ParameterFileError) in
            _ = try Morse(contentsOf: url)
        }
    }
}
