import Foundation
import Testing

/// The command line as a user meets it: help, results, JSON, and clear errors on bad input.
@Suite struct CommandTests {
    /// The Lennard-Jones 13-atom icosahedron, E = −44.326801 ε (Cambridge Cluster Database).
    static let icosahedron: String = {
        let t = (1 + 5.0.squareRoot()) / 2
        var points: [SIMD3<Double>] = [.zero]
        for a in [-1.0, 1.0] {
            for b in [-t, t] {
                points += [SIMD3(0, a, b), SIMD3(a, b, 0), SIMD3(b, 0, a)]
            }
        }
        // Nearest-neighbor distance of the relaxed LJ13 is about 1.1 σ; the edge here is 2.
        let scale = 1.1 / 2
        let lines = points.map { p in "X \(p.x * scale) \(p.y * scale) \(p.z * scale)" }
        return "13\nLJ13\n" + lines.joined(separator: "\n") + "\n"
    }()

    func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func everyCommandHasHelp() throws {
        let top = try CommandRunner.run(["--help"])
        #expect(top.status == 0)
        for command in ["md", "minimize", "eval"] {
            #expect(top.output.contains(command))
            let help = try CommandRunner.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.output.contains("--json"))
            #expect(help.output.contains("--potential"))
        }
    }

    @Test func minimizeFindsTheIcosahedron() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let input = try write(Self.icosahedron, "lj13.xyz", in: dir)
        let output = dir.appendingPathComponent("relaxed.extxyz").path
        let result = try CommandRunner.run(["minimize", input, "--cutoff", "none", "--fmax", "1e-8", "--output", output, "--json"])
        #expect(result.status == 0)
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(summary["converged"] as? Bool == true)
        #expect(abs((summary["energy"] as? Double ?? 0) + 44.326801) < 1e-6)
        #expect(FileManager.default.fileExists(atPath: output))
        let evaluated = try CommandRunner.run(["eval", output, "--cutoff", "none", "--json"])
        let frames = try #require(try CommandRunner.json(evaluated) as? [[String: Any]])
        #expect(abs((frames[0]["energy"] as? Double ?? 0) + 44.326801) < 1e-6)
        #expect((frames[0]["maximumForce"] as? Double ?? 1) < 1e-7)
    }

    @Test func mdReportsItsRunAsJSON() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let trajectory = dir.appendingPathComponent("run.extxyz").path
        let rdf = dir.appendingPathComponent("rdf.dat").path
        let result = try CommandRunner.run([
            "md", "--lattice", "fcc", "--density", "0.8442", "--cells", "3", "--temperature", "1.2",
            "--cutoff", "2.5", "--shift", "--steps", "200", "--thermo", "50", "--seed", "7",
            "--trajectory", trajectory, "--trajectory-every", "100", "--rdf", rdf, "--json",
        ])
        #expect(result.status == 0)
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(summary["atoms"] as? Int == 108)
        #expect(summary["steps"] as? Int == 200)
        for key in ["loopSeconds", "atomStepsPerSecond", "initialTotalEnergy", "finalTotalEnergy", "meanTemperature"] {
            #expect(summary[key] is Double, "missing \(key)")
        }
        #expect((summary["log"] as? [Any])?.count == 5)
        // Energy is conserved to a small fraction of kT per atom over this short run.
        #expect((summary["maxEnergyDeviationPerAtom"] as? Double ?? 1) < 5e-3)
        let frames = try String(contentsOfFile: trajectory, encoding: .utf8).components(separatedBy: "\n").filter { $0 == "108" }
        #expect(frames.count == 3)
        #expect(FileManager.default.fileExists(atPath: rdf))
        // The same seed gives the same run.
        let again = try CommandRunner.run([
            "md", "--lattice", "fcc", "--density", "0.8442", "--cells", "3", "--temperature", "1.2",
            "--cutoff", "2.5", "--shift", "--steps", "200", "--thermo", "50", "--seed", "7", "--json",
        ])
        let repeated = try #require(try CommandRunner.json(again) as? [String: Any])
        #expect(repeated["finalTotalEnergy"] as? Double == summary["finalTotalEnergy"] as? Double)
    }

    @Test(arguments: [
        ("missing.xyz", nil, "missing.xyz: no such file"),
        ("columns.xyz", "2\n\nAr 0 0 0\nAr 1 1\n", "columns.xyz:4: expected 4 columns"),
        ("element.xyz", "2\n\nQq 0 0 0\nAr 3 0 0\n", "element.xyz:3: unknown element 'Qq'"),
        ("nan.xyz", "2\n\nAr 0 0 0\nAr nan 0 0\n", "nan.xyz:4: expected a finite number"),
        ("overlap.xyz", "2\n\nAr 1 1 1\nAr 1 1 1\n", "overlap.xyz: atoms 1 and 2 overlap"),
    ] as [(String, String?, String)])
    func badInputFailsWithOneClearLine(name: String, contents: String?, message: String) throws {
        let dir = try CommandRunner.temporaryDirectory()
        let path = dir.appendingPathComponent(name).path
        if let contents { try contents.write(toFile: path, atomically: true, encoding: .utf8) }
        let output = dir.appendingPathComponent("out.extxyz").path
        for command in [["eval"], ["minimize"], ["md", "--steps", "10"]] {
            let result = try CommandRunner.run(command + [path, "--units", "metal", "--output", output])
            #expect(result.status != 0)
            #expect(result.error.contains(message), "\(command): \(result.error)")
            #expect(result.error.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test func invalidOptionsAreRejectedBeforeRunning() throws {
        let result = try CommandRunner.run(["md", "--lattice", "fcc", "--cells", "2"])
        #expect(result.status != 0)
        #expect(result.error.contains("--density"))
        let thermostat = try CommandRunner.run(["md", "--lattice", "fcc", "--density", "1", "--ensemble", "langevin"])
        #expect(thermostat.error.contains("--temperature"))
    }
}
