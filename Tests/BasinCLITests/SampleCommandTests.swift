import BasinAtoms
import BasinIO
import Foundation
import Testing

/// `basin sample`: reference data by MD with a reference potential.
@Suite struct SampleCommandTests {
    static let lattice = ["--lattice", "fcc", "--density", "0.8442", "--cells", "3"]

    @Test func writesAnN2P2FileWithTheExpectedFrames() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let output = dir.appendingPathComponent("input.data")
        let result = try CommandRunner.run(["sample"] + Self.lattice + [
            "--temperatures", "0.5,1.5", "--steps", "12", "--equilibrate", "4", "--interval", "4",
            "--perturb", "0.02", "--perturbed-starts", "1", "--seed", "5", "--output", output.path, "--json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let report = try #require(try CommandRunner.json(result) as? [String: Any])
        // 2 temperatures × 2 starts × (⌊12/4⌋ + 1) frames.
        #expect(report["frames"] as? Int == 16)
        #expect(report["runs"] as? Int == 4)
        #expect(report["format"] as? String == "n2p2")
        let temperatures = try #require(report["temperatures"] as? [[String: Any]])
        #expect(temperatures.map { $0["frames"] as? Int } == [8, 8])
        #expect(temperatures.allSatisfy { ($0["forceMaximum"] as? Double ?? 0) > 0 })

        let frames = try N2P2Data.read(from: output, units: .lennardJones)
        #expect(frames.count == 16)
        #expect(frames.allSatisfy { $0.energy != nil && $0.forces?.count == 108 && $0.configuration.count == 108 })
        #expect(frames[0].info["comment"]?.contains("temperature=0.5") == true)
    }

    @Test func forceSelectionWritesExtendedXYZ() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let output = dir.appendingPathComponent("sample.xyz")
        let result = try CommandRunner.run(["sample"] + Self.lattice + [
            "--temperatures", "1", "--steps", "16", "--selection", "force", "--force-threshold", "2",
            "--max-interval", "4", "--output", output.path,
        ])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("frames"))
        let frames = try ExtendedXYZ.read(from: output, units: .lennardJones)
        // Every block of 4 steps keeps its first step, so at least steps 0, 4, 8, 12, 16.
        #expect(frames.count >= 5 && frames.count <= 17)
        #expect(frames.allSatisfy { $0.energy != nil && $0.forces != nil && $0.atomProperty(named: "energies") != nil })
    }

    @Test(arguments: [
        (["--steps", "5"], "--temperatures"),
        (["--temperatures", "1,x"], "--temperatures must be comma-separated numbers"),
        (["--temperatures=-5"], "--temperatures must be zero or positive"),
        (["--temperatures", "1", "--selection", "force"], "--force-threshold"),
        (["--temperatures", "1", "--interval", "0"], "--interval must be at least 1"),
        (["--temperatures", "1", "--perturbed-starts", "2"], "--perturb"),
        (["--temperatures", "1", "--force-threshold", "1"], "need --selection force"),
        (["--temperatures", "1", "--selection", "force", "--force-threshold", "1", "--monitor-atoms", "0"], "--monitor-atoms"),
        (["--temperatures", "1", "--selection", "force", "--force-threshold", "1", "--monitor-atoms", "200"], "out of range"),
    ] as [([String], String)])
    func badOptionsFailWithOneLine(options: [String], message: String) throws {
        let dir = try CommandRunner.temporaryDirectory()
        let output = dir.appendingPathComponent("input.data")
        let result = try CommandRunner.run(["sample"] + Self.lattice + options + ["--output", output.path])
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(options): \(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func helpNamesTheUnits() throws {
        let result = try CommandRunner.run(["sample", "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("--force-threshold"))
        #expect(result.output.contains("eV/Å"))
    }
}
