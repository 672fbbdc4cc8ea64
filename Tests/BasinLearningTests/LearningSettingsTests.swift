import Foundation
import Testing
@testable import BasinLearning

/// Bad configurations are rejected before any work, with one line naming the key.
@Suite struct LearningSettingsTests {
    func error(_ text: String) throws -> String? {
        let folder = try TinyLoop.folder(text)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try LearningLoop(configurationFile: folder.appendingPathComponent("config.yaml"))
            return nil
        } catch {
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("loop").path), "work started")
            return error.reason
        }
    }

    @Test func theTinyConfigurationIsAccepted() throws {
        #expect(try error(TinyLoop.config()) == nil)
    }

    @Test func theSiliconExampleIsAccepted() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/learn-silicon.yaml")
        let settings = try LearningSettings.read(from: example)
        #expect(settings.training.finalEpochs == 600 && settings.training.finalEnergyOffset == .median && settings.exploration.maxError == 3)
    }

    @Test func anUnknownKeyIsNamed() throws {
        let message = try #require(try error(TinyLoop.config().replacingOccurrences(of: "runs: 1", with: "runz: 1")))
        #expect(message.contains("unknown key 'exploration.runz'"), "\(message)")
        #expect(!message.contains("\n"))
        let top = try #require(try error(TinyLoop.config(extra: "temprature: 5")))
        #expect(top.contains("unknown key 'temprature'"), "\(top)")
    }

    @Test func aReferenceLackingAnElementIsRejected() throws {
        let text = TinyLoop.config().replacingOccurrences(of: "elements: [Si]", with: "elements: [Si, O]")
            .replacingOccurrences(of: "alpha: {Si: 1.0}", with: "alpha: {Si: 1.0, O: 1.0}")
        let message = try #require(try error(text))
        #expect(message.contains("reference: the sw potential lacks element O"), "\(message)")
        let command = TinyLoop.config().replacingOccurrences(of: "{potential: sw, parameters: Si}", with: "{command: 'true', elements: [O]}")
            .replacingOccurrences(of: "candidates: {error_threshold: 0.05, per_iteration: 3}", with: "candidates: {per_iteration: 3}")
            .replacingOccurrences(of: "seed_data: {", with: "seed_data: {file: seed.xyz, ")
        let commandMessage = try #require(try error(command))
        #expect(commandMessage.contains("reference: the command does not label Si"), "\(commandMessage)")
    }

    @Test func trustLevelsInTheWrongOrderAreRejected() throws {
        let text = TinyLoop.config().replacingOccurrences(of: "candidates: {", with: "candidates: {lower: 0.5, upper: 0.2, ")
        let message = try #require(try error(text))
        #expect(message.hasSuffix("candidates: lower (0.5) must lie below upper (0.2)"), "\(message)")
        let auto = TinyLoop.config().replacingOccurrences(of: "candidates: {", with: "candidates: {lower: auto, upper: 0.3, ")
        #expect(try error(auto) == nil)
        let word = TinyLoop.config().replacingOccurrences(of: "candidates: {", with: "candidates: {lower: high, ")
        #expect(try error(word)?.contains("candidates.lower must be a number (eV/Å) or auto") == true)
    }

    @Test func otherRangesNameTheirKeys() throws {
        let cases = [
            ("committee: 2", "committee: 1", "training.committee"),
            ("accurate_fraction: 1.0", "accurate_fraction: 1.5", "convergence.accurate_fraction"),
            ("alpha: {Si: 1.0}", "alpha: {Ge: 1.0}", "seed_data.alpha: no threshold α for Si"),
            ("interval: 10", "interval: 100", "exploration.interval"),
            ("final_epochs: 4", "final_epochs: 0", "training.final_epochs must be at least 1"),
            ("final_epochs: 4", "final_epochs: 4, final_force_weight: -1", "training.final_force_weight must be ≥ 0"),
            ("final_epochs: 4", "final_epochs: 4, final_energy_offset: mode", "training.final_energy_offset must be mean or median"),
            ("final_epochs: 4", "final_epochs: 4, final_initial_learning_rate: 0.00001", "training.final_initial_learning_rate must be finite and at least"),
        ]
        for (old, new, key) in cases {
            let message = try #require(try error(TinyLoop.config().replacingOccurrences(of: old, with: new)))
            #expect(message.contains(key), "\(message)")
        }
    }
}
