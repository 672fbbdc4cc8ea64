import Foundation
import Testing
import BasinTestSupport

/// `basin learn`: help, bad configurations, and SIGTERM at a random moment followed by
/// `--resume`, which must end in the same final models as an uninterrupted run.
@Suite(.serialized) struct LearnCommandTests {
    /// An 8-atom SW silicon loop of two iterations with a two-member committee.
    static let config = """
        output: loop
        elements: [Si]
        reference: {potential: sw}
        seed_data: {cells: 1, equilibrate: 10, steps: 60, alpha: {Si: 1.0}, max_interval: 10, max_structures: 6}
        symmetry_functions: {cutoff: 4.0, shifted: 2, centred: 2, angular_widths: 1, zeta_max: 1}
        training: {committee: 2, hidden: [6], epochs: 40, later_epochs: 30, batch_size: 2, test_fraction: 0.25, checkpoint_every: 5}
        exploration: {temperatures: [300, 1500], runs: 2, steps: 60, interval: 10}
        candidates: {error_threshold: 0.05, per_iteration: 3}
        convergence: {accurate_fraction: 1.0, max_iterations: 2}
        seed: 5
        """

    static func folder(_ text: String = config) throws -> URL {
        let folder = try ScratchDirectory.make("basin-learn-cli")
        try text.write(to: folder.appendingPathComponent("learn.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    static func models(_ folder: URL) throws -> [String: Data] {
        let root = folder.appendingPathComponent("loop/committee")
        var files: [String: Data] = [:]
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! where !url.hasDirectoryPath {
            files[url.lastPathComponent + "@" + url.deletingLastPathComponent().lastPathComponent] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func helpNamesTheKeys() throws {
        let result = try CommandRunner.run(["learn", "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("--resume"))
        #expect(result.output.contains("state.json"))
    }

    @Test func badConfigurationsFailWithOneLine() throws {
        let cases = [
            (Self.config.replacingOccurrences(of: "seed: 5", with: "seeed: 5"), "unknown key 'seeed'"),
            (Self.config.replacingOccurrences(of: "elements: [Si]", with: "elements: [Si, C]")
                .replacingOccurrences(of: "alpha: {Si: 1.0}", with: "alpha: {Si: 1.0, C: 1.0}"), "lacks element C"),
            (Self.config.replacingOccurrences(of: "candidates: {", with: "candidates: {lower: 0.4, upper: 0.1, "), "must lie below upper"),
        ]
        for (text, message) in cases {
            let folder = try Self.folder(text)
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try CommandRunner.run(["learn", folder.appendingPathComponent("learn.yaml").path])
            #expect(result.status != 0)
            let lines = result.error.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains(message), "\(result.error)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("loop").path))
        }
    }

    @Test func sigtermAtARandomMomentThenResumeGivesTheSameModels() throws {
        let plain = try Self.folder()
        defer { try? FileManager.default.removeItem(at: plain) }
        let full = try CommandRunner.run(["learn", plain.appendingPathComponent("learn.yaml").path, "--json"])
        #expect(full.status == 0, "\(full.error)")
        #expect(full.output.contains("\"stopReason\""))
        let expected = try Self.models(plain)
        #expect(!expected.isEmpty)

        var generator = SystemRandomNumberGenerator()
        let markers = ["training member 1/2", "exploring", "training member 2/2"]
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("learn.yaml").path
        let marker = markers.randomElement(using: &generator)!
        let delay = Double.random(in: 0...0.5, using: &generator)
        let stopped = try InterruptTests.run(["learn", config], signal: SIGTERM, delay: delay, marker: marker)
        if stopped.status == 143 {
            #expect(stopped.error.contains("continue with --resume"), "\(stopped.error)")
            let resumed = try CommandRunner.run(["learn", config, "--resume"])
            #expect(resumed.status == 0, "\(resumed.error)")
        } else {
            #expect(stopped.status == 0, "marker \(marker), delay \(delay): \(stopped.error)")
        }
        #expect(try Self.models(folder) == expected, "SIGTERM after '\(marker)' + \(delay) s")
    }
}
