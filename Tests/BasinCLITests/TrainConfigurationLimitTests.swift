import Foundation
import Testing

/// Training configurations that once crashed `basin train` or were silently misread: absurd
/// sizes, deep nesting, duplicate keys and non-positive batch sizes.
@Suite struct TrainConfigurationLimitTests {
    /// Runs `basin train` on `config` (with the tiny argon data) and returns the result.
    func train(_ config: String) throws -> CommandRunner.Result {
        let folder = try TrainCommandTests.setUp(config: config)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path, "--json"])
    }

    func expectRefusal(_ config: String, _ message: String) throws {
        let result = try train(config)
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    }

    static func replacing(_ old: String, with new: String) -> String {
        TrainCommandTests.config().replacingOccurrences(of: old, with: new)
    }

    /// `network: {hidden: [1000000000, 5], …}` aborted allocating the weights.
    @Test func absurdNetworkSizesAreRefusedBeforeAllocating() throws {
        try expectRefusal(
            Self.replacing("hidden: [4], activations: [t]", with: "hidden: [1000000000, 5], activations: [t, t]"),
            "network.hidden[0]: 1000000000 nodes; a layer has at most 10000")
        try expectRefusal(
            Self.replacing("hidden: [4], activations: [t]", with: "hidden: [5000, 5000], activations: [t, t]"),
            "network.hidden: the networks would have 25030001 weights; at most 10000000")
        try expectRefusal(
            Self.replacing("{name: adam, learning_rate: 0.01, batch_size: 2}", with: "{name: kalman}")
                .replacingOccurrences(of: "hidden: [4], activations: [t]", with: "hidden: [200, 200], activations: [t, t]"),
            "the model has 41201 weights, at most 10000")
        try expectRefusal(Self.replacing("threads: 1", with: "threads: 1000000000"), "threads must lie in 1…1024")
    }

    /// `batch_size: 0` or negative silently meant one full batch.
    @Test(arguments: ["0", "-3"])
    func nonPositiveBatchSizesAreRefused(size: String) throws {
        try expectRefusal(
            Self.replacing("batch_size: 2", with: "batch_size: \(size)"),
            "optimizer.batch_size must be at least 1 (or full, for one batch of the whole training set)")
    }

    /// YAML's `.inf` passed the `≥ 0` checks and made every loss infinite.
    @Test func infiniteAndNaNNumbersAreRefused() throws {
        try expectRefusal(Self.replacing("force_weight: 1.0", with: "force_weight: .inf"), "loss.force_weight must be a finite number, got inf")
        try expectRefusal(Self.replacing("learning_rate: 0.01", with: "learning_rate: .nan"), "optimizer.learning_rate must be a finite number, got nan")
    }

    @Test func fullBatchIsSpelledOut() throws {
        let result = try train(Self.replacing("batch_size: 2", with: "batch_size: full"))
        #expect(result.status == 0, "\(result.error)")
    }

    /// A repeated key silently kept the last value.
    @Test func duplicateKeysAreRefusedWithTheirLines() throws {
        try expectRefusal(TrainCommandTests.config() + "epochs: 5\n", "config.yaml:15: duplicate key 'epochs' (first given at line 10)")
        try expectRefusal(
            Self.replacing("{name: adam,", with: "{name: adam, name: sgd,"), "config.yaml:9: duplicate key 'optimizer.name' (first given at line 9)")
    }

    /// A value nested 5,000 brackets deep overflowed Yams' stack (segmentation fault).
    @Test func deepNestingIsRefusedBeforeParsing() throws {
        let deep = [
            "network: " + String(repeating: "{a: ", count: 5000) + "1" + String(repeating: "}", count: 5000),
            "data: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
            // Closing brackets inside quotes and comments do not lower the count.
            "data: " + String(repeating: "[\"]\", ", count: 5000) + "x" + String(repeating: "]", count: 5000),
            "data: # ]]]]\n" + String(repeating: "[ # ]\n", count: 5000) + String(repeating: "]", count: 5000),
            "data:\n" + Array(repeating: "-", count: 20000).joined(separator: " ") + " x",
            (0..<100).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + "\n" + String(repeating: " ", count: 100) + "x",
        ]
        // Aliases nest and multiply values without brackets or indentation.
        let chain = (1..<200).map { "k\($0): &k\($0) [*k\($0 - 1)]" }.joined(separator: "\n")
        let laughs = (1..<40).map { "l\($0): &l\($0) [*l\($0 - 1), *l\($0 - 1)]" }.joined(separator: "\n")
        let aliased = ["k0: &k0 x\n" + chain, "l0: &l0 x\n" + laughs]
        for text in aliased {
            let result = try train(text + "\n")
            #expect(result.status == 1)
            #expect(result.error.contains("aliases expand the YAML to more than"), "\(result.error.prefix(300))")
        }
        for text in deep {
            let result = try train(text + "\n")
            #expect(result.status == 1)
            #expect(result.error.contains("config.yaml:"), "\(result.error.prefix(300))")
            #expect(result.error.contains("levels deep") || result.error.contains("limit") || result.error.contains("more than 1000"),
                    "\(result.error.prefix(300))")
        }
    }
}

/// `scale_min` and `scale_max`: the range of scaled symmetry functions (Stende's eq. 7.5 is
/// `scaling: scale` onto [−1, 1]).
@Suite struct TrainScalingRangeTests {
    @Test func theRangeReachesTheModelAndTheModelReproducesTraining() throws {
        let config = TrainConfigurationLimitTests.replacing("scaling: scale-center", with: "scaling: scale\nscale_min: -1\nscale_max: 1")
        let folder = try TrainCommandTests.setUp(config: config)
        defer { try? FileManager.default.removeItem(at: folder) }
        let trained = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path, "--json"])
        #expect(trained.status == 0, "\(trained.error)")
        let model = folder.appendingPathComponent("run/model")
        let settings = try String(contentsOf: model.appendingPathComponent("input.nn"), encoding: .utf8)
        #expect(settings.contains("scale_min_short -1") && settings.contains("scale_max_short 1"), "\(settings)")
        #expect(settings.contains("scale_symmetry_functions") && !settings.contains("center_symmetry_functions"))
        let tested = try CommandRunner.run(["test", "--model", model.path, folder.appendingPathComponent("input.data").path, "--json"])
        #expect(tested.status == 0, "\(tested.error)")
    }

    @Test func aRangeTheModeCannotUseIsRefused() throws {
        for (replacement, message) in [
            ("scaling: scale\nscale_min: 1\nscale_max: -1", "scale_min and scale_max: need finite numbers with scale_min < scale_max"),
            ("scaling: center\nscale_min: -1", "scale_min and scale_max: scaling center does not use them"),
        ] {
            let folder = try TrainCommandTests.setUp(config: TrainConfigurationLimitTests.replacing("scaling: scale-center", with: replacement))
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path])
            #expect(result.status != 0 && result.error.contains(message), "\(result.error)")
        }
    }
}
