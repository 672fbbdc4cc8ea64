import Foundation
import Testing

/// `basin train` with `optimizer.gradient_tolerance`: the run ends when BFGS converges and says
/// so in `--json` and the learning curve; bad tolerances are one-line errors naming the key.
@Suite struct TrainToleranceCommandTests {
    static func config(optimizer: String, epochs: Int) -> String {
        TrainCommandTests.config(epochs: epochs).replacingOccurrences(
            of: "optimizer: {name: adam, learning_rate: 0.01, batch_size: 2}", with: "optimizer: \(optimizer)")
    }

    @Test func bfgsStopsAtTheToleranceAndReportsConvergence() throws {
        let optimizer = "{name: bfgs, iterations_per_epoch: 20, gradient_tolerance: 1e-3}"
        let folder = try TrainCommandTests.setUp(config: Self.config(optimizer: optimizer, epochs: 500))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        let epochs = try #require(summary["epochs"] as? Int), iterations = try #require(summary["iterations"] as? Int)
        #expect(summary["converged"] as? Bool == true && epochs < 500 && iterations <= 20 * epochs, "\(summary)")
        #expect(result.error.contains("converged after \(iterations) iterations"), "\(result.error)")
        let curve = try String(contentsOf: folder.appendingPathComponent("run/learning-curve.csv"), encoding: .utf8)
        let rows = curve.split(separator: "\n")
        #expect(rows.count == epochs + 2 && rows[0].hasSuffix(",iterations,converged"))
        #expect(rows.last!.hasSuffix(",\(iterations),1") && rows[rows.count - 2].hasSuffix(",0"), "\(curve)")
    }

    @Test func badTolerancesAreOneLineErrorsNamingTheKey() throws {
        for value in ["-1e-4", "0", ".nan", "small"] {
            let optimizer = "{name: lbfgs, gradient_tolerance: \(value)}"
            let folder = try TrainCommandTests.setUp(config: Self.config(optimizer: optimizer, epochs: 2))
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path])
            #expect(result.status != 0)
            #expect(result.error.contains("optimizer.gradient_tolerance"), "\(value): \(result.error)")
            #expect(result.error.split(separator: "\n").count == 1, "\(value): \(result.error)")
        }
    }
}
