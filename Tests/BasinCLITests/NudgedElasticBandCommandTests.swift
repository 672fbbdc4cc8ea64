import Foundation
import Testing

/// `basin neb` on the LJ₇ rearrangement from the pentagonal bipyramid to the capped octahedron.
@Suite struct NudgedElasticBandCommandTests {
    static let bipyramid = """
        7
        energy=-16.505384168012213
        X -0.951847796268 0.024194034929 -0.087925695202
        X -0.245544582809 0.868312083806 -0.316342361096
        X -0.342729707648 -0.853359347946 0.262001293041
        X 0.800092898344 0.512452345955 -0.107584636054
        X 0.740029188132 -0.551599116571 0.249851399285
        X -0.045333451219 0.184466351973 0.541520095998
        X 0.045333451269 -0.184466352046 -0.541520096073

        """
    static let cappedOctahedron = """
        7
        energy=-15.935043060488896
        X -0.906346352044 -0.020708532005 -0.129570680040
        X -0.204232256386 0.818403012757 -0.356632595873
        X -0.088317868411 -0.563327688968 0.399991963656
        X 0.615159462006 0.277413086757 0.172489181163
        X 0.876009278698 -0.767512916907 -0.127588489323
        X -0.347340001623 0.479656561858 0.698545358752
        X 0.055067737561 -0.223923523394 -0.657234738436

        """

    func folder() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        try Self.bipyramid.write(to: folder.appendingPathComponent("a.xyz"), atomically: true, encoding: .utf8)
        try Self.cappedOctahedron.write(to: folder.appendingPathComponent("b.xyz"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func findsAndVerifiesTheSaddle() throws {
        let folder = try folder()
        let result = try CommandRunner.run(
            ["neb", "a.xyz", "b.xyz", "--cutoff", "none", "--fmax", "1e-5", "--output", "band.extxyz", "--saddle", "ts.xyz", "--json"],
            in: folder)
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        let saddle = try #require(summary["saddle"] as? [String: Any])
        #expect(saddle["verified"] as? Bool == true)
        #expect(saddle["negativeEigenvalues"] as? Int == 1)
        let energy = try #require(saddle["energy"] as? Double)
        #expect(abs(energy - -15.444734) < 1e-6)
        #expect(abs(try #require(summary["highestEnergy"] as? Double) - energy) < 1e-8)
        let band = try String(contentsOf: folder.appendingPathComponent("band.extxyz"), encoding: .utf8)
        #expect(band.components(separatedBy: "Properties=").count - 1 == 9)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ts.xyz").path))

        // Resuming from the converged band takes no further step.
        let resumed = try CommandRunner.run(
            ["neb", "a.xyz", "b.xyz", "--cutoff", "none", "--fmax", "1e-5", "--output", "band.extxyz", "--resume", "--json"], in: folder)
        let again = try #require(try CommandRunner.json(resumed) as? [String: Any])
        let stages = try #require(again["stages"] as? [[String: Any]])
        #expect(stages.allSatisfy { $0["iterations"] as? Int == 0 })
    }

    @Test func ctrlCSavesTheBandAndResumeFinishesIt() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.xyz").path, b = folder.appendingPathComponent("b.xyz").path
        let band = folder.appendingPathComponent("band.extxyz").path
        let stopped = try InterruptTests.run(
            ["neb", a, b, "--cutoff", "none", "--fmax", "1e-14", "--max-steps", "100000000", "--output", band, "--save-every", "1000000"],
            signal: SIGINT, delay: 1.5, marker: nil)
        #expect(!stopped.signaled && stopped.status == 130, "status \(stopped.status)\n\(stopped.error)")
        #expect(stopped.error.contains("the band is saved in \(band)"), "\(stopped.error)")
        let saved = try String(contentsOfFile: band, encoding: .utf8)
        #expect(saved.components(separatedBy: "Properties=").count - 1 == 9)
        let resumed = try CommandRunner.run(["neb", a, b, "--cutoff", "none", "--fmax", "1e-5", "--output", band, "--resume", "--json"])
        #expect(resumed.status == 0, "\(resumed.error)")
        let summary = try #require(try CommandRunner.json(resumed) as? [String: Any])
        #expect((summary["saddle"] as? [String: Any])?["verified"] as? Bool == true)
    }

    @Test func connectsRenumberedMinimaAndStoresThePath() throws {
        let folder = try folder()
        // The bipyramid renumbered (atoms in reverse order): --permute undoes it.
        var lines = Self.bipyramid.components(separatedBy: "\n")
        lines.replaceSubrange(2..<9, with: lines[2..<9].reversed())
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("reversed.xyz"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["connect", "b.xyz", "reversed.xyz", "--cutoff", "none", "--permute", "--fmax", "1e-4", "--database", "c.db", "--path", "path.extxyz", "--json"],
            in: folder)
        #expect(result.status == 0, "\(result.error)")
        let summary = try #require(try CommandRunner.json(result) as? [String: Any])
        #expect(summary["connected"] as? Bool == true)
        #expect(abs(try #require(summary["highestTransitionState"] as? Double) - -15.444734) < 1e-6)
        let energies = try #require(summary["pathEnergies"] as? [Double])
        #expect(energies.count == 3 && abs(energies[2] - -16.505384) < 1e-6)
        let path = try String(contentsOf: folder.appendingPathComponent("path.extxyz"), encoding: .utf8)
        #expect(path.components(separatedBy: "Properties=").count - 1 == 3)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("c.db").path))
    }

    @Test func badInputGetsOneLineAndWritesNothing() throws {
        let folder = try folder()
        let short = Self.bipyramid.replacingOccurrences(of: "7\nenergy", with: "6\nenergy").components(separatedBy: "\n").dropLast(2).joined(separator: "\n") + "\n"
        try short.write(to: folder.appendingPathComponent("six.xyz"), atomically: true, encoding: .utf8)
        var lines = Self.cappedOctahedron.components(separatedBy: "\n")
        lines[3] = lines[2]
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("overlap.xyz"), atomically: true, encoding: .utf8)
        lines = Self.cappedOctahedron.components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: "X ", with: "Y ")
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("species.xyz"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["a.xyz", "six.xyz"], "different numbers of atoms (7 and 6)"),
            (["a.xyz", "overlap.xyz"], "overlap"),
            (["a.xyz", "species.xyz"], "atom 1 is X at the start and Y at the end"),
            (["a.xyz", "missing.xyz"], "no such file"),
            (["a.xyz", "b.xyz", "--images", "0"], "--images"),
            (["a.xyz", "b.xyz", "--resume"], "--resume needs --output"),
        ]
        for (arguments, message) in cases {
            let result = try CommandRunner.run(["neb"] + arguments + ["--cutoff", "none", "--output", "band.xyz"].filter { _ in !arguments.contains("--resume") }, in: folder)
            #expect(result.status != 0)
            #expect(result.error.contains(message), "\(arguments): \(result.error)")
            #expect(result.output.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("band.xyz").path))
        }
    }
}
