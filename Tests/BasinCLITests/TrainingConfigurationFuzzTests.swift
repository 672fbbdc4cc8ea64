import BasinTestSupport
@testable import BasinTraining
import Foundation
import Testing

/// Mutated and extreme-valued training configurations: each is read, resolved against its
/// folder (data, symmetry functions) and turned into an optimizer, and must either work or be
/// refused with a `TrainingError` — never trap or hang.
@Suite struct TrainingConfigurationFuzzTests {
    /// Valid configurations that between them use every key.
    static let sources = [
        TrainCommandTests.config(),
        """
        data: [input.data, atoms.extxyz]
        format: extxyz
        test_fraction: 0.2
        elements: [Ar]
        symmetry_functions: sf.nn
        network: {hidden: [3, 2], activations: [tanh, softplus]}
        scaling: sigma
        scale_min: -1
        scale_max: 1
        normalize: false
        loss: {force_weight: 0.5, energy_weight: 2, atom_energy_weight: 0, l2: 1.0e-6}
        optimizer: {name: nadam, learning_rate: 0.001, batch_size: 4, iterations_per_epoch: 3,
                    schedule: {type: plateau, factor: 0.5, patience: 2, minimum: 1.0e-5}}
        annealing: {steps: 10, t_max: 2000, t_min: 2.5, updates: 2, scale: initial-loss}
        epochs: 2
        early_stopping_patience: 3
        best_epoch_scales: {energy: 0.002, force: 0.05}
        seed: 3
        threads: 2
        output: out
        checkpoint_every: 0
        """,
        """
        data: input.data
        elements: [Ar]
        symmetry_functions: sf.nn
        network:
          hidden: [4]
          activations: [t]
        optimizer:
          name: kalman
          kalman_type: fading-memory
          kalman_epsilon: 0.1
          kalman_lambda_short: 0.96
          kalman_nue_short: 0.9995
          short_force_fraction: 0.2
          task_batch_size_force: 2
          selection_mode: 2
        epochs: 1
        """,
    ]

    @Test func everyMutantIsReadOrRefusedWithATrainingError() throws {
        let folder = try TrainCommandTests.setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        var untyped: [String] = []
        let summary = try ReaderFuzzer.run("training YAML", sources: Self.sources, to: folder.appendingPathComponent("config.yaml")) { url in
            do {
                let configuration = try TrainingConfiguration.read(from: url)
                _ = try configuration.settings(base: folder)
                try configuration.validate()
                _ = try TrainingUpdaters.make(from: configuration.optimizer)
            } catch let error as TrainingError {
                throw error
            } catch {
                untyped.append("\(type(of: error)): \(error)")
                throw error
            }
        }
        #expect(untyped.isEmpty, "\(untyped.prefix(3))")
        #expect(summary.slow.isEmpty, "slow mutants (seed, s): \(summary.slow)")
        #expect(summary.loaded > 0 && summary.refused > 0)
    }
}
