import BasinAtoms
import BasinDescriptors
import BasinMath
import BasinNN
import BasinNNP
import BasinPotentials
import Foundation
import Testing

/// `--potential nnp --model DIR` (an n2p2 model folder) in `basin eval`, `minimize` and `md`,
/// and the one-line errors of bad model folders.
@Suite struct NNPCommandTests {
    static let hydrogen = try! Element(symbol: "H")
    static let oxygen = try! Element(symbol: "O")

    /// A small H/O model with random weights: two radial and one angular function per neighbor
    /// pattern, 4-3 hidden nodes, scaled and normalized inputs (as n2p2 writes them).
    static func model(radius: Double = 3.2, seed: UInt64 = 11) -> NNPModel {
        let cutoff = CutoffFunction(kind: .tanhUnnormalized, radius: radius, alpha: 0)
        let elements = [hydrogen, oxygen]
        let sets = elements.map { central in
            var list: [SymmetryFunction] = []
            for e in elements {
                list.append(.radial(RadialSymmetryFunction(neighbor: e, eta: 0.5, shift: 0, cutoff: cutoff)))
                list.append(.radial(RadialSymmetryFunction(neighbor: e, eta: 2.0, shift: 1.1, cutoff: cutoff)))
            }
            list.append(.angular(AngularSymmetryFunction(isWide: false, neighbors: hydrogen, oxygen, eta: 0.2, lambda: 1, zeta: 2, shift: 0, cutoff: cutoff)))
            list.append(.angular(AngularSymmetryFunction(isWide: true, neighbors: hydrogen, hydrogen, eta: 0.1, lambda: -1, zeta: 1, shift: 0, cutoff: cutoff)))
            return SymmetryFunctionSet(central: central, functions: list)
        }
        let settings = NNPSettings(
            elements: elements, atomEnergies: [hydrogen: -0.05, oxygen: -0.4], cutoffKind: .tanhUnnormalized, cutoffAlpha: 0,
            symmetryFunctions: sets, scaling: .scaleCenter, scaleMinimum: -1, scaleMaximum: 1,
            normalization: EnergyNormalization(meanEnergy: -0.3, convEnergy: 0.8, convLength: 1.7),
            architectures: elements.map { _ in NetworkArchitecture(hiddenLayers: [4, 3], activations: [.tanh, .softplus, .identity]) },
            normalizesNodes: true, otherSettings: ["random_seed 12345"])
        var generator = SeededGenerator(seed: seed)
        let networks = settings.architectures.enumerated().map { e, architecture in
            var network = architecture.network(inputCount: sets[e].functions.count, normalizesNodes: true)
            network.parameters = network.parameters.map { _ in generator.normal() * 0.7 }
            return network
        }
        let statistics = sets.map { set in
            set.functions.map { _ in
                let low = generator.uniform(), width = 0.5 + generator.uniform()
                return SymmetryFunctionStatistics(minimum: low, maximum: low + width, mean: low + 0.4 * width, sigma: 0.3 * width)
            }
        }
        return NNPModel(settings: settings, statistics: statistics, networks: networks)
    }

    /// `count` atoms (H, H, O repeating) at random, no two closer than `spacing` Å, in a skewed
    /// periodic cell or, with `periodic` false, as a cluster spanning the same region.
    static func structure(periodic: Bool, count: Int = 8, spacing: Double = 0.9, seed: UInt64 = 5) -> Configuration {
        var generator = SeededGenerator(seed: seed)
        let vectors = Matrix3(rows: SIMD3(4.1, 0, 0), SIMD3(0.7, 3.9, 0), SIMD3(-0.4, 0.5, 4.3))
        var positions: [SIMD3<Double>] = []
        while positions.count < count {
            let f = SIMD3(generator.uniform(), generator.uniform(), generator.uniform())
            let x = f.x * vectors[0] + f.y * vectors[1] + f.z * vectors[2]
            // Minimum-image distance in the periodic case (the cell is nearly orthogonal).
            let close = positions.contains { p in
                var d = x - p
                if periodic {
                    for a in [-1.0, 0, 1] { for b in [-1.0, 0, 1] { for c in [-1.0, 0, 1] {
                        let image = x - p + a * vectors[0] + b * vectors[1] + c * vectors[2]
                        if (image * image).sum() < (d * d).sum() { d = image }
                    } } }
                }
                return (d * d).sum().squareRoot() < spacing
            }
            if !close { positions.append(x) }
        }
        return Configuration(
            positions: positions, species: (0..<count).map { $0 % 3 == 2 ? 1 : 0 }, elements: [hydrogen, oxygen],
            cell: periodic ? Cell(vectors: vectors) : .open, units: .metal)
    }

    /// The configuration as extxyz text, every number written so that it reads back exactly.
    static func extxyz(_ c: Configuration, symbols: [String]? = nil) -> String {
        var header = "Properties=species:S:1:pos:R:3"
        if c.cell.periodic.allSatisfy({ $0 }) {
            let v = c.cell.vectors
            let numbers = (0..<3).flatMap { i in [v[i].x, v[i].y, v[i].z] }.map { "\($0)" }
            header = "Lattice=\"\(numbers.joined(separator: " "))\" " + header + " pbc=\"T T T\""
        }
        let names = symbols ?? c.elements.map(\.symbol)
        let lines = c.positions.indices.map { i in
            let p = c.positions[i]
            return "\(names[c.species[i]]) \(p.x) \(p.y) \(p.z)"
        }
        return "\(c.count)\n\(header)\n" + lines.joined(separator: "\n") + "\n"
    }

    /// A temporary folder holding the model folder `model/` and the structure `name`.
    static func setUp(_ configuration: Configuration, name: String = "structure.extxyz") throws -> (model: URL, structure: String) {
        let dir = try CommandRunner.temporaryDirectory()
        let folder = dir.appendingPathComponent("model")
        try model().write(to: folder)
        let file = dir.appendingPathComponent(name)
        try extxyz(configuration).write(to: file, atomically: true, encoding: .utf8)
        return (folder, file.path)
    }

    static func nnp(_ folder: URL) -> [String] { ["--potential", "nnp", "--model", folder.path] }

    static func frames(_ result: CommandRunner.Result) throws -> [[String: Any]] {
        #expect(result.status == 0, "\(result.error)")
        return try #require(try CommandRunner.json(result) as? [[String: Any]])
    }

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    // MARK: - eval

    @Test func evalMatchesTheLibraryWithConversionFactors() throws {
        let configuration = Self.structure(periodic: true)
        let (folder, file) = try Self.setUp(configuration)
        // The library on the model as the command reads it back from the folder.
        let model = try NNPModel(directory: folder)
        func library(_ length: Double, _ energy: Double) throws -> Evaluation {
            let potential = NeuralNetworkPotential(model: model, units: .metal, lengthFactor: length, energyFactor: energy)
            return try Calculator(potential: potential).evaluate(configuration, [.energy, .forces, .virial])
        }
        for (length, energy) in [(1.3, 0.7), (1.0, 1.0)] {
            let factors = length == 1 && energy == 1 ? [] : ["--cflength", "\(length)", "--cfenergy", "\(energy)"]
            let frame = try #require(try Self.frames(try CommandRunner.run(["eval", file, "--json"] + Self.nnp(folder) + factors)).first)
            let expected = try library(length, energy)
            let e = try #require(frame["energy"] as? Double)
            #expect(e.isFinite)
            #expect(Self.relative(e, expected.energy) < 1e-12, "cflength \(length) cfenergy \(energy): \(e) vs \(expected.energy)")
            let forces = try #require(frame["forces"] as? [[Double]])
            #expect(forces.count == configuration.count)
            let scale = expected.forces.map { ($0 * $0).sum().squareRoot() }.max() ?? 1
            for (f, g) in zip(forces, expected.forces) {
                #expect(f.count == 3)
                #expect(zip(f, [g.x, g.y, g.z]).allSatisfy { abs($0 - $1) <= 1e-10 * scale }, "\(f) vs \(g)")
            }
            let atomEnergies = try #require(frame["atomEnergies"] as? [Double])
            #expect(atomEnergies.count == configuration.count)
            #expect(Self.relative(atomEnergies.reduce(0, +), e) < 1e-12)
            #expect(frame["stress"] as? [Double] != nil && (frame["pressure"] as? Double)?.isFinite == true)
        }
        // The factors matter: the unscaled and scaled energies differ.
        #expect(Self.relative(try library(1.3, 0.7).energy, try library(1, 1).energy) > 1e-3)
    }

    @Test func evalReadsAnN2P2StructureFile() throws {
        let configuration = Self.structure(periodic: false, count: 6)
        let (folder, _) = try Self.setUp(configuration)
        let dir = folder.deletingLastPathComponent()
        var text = "begin\ncomment six atoms\n"
        for i in configuration.positions.indices {
            let p = configuration.positions[i]
            text += "atom \(p.x) \(p.y) \(p.z) \(configuration.elements[configuration.species[i]].symbol) 0.0 0.0 0.0 0.0 0.0\n"
        }
        text += "energy 0.0\ncharge 0.0\nend\n"
        let file = dir.appendingPathComponent("input.data")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let frame = try #require(try Self.frames(try CommandRunner.run(["eval", file.path, "--json"] + Self.nnp(folder))).first)
        let potential = NeuralNetworkPotential(model: try NNPModel(directory: folder), units: .metal)
        let expected = try Calculator(potential: potential).evaluate(configuration).energy
        let e = try #require(frame["energy"] as? Double)
        #expect(Self.relative(e, expected) < 1e-12, "\(e) vs \(expected)")
        #expect((frame["forces"] as? [[Double]])?.count == 6)
        #expect(frame["stress"] == nil || frame["stress"] is NSNull)
    }

    // MARK: - minimize and md

    @Test func minimizeLowersTheEnergyOfACluster() throws {
        let (folder, file) = try Self.setUp(Self.structure(periodic: false, count: 6, spacing: 1.0))
        let result = try CommandRunner.run(["minimize", file, "--max-steps", "200", "--fmax", "1e-3", "--json"] + Self.nnp(folder))
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(summary["atoms"] as? Int == 6)
        let initial = try #require(summary["initialEnergy"] as? Double), final = try #require(summary["energy"] as? Double)
        #expect(initial.isFinite && final.isFinite)
        #expect(final < initial, "\(initial) -> \(final)")
        #expect((summary["iterations"] as? Int ?? 0) > 0)
        #expect((summary["maximumForce"] as? Double)?.isFinite == true)
        if summary["converged"] as? Bool == true { #expect((summary["maximumForce"] as? Double ?? 1) < 1e-3) }
    }

    @Test func mdRunsAFewNVESteps() throws {
        let (folder, file) = try Self.setUp(Self.structure(periodic: true))
        let result = try CommandRunner.run([
            "md", file, "--temperature", "100", "--dt", "0.0002", "--steps", "20", "--thermo", "5", "--json",
        ] + Self.nnp(folder))
        #expect(result.status == 0, "\(result.error)")
        let report = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(report["units"] as? String == "metal")
        #expect(report["ensemble"] as? String == "nve")
        #expect(report["timeStep"] as? Double == 0.0002)
        let log = try #require(report["log"] as? [[String: Any]])
        #expect(log.count >= 2)
        #expect(log.first?["step"] as? Int == 0 && log.last?["step"] as? Int == 20)
        let energies = log.compactMap { $0["potentialEnergy"] as? Double }
        #expect(energies.count == log.count && energies.allSatisfy(\.isFinite), "\(log)")
        let initial = try #require(report["initialTotalEnergy"] as? Double), final = try #require(report["finalTotalEnergy"] as? Double)
        #expect(initial.isFinite && final.isFinite)
        // Velocity Verlet with a 0.2 fs step on a smooth potential: the total energy holds well.
        let drift = try #require(report["maxEnergyDeviationPerAtom"] as? Double)
        #expect(drift < 1e-3, "\(drift)")
    }

    // MARK: - errors

    /// Runs eval on the usual structure with the model folder after `edit`, and returns stderr
    /// after checking the run failed with one line.
    func failure(_ arguments: [String]? = nil, file name: String? = nil, edit: ((String) -> String)? = nil,
                 configuration: Configuration = Self.structure(periodic: true), structureText: String? = nil) throws -> (String, URL) {
        let (folder, file) = try Self.setUp(configuration)
        if let structureText { try structureText.write(toFile: file, atomically: true, encoding: .utf8) }
        if let name, let edit {
            let url = folder.appendingPathComponent(name)
            try edit(String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let result = try CommandRunner.run(["eval", file] + (arguments ?? Self.nnp(folder)))
        #expect(result.status != 0, "\(arguments ?? []) \(name ?? ""): exit 0")
        let lines = result.error.split(separator: "\n")
        #expect(lines.count == 1, "\(name ?? ""): \(result.error)")
        return (result.error, folder)
    }

    @Test func missingModelOptionIsAValidationError() throws {
        let (_, file) = try Self.setUp(Self.structure(periodic: true))
        for command in [["eval"], ["minimize"], ["md", "--steps", "5"]] {
            let result = try CommandRunner.run(command + [file, "--potential", "nnp"])
            #expect(result.status != 0)
            // ArgumentParser follows a validation message with the usage lines, as for every
            // other option; the message itself is the first line.
            let first = result.error.split(separator: "\n").first.map(String.init) ?? ""
            #expect(first == "Error: --potential nnp needs --model DIR (an n2p2 model folder)", "\(command): \(result.error)")
        }
        // --cflength/--cfenergy without --model are not enough either.
        let factors = try CommandRunner.run(["eval", file, "--potential", "nnp", "--cflength", "1.3"])
        #expect(factors.status != 0 && factors.error.contains("needs --model"), "\(factors.error)")
    }

    @Test func optionsThatDoNotApplyAreRejected() throws {
        let (folder, file) = try Self.setUp(Self.structure(periodic: true))
        for (arguments, message) in [
            (["--potential", "lj", "--model", folder.path], "--model does not apply to --potential lj"),
            (["--potential", "lj", "--cflength", "2"], "--cflength does not apply to --potential lj"),
            (["--potential", "sw", "--parameters", "Si.sw", "--cfenergy", "2"], "--cfenergy does not apply to --potential sw"),
            (Self.nnp(folder) + ["--cutoff", "3"], "--cutoff does not apply to --potential nnp"),
            (Self.nnp(folder) + ["--cflength", "0"], "--cflength must be a positive number"),
            (Self.nnp(folder) + ["--cfenergy=-1"], "--cfenergy must be a positive number"),
            (Self.nnp(folder) + ["--cflength", "nan"], "--cflength must be a positive number"),
            (Self.nnp(folder) + ["--cfenergy", "inf"], "--cfenergy must be a positive number"),
        ] {
            let result = try CommandRunner.run(["eval", file] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
        }
    }

    @Test func folderWithoutInputNNIsNamed() throws {
        let (folder, file) = try Self.setUp(Self.structure(periodic: true))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("input.nn"))
        let result = try CommandRunner.run(["eval", file] + Self.nnp(folder))
        #expect(result.status != 0)
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
        #expect(result.error.contains(folder.appendingPathComponent("input.nn").path + ": "), "\(result.error)")
        // A folder that does not exist at all is named as such.
        let none = folder.deletingLastPathComponent().appendingPathComponent("none")
        let missing = try CommandRunner.run(["eval", file] + Self.nnp(none))
        #expect(missing.status != 0)
        #expect(missing.error.split(separator: "\n").count == 1, "\(missing.error)")
        #expect(missing.error.contains("none: no such model folder"), "\(missing.error)")
    }

    @Test func inputNNWithoutAKeywordIsNamed() throws {
        let (error, folder) = try failure(file: "input.nn") { text in
            #expect(text.contains("\ncutoff_type"))
            return text.replacingOccurrences(of: "\ncutoff_type", with: "\n#cutoff_type")
        }
        #expect(error.contains(folder.appendingPathComponent("input.nn").path + ": missing keyword cutoff_type"), "\(error)")
    }

    @Test func inputNNWithABadLineNamesTheLine() throws {
        var expectedLine = 0
        let (error, folder) = try failure(file: "input.nn") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let index = lines.firstIndex { $0.hasPrefix("global_nodes_short") }!
            lines[index] = "global_nodes_short 4"
            expectedLine = index + 1
            return lines.joined(separator: "\n")
        }
        #expect(error.contains(folder.appendingPathComponent("input.nn").path + ":\(expectedLine): global_nodes_short takes 2 values"), "\(error)")
    }

    @Test func weightsOneNumberShortAreNamed() throws {
        let (error, folder) = try failure(file: "weights.008.data") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeLast(2)
            return lines.joined(separator: "\n") + "\n"
        }
        #expect(error.contains(folder.appendingPathComponent("weights.008.data").path), "\(error)")
        #expect(error.contains("the O network of input.nn"), "\(error)")
    }

    @Test func scalingDataWithABlankLineNamesTheLine() throws {
        var expectedLine = 0
        let (error, folder) = try failure(file: "scaling.data") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let firstRow = lines.firstIndex { !$0.hasPrefix("#") }!
            lines.insert("", at: firstRow + 1)
            expectedLine = firstRow + 2
            return lines.joined(separator: "\n")
        }
        #expect(error.contains(folder.appendingPathComponent("scaling.data").path + ":\(expectedLine): blank line"), "\(error)")
    }

    @Test func anElementTheModelLacksIsNamed() throws {
        // A carbon atom among the H and O: the model has networks for H and O only.
        var text = Self.extxyz(Self.structure(periodic: true))
        text = text.replacingOccurrences(of: "\nO ", with: "\nC ", options: [], range: text.range(of: "\nO "))
        let (error, _) = try failure(structureText: text)
        #expect(error.contains("has no parameters for element 'C'"), "\(error)")
        #expect(error.contains("H, O"), "\(error)")
    }

    @Test func errorsAreTheSameInMinimizeAndMD() throws {
        let (folder, file) = try Self.setUp(Self.structure(periodic: true))
        let url = folder.appendingPathComponent("scaling.data")
        try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\n         1          2 ", with: "\n\n         1          2 ")
            .write(to: url, atomically: true, encoding: .utf8)
        for command in [["minimize"], ["md", "--steps", "5"]] {
            let result = try CommandRunner.run(command + [file] + Self.nnp(folder))
            #expect(result.status != 0, "\(command)")
            #expect(result.error.split(separator: "\n").count == 1, "\(command): \(result.error)")
            #expect(result.error.contains(url.path + ":") && result.error.contains("blank line"), "\(command): \(result.error)")
        }
    }
}
