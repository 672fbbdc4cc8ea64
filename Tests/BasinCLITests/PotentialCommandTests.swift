import BasinPotentials
import Foundation
import Testing

/// The many-body and Morse potentials and the SiO₂ builders from the command line.
@Suite struct PotentialCommandTests {
    /// Stillinger–Weber silicon, Phys. Rev. B 31, 5262 (1985), as LAMMPS's `Si.sw` writes it.
    static let siliconSW = "Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0\n"

    func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func frames(_ result: CommandRunner.Result) throws -> [[String: Any]] {
        #expect(result.status == 0, "\(result.error)")
        return try #require(try CommandRunner.json(result) as? [[String: Any]])
    }

    @Test func stillingerWeberSiliconHasItsCohesiveEnergy() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let file = try write(Self.siliconSW, "Si.sw", in: dir)
        let result = try CommandRunner.run([
            "eval", "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431", "--cells", "3",
            "--potential", "sw", "--parameters", file, "--json",
        ])
        let frame = try #require(try frames(result).first)
        #expect(frame["atoms"] as? Int == 216)
        // E = −2ε per atom at the ideal diamond lattice: −4.3366 eV.
        #expect(abs((frame["energyPerAtom"] as? Double ?? 0) + 4.3366) < 1e-4)
        #expect((frame["maximumForce"] as? Double ?? 1) < 1e-10)
    }

    @Test func vashishtaQuartzMatchesLAMMPS() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let file = try write(PublishedParameters.silicaVashishta1990, "SiO.vashishta", in: dir)
        let frame = try #require(try frames(try CommandRunner.run([
            "eval", "--lattice", "quartz", "--potential", "vashishta", "--parameters", file, "--json",
        ])).first)
        // LAMMPS 2022-01-06 `pair_style vashishta`, `run 0` on the same 9-atom triclinic cell.
        #expect(abs((frame["energy"] as? Double ?? 0) + 82.504022638275) < 1e-9)
        #expect(abs((frame["pressure"] as? Double ?? 0) + 39870.7492940482) < 1e-6)
        #expect((frame["atomEnergies"] as? [Double])?.count == 9)
    }

    @Test func builtInSetsMatchTheirLAMMPSFiles() throws {
        let silicon = try #require(try frames(try CommandRunner.run([
            "eval", "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431", "--cells", "3",
            "--potential", "sw", "--parameters", "Si", "--json",
        ])).first)
        #expect(abs((silicon["energyPerAtom"] as? Double ?? 0) + 4.3366) < 1e-4)
        let quartz = try #require(try frames(try CommandRunner.run([
            "eval", "--lattice", "quartz", "--potential", "vashishta", "--parameters", "SiO2", "--json",
        ])).first)
        #expect(abs((quartz["energy"] as? Double ?? 0) + 82.504022638275) < 1e-9)
    }

    @Test func anUnknownParameterSetNamesTheBuiltInOnes() throws {
        let result = try CommandRunner.run([
            "eval", "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431",
            "--potential", "sw", "--parameters", "Germanium",
        ])
        #expect(result.status != 0)
        #expect(result.error.contains("Germanium: no such file, and not a built-in parameter set (built in: Si)"), "\(result.error)")
    }

    @Test func rattledStructuresAreSeededAndLoseTheirReferenceData() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let start = dir.appendingPathComponent("start.extxyz").path
        #expect(try CommandRunner.run([
            "eval", "--lattice", "fcc", "--element", "Cu", "--lattice-constant", "3.615", "--cells", "2",
            "--potential", "morse", "--d0", "0.3429", "--alpha", "1.3588", "--r0", "2.866", "--cutoff", "6", "--output", start,
        ]).status == 0)
        func energy(_ extra: [String]) throws -> Double {
            let frame = try #require(try frames(try CommandRunner.run([
                "eval", start, "--potential", "morse", "--d0", "0.3429", "--alpha", "1.3588", "--r0", "2.866",
                "--cutoff", "6", "--json",
            ] + extra)).first)
            return try #require(frame["energy"] as? Double)
        }
        let perfect = try energy([]), rattled = try energy(["--rattle", "0.05"])
        #expect(rattled > perfect + 1e-3, "a rattled crystal lies above the perfect one")
        #expect(try energy(["--rattle", "0.05"]) == rattled)
        #expect(try energy(["--rattle", "0.05", "--rattle-seed", "2"]) != rattled)
        let bad = try CommandRunner.run(["eval", start, "--rattle=-1"])
        #expect(bad.status != 0 && bad.error.contains("--rattle must be a non-negative number"), "\(bad.error)")
    }

    @Test func metalUnitsSetTheDefaultTimeStep() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let file = try write(Self.siliconSW, "Si.sw", in: dir)
        let result = try CommandRunner.run([
            "md", "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431", "--cells", "2",
            "--potential", "sw", "--parameters", file, "--temperature", "600", "--steps", "50", "--json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(summary["units"] as? String == "metal")
        #expect(summary["timeStep"] as? Double == 0.001)
        #expect((summary["maxEnergyDeviationPerAtom"] as? Double ?? 1) < 1e-3)
    }

    @Test func badParameterFileFailsWithOneClearLine() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let file = try write("# silicon\n" + Self.siliconSW.replacingOccurrences(of: "4.0 0.0 0.0", with: "4.0 0.0 zero"), "bad.sw", in: dir)
        for command in [["eval"], ["minimize"], ["md", "--steps", "10"]] {
            let result = try CommandRunner.run(command + [
                "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431", "--potential", "sw", "--parameters", file,
            ])
            #expect(result.status != 0)
            #expect(result.error.contains("bad.sw:2: "), "\(command): \(result.error)")
            #expect(result.error.contains("zero"))
            #expect(result.error.split(separator: "\n").count == 1)
        }
        let missing = try CommandRunner.run(["eval", "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431",
                                             "--potential", "vashishta", "--parameters", dir.appendingPathComponent("none").path])
        #expect(missing.status != 0)
        #expect(missing.error.contains("none: no such file"))
    }

    @Test(arguments: [("cristobalite", 192), ("quartz", 72)])
    func silicaLatticesAreBuilt(lattice: String, atoms: Int) throws {
        let dir = try CommandRunner.temporaryDirectory()
        let output = dir.appendingPathComponent("silica.data").path
        let morse = ["--potential", "morse", "--d0", "0.5", "--alpha", "2", "--r0", "1.6", "--cutoff", "5"]
        let built = try frames(try CommandRunner.run(["eval", "--lattice", lattice, "--cells", "2", "--output", output, "--json"] + morse))
        #expect(built[0]["atoms"] as? Int == atoms)
        // The LAMMPS data file keeps types 1, 2; --elements names them again.
        let read = try frames(try CommandRunner.run(["eval", output, "--elements", "Si,O", "--json"] + morse))
        #expect(read[0]["atoms"] as? Int == atoms)
        let e0 = try #require(built[0]["energy"] as? Double), e1 = try #require(read[0]["energy"] as? Double)
        #expect(abs(e0 - e1) < 1e-8 * abs(e0))
    }

    @Test func optionsThatDoNotFitThePotentialAreRejected() throws {
        let lattice = ["eval", "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431"]
        for (arguments, message) in [
            (["--potential", "sw"], "--parameters"),
            (["--potential", "sw", "--parameters", "Si.sw", "--epsilon", "1"], "--epsilon does not apply"),
            (["--potential", "morse", "--d0", "1"], "--alpha"),
            (["--potential", "vashishta", "--parameters", "SiO.vashishta", "--units", "lj"], "metal units"),
        ] {
            let result = try CommandRunner.run(lattice + arguments)
            #expect(result.status != 0)
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
        }
        let reduced = try CommandRunner.run(["eval", "--lattice", "quartz"])
        #expect(reduced.status != 0)
        #expect(reduced.error.contains("--units metal"))
        let density = try CommandRunner.run(["eval", "--lattice", "cristobalite", "--density", "1", "--units", "metal"])
        #expect(density.error.contains("--lattice-constant"))
    }
}
