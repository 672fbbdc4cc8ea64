import BasinTestSupport
import Foundation

/// A learning loop small enough for a debug-build test: 8-atom SW silicon cells, a committee
/// of two one-layer networks trained for a few epochs, two short exploration runs.
enum TinyLoop {
    static func config(output: String = "loop", extra: String = "") -> String {
        """
        output: \(output)
        elements: [Si]
        reference: {potential: sw, parameters: Si}
        seed_data: {lattice: diamond, lattice_constant: 5.431, cells: 1, temperature: 300, equilibrate: 10, steps: 60,
                    alpha: {Si: 1.0}, max_interval: 10, max_structures: 6}
        symmetry_functions: {cutoff: 4.0, shifted: 2, centred: 2, angular_widths: 1, zeta_max: 1}
        training: {committee: 2, hidden: [4], epochs: 3, later_epochs: 2, final_epochs: 4, batch_size: 4, test_fraction: 0.25, checkpoint_every: 1}
        exploration: {temperatures: [300, 1500], runs: 1, steps: 40, interval: 10, max_force: 50}
        candidates: {error_threshold: 0.05, per_iteration: 3}
        convergence: {accurate_fraction: 1.0, max_iterations: 2}
        seed: 3
        \(extra)
        """
    }

    /// A fresh folder holding `config.yaml` with `text`.
    static func folder(_ text: String) throws -> URL {
        let folder = try ScratchDirectory.make("basin-learn")
        try text.write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Every file under `folder/committee`, by relative path.
    static func finalModels(_ folder: URL) throws -> [String: Data] {
        let root = folder.appendingPathComponent("committee")
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[url.path.replacingOccurrences(of: root.path, with: "")] = try Data(contentsOf: url)
        }
        return files
    }
}
