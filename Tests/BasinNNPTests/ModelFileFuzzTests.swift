import BasinNNP
import BasinTestSupport
import Foundation
import Testing

/// Mutated and extreme-valued `input.nn`, `scaling.data` and weights files either load as a
/// model or throw `ModelFileError`: no trap, no allocation by an absurd count, no hang.
@Suite("n2p2 model readers under fuzzing (Fuzz)")
struct ModelFileFuzzTests {
    /// Mutates `name` in a folder holding the synthetic model and loads the folder.
    private func fuzz(_ name: String, label: String, seed: UInt64) throws {
        let folder = try ModelFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SyntheticModel.make().write(to: folder)
        let url = folder.appendingPathComponent(name)
        let source = try String(contentsOf: url, encoding: .utf8)
        let summary = try ReaderFuzzer.run(label, sources: [source], to: url, seed: seed) { _ throws(ModelFileError) in
            _ = try NNPModel(directory: folder)
        }
        #expect(summary.slow.isEmpty, "slow mutants (seed, seconds): \(summary.slow)")
        #expect(summary.refused > 0 && summary.loaded > 0, "the mutants should both load and fail")
    }

    @Test func settings() throws { try fuzz("input.nn", label: "input.nn", seed: 11) }
    @Test func scaling() throws { try fuzz("scaling.data", label: "scaling.data", seed: 12) }
    @Test func weights() throws { try fuzz("weights.008.data", label: "weights", seed: 13) }

    /// The baseline file beside a model (`baseline.data`: Coulomb, repulsive core, steric term and charge–dipole tail), read with the model.
    @Test func baseline() throws {
        let folder = try ModelFileTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try SyntheticModel.make().write(to: folder)
        let url = folder.appendingPathComponent(ModelBaseline.fileName)
        let source = "coul/dsf 0.0 10.0\ncharge H 0.41\ncharge O -0.82\nzbl 0.6 1.0\nzbl O O 1.1 1.4\nsteric O O 743.848 7 6\ncharge-dipole-tail H O 44.2357 4.43 2.5 5.5\n"
        let summary = try ReaderFuzzer.run("baseline.data", sources: [source], to: url, seed: 14) { _ throws(ModelFileError) in
            _ = try NNPModel(directory: folder)
        }
        #expect(summary.slow.isEmpty, "slow mutants (seed, seconds): \(summary.slow)")
        #expect(summary.refused > 0 && summary.loaded > 0, "the mutants should both load and fail")
    }
}
