import Foundation
import Testing

/// `basin hop` as a user runs it: a random Lennard-Jones cluster or a structure file, the
/// lowest minimum and the distinct minima written out, JSON, and clear errors.
@Suite struct HopCommandTests {
    func summary(_ arguments: [String], in directory: URL? = nil) throws -> [String: Any] {
        let result = try CommandRunner.run(["hop"] + arguments + ["--json"], in: directory)
        #expect(result.status == 0, "\(result.error)")
        return try #require(try CommandRunner.json(result) as? [String: Any])
    }

    /// The `energy=` values of an extxyz file's comment lines, in order.
    func frameEnergies(_ path: String) throws -> [Double] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var energies: [Double] = []
        var index = 0
        while index < lines.count, let count = Int(lines[index].trimmingCharacters(in: .whitespaces)) {
            let field = lines[index + 1].split(separator: " ").first { $0.hasPrefix("energy=") }
            energies.append(try #require(field.flatMap { Double($0.dropFirst("energy=".count)) }))
            index += count + 2
        }
        return energies
    }

    @Test func findsTheLJ13GlobalMinimumAndWritesTheMinima() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let best = dir.appendingPathComponent("best.extxyz").path
        let minima = dir.appendingPathComponent("minima.extxyz").path
        let run = try summary([
            "--atoms", "13", "--seed", "12", "--steps", "1000", "--target-energy", "-44.326801",
            "--output", best, "--minima", minima,
        ])
        #expect(run["stopReason"] as? String == "targetReached")
        #expect(abs((run["lowestEnergy"] as? Double ?? 0) + 44.326801) < 1e-5)
        #expect(run["targetStep"] as? Int == run["steps"] as? Int)
        let evaluated = try CommandRunner.run(["eval", best, "--cutoff", "none", "--json"])
        let frames = try #require(try CommandRunner.json(evaluated) as? [[String: Any]])
        #expect(abs((frames.first?["energy"] as? Double ?? 0) + 44.326801) < 1e-5)
        let energies = try frameEnergies(minima)
        #expect(energies.count == run["distinctMinima"] as? Int)
        #expect(energies == energies.sorted())
        #expect(abs((energies.first ?? 0) + 44.326801) < 1e-5)
    }

    @Test func theSameSeedGivesTheSameRun() throws {
        let arguments = ["--atoms", "10", "--steps", "60", "--temperature", "1.5"]
        let first = try summary(arguments + ["--seed", "4"]), second = try summary(arguments + ["--seed", "4"])
        let other = try summary(arguments + ["--seed", "5"])
        for key in ["lowestEnergy", "lowestFirstStep", "distinctMinima", "acceptedSteps", "evaluations"] {
            #expect(first[key] as? NSNumber == second[key] as? NSNumber, "\(key)")
        }
        #expect(first["evaluations"] as? Int != other["evaluations"] as? Int)
    }

    @Test func hopsFromAStructureFileWithAnyPotential() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let input = dir.appendingPathComponent("lj13.xyz")
        try CommandTests.icosahedron.write(to: input, atomically: true, encoding: .utf8)
        let allPairs = try summary([input.path, "--steps", "20", "--seed", "1", "--max-minima", "2"])
        #expect(abs((allPairs["lowestEnergy"] as? Double ?? 0) + 44.326801) < 1e-5)
        #expect(allPairs["steps"] as? Int == 20)
        // A cutoff sends the run through the calculator (and a potential other than the kernel).
        let cut = try summary([input.path, "--steps", "5", "--cutoff", "3", "--seed", "1"])
        #expect((cut["lowestEnergy"] as? Double ?? 0) < -40)
        #expect(cut["containerRadius"] == nil)
    }

    @Test func badInputIsReportedClearly() throws {
        let neither = try CommandRunner.run(["hop"])
        #expect(neither.status != 0)
        #expect(neither.error.contains("give a structure file or --atoms"))
        let morse = try CommandRunner.run(["hop", "--atoms", "5", "--potential", "morse", "--d0", "1", "--alpha", "1", "--r0", "1", "--cutoff", "3"])
        #expect(morse.status != 0)
        #expect(morse.error.contains("--atoms builds an all-pairs Lennard-Jones cluster"))
        let temperature = try CommandRunner.run(["hop", "--atoms", "5", "--temperature", "0"])
        #expect(temperature.status != 0)
        #expect(temperature.error.contains("temperature must be positive"))
        let surface = try CommandRunner.run(["hop", "--atoms", "5", "--surface-moves", "1.5"])
        #expect(surface.status != 0)
        #expect(surface.error.contains("surface moves must lie between 0 and 1"))
        let dir = try CommandRunner.temporaryDirectory()
        let broken = dir.appendingPathComponent("broken.xyz")
        try "2\n\nX 0 0 0\nX 1 oops 0\n".write(to: broken, atomically: true, encoding: .utf8)
        let unreadable = try CommandRunner.run(["hop", broken.path])
        #expect(unreadable.status != 0)
        #expect(unreadable.error.contains("broken.xyz"))
        #expect(unreadable.error.contains("line 4") || unreadable.error.contains(":4"))
    }

    @Test func multiFunnelSettingsFindTheLJ38TruncatedOctahedronAndKeepTheMinimaBounded() throws {
        let run = try summary([
            "--atoms", "38", "--seed", "4", "--steps", "1000", "--multi-funnel", "--restart-after", "10",
            "--target-energy", "-173.928427",
            "--max-minima", "5",
        ])
        #expect(run["stopReason"] as? String == "targetReached")
        #expect((run["distinctMinima"] as? Int ?? 0) <= 5)
    }
}
