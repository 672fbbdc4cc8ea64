import BasinIO
import Foundation
import Testing

/// Files are written in the format their names say, so that the next command reads them back.
@Suite struct OutputFormatCommandTests {
    static let sample = ["sample", "--lattice", "fcc", "--density", "0.8442", "--cells", "2", "--temperatures", "1",
                         "--steps", "4", "--interval", "2"]

    @Test func sampleRefusesTrainingDataNamedLikeALAMMPSDataFile() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("train.data").path
        let result = try CommandRunner.run(Self.sample + ["--output", output])
        #expect(result.status != 0)
        #expect(result.error.contains("\(output): cannot write: a LAMMPS data file cannot hold several structures, energies and forces; name the file train.extxyz (extended XYZ) or input.data (n2p2)"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(arguments: ["input.data", "train.extxyz"])
    func sampledDataFeedsSymmetryFunctionGeneration(name: String) throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent(name).path
        let sampled = try CommandRunner.run(Self.sample + ["--output", output])
        #expect(sampled.status == 0, "\(sampled.error)")
        let generated = try CommandRunner.run(["sf", "generate", "--data", output, "--cutoff", "2.5", "--radial", "3"])
        #expect(generated.status == 0, "\(generated.error)")
        #expect(generated.output.contains("symfunction_short"))
    }

    @Test func evalMinimizeAndHopOutputsFollowTheirNames() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cluster = DatabaseCommandTests.cluster(7)
        // A structure, built or evaluated, may go to a LAMMPS data file (without its energy and
        // forces) and reads back as one; an unknown name is refused.
        let built = dir.appendingPathComponent("built.lmp")
        let eval = try CommandRunner.run(["eval", cluster, "--cutoff", "none", "--output", built.path])
        #expect(eval.status == 0, "\(eval.error)")
        #expect(try StructureFile.read(from: built, units: .lennardJones).first?.configuration.count == 7)
        let unknown = try CommandRunner.run(["eval", cluster, "--cutoff", "none", "--output", dir.appendingPathComponent("built.txt").path])
        #expect(unknown.status != 0 && unknown.error.contains("cannot tell the format from the name 'built.txt'"), "\(unknown.error)")
        let data = dir.appendingPathComponent("relaxed.lmp")
        let minimized = try CommandRunner.run(["minimize", cluster, "--cutoff", "none", "--output", data.path])
        #expect(minimized.status == 0, "\(minimized.error)")
        #expect(try StructureFile.read(from: data, units: .lennardJones).first?.configuration.count == 7)
        // The distinct minima go where the name says: n2p2 here, not extended XYZ.
        let minima = dir.appendingPathComponent("input.data")
        let hop = try CommandRunner.run(["hop", "--atoms", "7", "--steps", "5", "--minima", minima.path])
        #expect(hop.status == 0, "\(hop.error)")
        #expect(try N2P2Data.read(from: minima, units: .lennardJones).allSatisfy { $0.energy != nil })
        let refused = try CommandRunner.run(["hop", "--atoms", "7", "--steps", "5", "--minima", dir.appendingPathComponent("minima.data").path])
        #expect(refused.status != 0 && refused.error.contains("cannot hold several structures"), "\(refused.error)")
    }

    @Test func mdRefusesOutputNamesItCannotWriteBeforeTheFirstStep() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let start = Date()
        let run = ["md", "--lattice", "fcc", "--density", "0.8442", "--cells", "4", "--temperature", "1", "--cutoff", "2.5",
                   "--equilibrate", "1000000", "--steps", "1000000"]
        let trajectory = try CommandRunner.run(run + ["--trajectory", dir.appendingPathComponent("run.data").path])
        #expect(trajectory.status != 0 && trajectory.error.contains("cannot hold several structures"), "\(trajectory.error)")
        let output = try CommandRunner.run(run + ["--output", dir.appendingPathComponent("final.txt").path])
        #expect(output.status != 0 && output.error.contains("cannot tell the format from the name 'final.txt'"), "\(output.error)")
        #expect(Date().timeIntervalSince(start) < 30, "refused before running a million steps")
    }

    @Test func databaseExportFollowsTheName() throws {
        let dir = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("minima.db").path
        #expect(try CommandRunner.run(["db", "add", DatabaseCommandTests.cluster(7), DatabaseCommandTests.cluster(13), "--database", database]).status == 0)
        let n2p2 = dir.appendingPathComponent("input.data")
        let exported = try CommandRunner.run(["db", "export", "--database", database, "-o", n2p2.path])
        #expect(exported.status == 0, "\(exported.error)")
        #expect(try N2P2Data.read(from: n2p2, units: .lennardJones).count == 2)
        let refused = try CommandRunner.run(["db", "export", "--database", database, "-o", dir.appendingPathComponent("minima.dump").path])
        #expect(refused.status != 0 && refused.error.contains("a LAMMPS dump cannot hold energies"), "\(refused.error)")
    }
}
