import Foundation
import Testing

/// Extreme numbers in structures and parameter files: no trap, and no NaN reported as a result.
@Suite struct ExtremeValueCommandTests {
    func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// `printf '2\nx\nX 0 0 0\nX 1e18 0 0\n' > r.xyz; basin eval r.xyz` trapped converting the
    /// bin count to Int; so did minimize, md, hop and db add. 1e308 gave the infinite variant.
    @Test(arguments: ["1e18", "1e308"])
    func aVeryDistantAtomIsHandled(coordinate: String) throws {
        let dir = try CommandRunner.temporaryDirectory()
        let file = try write("2\nx\nX 0 0 0\nX \(coordinate) 0 0\n", "r.xyz", in: dir)
        let commands: [[String]] = [
            ["eval", file], ["minimize", file], ["md", file, "--steps", "10"], ["hop", file, "--steps", "3"],
            ["db", "add", file, "--database", dir.appendingPathComponent("r.db").path, "--lennard-jones"],
        ]
        for command in commands {
            let result = try CommandRunner.run(command)
            if command[0] == "db" && coordinate == "1e308" {
                // Squared distances overflow, so no fingerprint can be stored: one clean line.
                #expect(result.status == 1)
                #expect(result.error.contains("the structure is too large"), "\(result.error)")
            } else {
                #expect(result.status == 0, "\(command): \(result.error)")
            }
        }
    }

    /// A cutoff of 1e300 on a periodic lattice trapped converting the image count to Int.
    @Test func anEnormousCutoffOnAPeriodicCellIsRefused() throws {
        let result = try CommandRunner.run(["eval", "--lattice", "fcc", "--density", "0.8442", "--cells", "2", "--cutoff", "1e300"])
        #expect(result.status == 1)
        #expect(result.error.contains("the cell is too thin for the cutoff"), "\(result.error)")
    }

    /// `--cells 1000000000` overflowed Int computing the number of atoms.
    @Test func absurdCellCountsAreRefused() throws {
        let result = try CommandRunner.run(["eval", "--lattice", "fcc", "--density", "0.8442", "--cells", "1000000000"])
        #expect(result.status == 1)
        #expect(result.error.contains("cells would make 4e+27 atoms; at most 100000000"), "\(result.error)")
    }

    /// `--threads 1000000000` hung and `--rdf-bins 1000000000000` aborted allocating.
    @Test func absurdThreadAndBinCountsAreRefused() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let run = ["md", "--lattice", "fcc", "--density", "0.8442", "--cells", "2", "--steps", "5"]
        let threads = try CommandRunner.run(run + ["--threads", "1000000000"])
        #expect(threads.status != 0)
        #expect(threads.error.contains("--threads must lie in 1…1024"), "\(threads.error)")
        let bins = try CommandRunner.run(run + ["--rdf", dir.appendingPathComponent("gr.dat").path, "--rdf-bins", "1000000000000"])
        #expect(bins.status == 1)
        #expect(bins.error.contains("g(r) needs 1 to 10,000,000 bins"), "\(bins.error)")
    }

    static let lattice = ["--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431"]

    /// Runs eval, minimize, md and sample with `potential` and expects each to fail with
    /// `message`, writing no output file.
    func expectFailure(structure: [String], potential: [String], message: String, in dir: URL) throws {
        let output = dir.appendingPathComponent("out.xyz")
        let commands: [[String]] = [
            ["eval"], ["minimize", "--output", output.path], ["md", "--steps", "10", "--output", output.path],
            ["sample", "--temperatures", "300", "--steps", "10", "--equilibrate", "2", "--output", output.path],
        ]
        for command in commands {
            let result = try CommandRunner.run([command[0]] + structure + potential + command.dropFirst())
            #expect(result.status != 0, "\(command)")
            #expect(result.error.contains(message), "\(command): \(result.error)")
            #expect(!FileManager.default.fileExists(atPath: output.path), "\(command)")
        }
    }

    /// ε or γ of 1e308 (Stillinger–Weber) and H of 1e308 (Vashishta) gave energy −nan, max force
    /// 0 and exit status 0.
    @Test func overflowingParametersAreRefused() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let cases = [
            ("sw", "Si Si Si 1e308 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0", "A·ε·p·B·σ^p overflows"),
            ("sw", "Si Si Si 2.1683 2.0951 1.80 21.0 1e308 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0", "γ·σ overflows"),
            ("vashishta", "Si Si Si 1e308 11 1.6 1.6 999 0.0 4.43 0.0 10.0 0.0 0.0 0.0 0.0 0.0", "H·η overflows"),
        ]
        for (style, text, message) in cases {
            let file = try write(text, "big.\(style)", in: dir)
            try expectFailure(structure: Self.lattice, potential: ["--potential", style, "--parameters", file], message: message, in: dir)
        }
    }

    /// Parameters that load but overflow on a close pair: the energy is infinite and the forces
    /// NaN, which every driver now reports instead of using.
    @Test func aNonFiniteEvaluationIsAnError() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let parameters = try write(
            "Si Si Si 1e305 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0", "large.sw", in: dir)
        let structure = try write("2\nclose pair\nSi 0 0 0\nSi 0.3 0 0\n", "close.xyz", in: dir)
        try expectFailure(
            structure: [structure], potential: ["--potential", "sw", "--parameters", parameters],
            message: "StillingerWeber returned a non-finite value", in: dir)
    }
}
