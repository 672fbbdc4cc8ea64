import BasinAtoms
import BasinIO
import BasinMath
import BasinPotentials
import BasinTraining
import Foundation
import Testing

/// `basin train CONFIG.yaml` and `basin test --model DIR DATA` on a tiny argon data set.
@Suite struct TrainCommandTests {
    /// Six argon clusters of 4–7 atoms with Lennard-Jones energies and forces (metal units), and
    /// per-atom energies when the file format (extxyz) keeps them.
    static func writeData(to url: URL) throws {
        let lj = try LennardJones(epsilon: 0.0104, sigma: 3.4, cutoff: 8.5, units: .metal)
        let calculator = Calculator(potential: lj)
        let argon = try Element(symbol: "Ar")
        var generator = SeededGenerator(seed: 3)
        var frames: [Frame] = []
        for n in [4, 5, 6, 7, 5, 6] {
            var positions: [SIMD3<Double>] = []
            while positions.count < n {
                let x = SIMD3(generator.uniform(), generator.uniform(), generator.uniform()) * 6.5
                if positions.allSatisfy({ (($0 - x) * ($0 - x)).sum().squareRoot() > 3.3 }) { positions.append(x) }
            }
            let configuration = Configuration(positions: positions, species: Array(repeating: 0, count: n), elements: [argon])
            let e = try calculator.evaluate(configuration, [.energy, .forces, .perAtomEnergies])
            frames.append(Frame(
                configuration: configuration, energy: e.energy, forces: e.forces,
                atomProperties: [AtomProperty(name: "energies", values: .real(e.perAtomEnergies))]))
        }
        try StructureFile.write(frames, to: url)
    }

    static let symmetryFunctions = """
        cutoff_type 1
        symfunction_short Ar 2 Ar 0.01 0.0 8.0
        symfunction_short Ar 2 Ar 0.1 3.8 8.0
        symfunction_short Ar 3 Ar Ar 0.01 1 1 8.0

        """

    static func config(epochs: Int = 3, data: String = "input.data", extra: String = "", loss: String = "") -> String {
        """
        data: [\(data)]
        test_fraction: 0.34
        elements: [Ar]
        symmetry_functions: sf.nn
        network: {hidden: [4], activations: [t]\(extra)}
        scaling: scale-center
        normalize: true
        loss: {force_weight: 1.0, l2: 0\(loss)}
        optimizer: {name: adam, learning_rate: 0.01, batch_size: 2}
        epochs: \(epochs)
        seed: 7
        threads: 1
        output: run
        checkpoint_every: 2

        """
    }

    /// A folder with input.data, sf.nn and config.yaml.
    static func setUp(config: String = config()) throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        try writeData(to: folder.appendingPathComponent("input.data"))
        try writeData(to: folder.appendingPathComponent("atoms.extxyz"))
        try symmetryFunctions.write(to: folder.appendingPathComponent("sf.nn"), atomically: true, encoding: .utf8)
        try config.write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func trainWritesAModelThatTestAndEvalLoad() throws {
        let folder = try Self.setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.yaml").path
        let result = try CommandRunner.run(["train", config, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(summary["epochs"] as? Int == 3)
        #expect(summary["trainStructures"] as? Int == 4 && summary["testStructures"] as? Int == 2)
        #expect((summary["trainForceRMSE"] as? Double).map { $0.isFinite } == true)
        #expect(result.error.contains("epoch 3/3") && result.error.contains("ETA"), "\(result.error)")

        let run = folder.appendingPathComponent("run")
        let model = run.appendingPathComponent("model")
        for name in ["input.nn", "scaling.data", "weights.018.data"] {
            #expect(FileManager.default.fileExists(atPath: model.appendingPathComponent(name).path), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("checkpoint.json").path))
        for plot in ["learning-curve.svg", "parity.svg"] {
            let svg = try String(contentsOf: run.appendingPathComponent(plot), encoding: .utf8)
            #expect(svg.contains("<svg") && svg.contains("</svg>"), "\(plot)")
        }
        let curve = try String(contentsOf: run.appendingPathComponent("learning-curve.csv"), encoding: .utf8)
        #expect(curve.split(separator: "\n").count == 5, "header and epochs 0-3: \(curve)")

        let data = folder.appendingPathComponent("input.data").path
        let test = try CommandRunner.run(["test", "--model", model.path, data, "--json"])
        #expect(test.status == 0, "\(test.error)")
        let report = try #require(try CommandRunner.json(test) as? [String: Any])
        #expect(report["structures"] as? Int == 6 && report["atoms"] as? Int == 33)
        let elements = try #require(report["elements"] as? [[String: Any]])
        #expect(elements.count == 1 && elements.first?["element"] as? String == "Ar")
        // One element: its force errors are the overall ones.
        let overall = try #require(report["forceRMSE"] as? Double), argon = try #require(elements.first?["forceRMSE"] as? Double)
        #expect(abs(overall - argon) <= 1e-12 * max(1, overall))
        let text = try CommandRunner.run(["test", "--model", model.path, data])
        #expect(text.status == 0 && text.output.contains("forces on Ar"), "\(text.output)\(text.error)")

        let eval = try CommandRunner.run(["eval", data, "--potential", "nnp", "--model", model.path, "--json"])
        #expect(eval.status == 0, "\(eval.error)")

        // Resume to 4 epochs: the curve grows by one row.
        try Self.config(epochs: 4).write(to: URL(fileURLWithPath: config), atomically: true, encoding: .utf8)
        let resumed = try CommandRunner.run(["train", config, "--resume", "--json"])
        #expect(resumed.status == 0, "\(resumed.error)")
        let more = try #require(try CommandRunner.json(resumed) as? [String: Any])
        #expect(more["epochs"] as? Int == 4)
        let longer = try String(contentsOf: run.appendingPathComponent("learning-curve.csv"), encoding: .utf8)
        #expect(longer.split(separator: "\n").count == 6, "\(longer)")
    }

    @Test func unknownKeyIsAOneLineErrorNamingIt() throws {
        let folder = try Self.setUp(config: Self.config(extra: ", hiden: 3"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path])
        #expect(result.status != 0)
        #expect(result.error.contains("unknown key 'network.hiden'"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")

        try (Self.config() + "learning_rate: 0.1\n").write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let top = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path])
        #expect(top.status != 0 && top.error.contains("unknown key 'learning_rate'"), "\(top.error)")
    }

    /// best_epoch_scales reaches the trainer; a missing, non-positive, infinite or unknown entry
    /// is refused before any work.
    @Test func bestEpochScalesAreReadAndChecked() throws {
        let folder = try Self.setUp(config: Self.config() + "best_epoch_scales: {energy: 0.002, force: 0.05}\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("config.yaml")
        #expect(try TrainingJob(configurationFile: url).training.selectionScales == ErrorScales(energyPerAtom: 0.002, force: 0.05))
        for bad in ["{energy: 0, force: 0.05}", "{energy: 0.002}", "{energy: 0.002, force: .inf}", "{energy: 0.002, force: 0.05, stress: 1}"] {
            try (Self.config() + "best_epoch_scales: \(bad)\n").write(to: url, atomically: true, encoding: .utf8)
            let result = try CommandRunner.run(["train", url.path])
            #expect(result.status != 0 && result.error.contains("best_epoch_scales"), "\(bad): \(result.error)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("run").path))
        }
    }

    @Test func missingDataFileIsNamed() throws {
        let folder = try Self.setUp(config: Self.config(data: "input.data, missing.data"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path])
        #expect(result.status != 0)
        #expect(result.error.contains("missing.data"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("run").path))
    }

    @Test func elementWithoutNetworkIsRejected() throws {
        let config = Self.config().replacingOccurrences(of: "elements: [Ar]", with: "elements: [Ne]")
        let folder = try Self.setUp(config: config)
        defer { try? FileManager.default.removeItem(at: folder) }
        // sf.nn has Ar functions only: that is reported first; give Ne functions instead.
        try Self.symmetryFunctions.replacingOccurrences(of: "Ar", with: "Ne")
            .write(to: folder.appendingPathComponent("sf.nn"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path])
        #expect(result.status != 0)
        #expect(result.error.contains("element Ar has no network"), "\(result.error)")
    }

    @Test func perAtomEnergiesAreFittedAndReported() throws {
        let folder = try Self.setUp(config: Self.config(epochs: 2, data: "atoms.extxyz", loss: ", atom_energy_weight: 0.5"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path, "--json"])
        #expect(result.status == 0, "\(result.error)")
        let model = folder.appendingPathComponent("run/model").path
        let test = try CommandRunner.run(["test", "--model", model, folder.appendingPathComponent("atoms.extxyz").path, "--json"])
        #expect(test.status == 0, "\(test.error)")
        let report = try #require(try CommandRunner.json(test) as? [String: Any])
        #expect((report["atomicEnergyRMSE"] as? Double).map { $0.isFinite && $0 > 0 } == true, "\(report)")
        let elements = try #require(report["elements"] as? [[String: Any]])
        #expect(elements.first?["atomicEnergyRMSE"] as? Double == report["atomicEnergyRMSE"] as? Double)
    }

    @Test func perAtomEnergyWeightNeedsPerAtomEnergies() throws {
        // n2p2's input.data has no per-atom energies.
        let folder = try Self.setUp(config: Self.config(loss: ", atom_energy_weight: 1"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["train", folder.appendingPathComponent("config.yaml").path])
        #expect(result.status != 0)
        #expect(result.error.contains("input.data#1: no per-atom energies"), "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("run").path))
    }
}
