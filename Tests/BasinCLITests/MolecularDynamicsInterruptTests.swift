import BasinIO
import Foundation
import Testing

/// `basin md` stopped by SIGTERM or SIGINT writes what it did and exits with 128 + the signal;
/// killed outright, it leaves a temporary trajectory that the next run removes.
@Suite struct MolecularDynamicsInterruptTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func mdStopsAfterTheCurrentStepAndWritesItsTrajectory(signal: Int32) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trajectory = folder.appendingPathComponent("run.extxyz")
        let rdf = folder.appendingPathComponent("rdf.txt")
        let stopped = try InterruptTests.run(
            ["md", "--lattice", "fcc", "--density", "0.8442", "--cells", "3", "--temperature", "1", "--steps", "100000000",
             "--trajectory", trajectory.path, "--trajectory-every", "5", "--rdf", rdf.path],
            signal: signal, delay: 1.0, marker: nil)
        #expect(!stopped.signaled && stopped.status == 128 + signal, "status \(stopped.status)\n\(stopped.error)")
        #expect(stopped.error.contains("of 100000000; the output of the steps done is written"), "\(stopped.error)")
        let frames = try ExtendedXYZ.read(from: trajectory, units: .lennardJones)
        #expect(frames.count >= 1)
        #expect(frames.allSatisfy { $0.configuration.count == 108 })
        #expect(FileManager.default.fileExists(atPath: rdf.path))
        #expect(Subprocess.hiddenFiles(in: folder).isEmpty, "\(Subprocess.hiddenFiles(in: folder))")
    }

    @Test func mdKilledOutrightLeavesATemporaryFileTheNextRunRemoves() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trajectory = folder.appendingPathComponent("run.extxyz").path
        let arguments = ["md", "--lattice", "fcc", "--density", "0.8442", "--cells", "3", "--temperature", "1",
                         "--trajectory", trajectory, "--trajectory-every", "1"]
        let killed = try Subprocess.launch(arguments + ["--steps", "100000000"])
        Subprocess.wait { !Subprocess.hiddenFiles(in: folder).isEmpty }
        Thread.sleep(forTimeInterval: 0.3)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        let leftovers = Subprocess.hiddenFiles(in: folder)
        #expect(leftovers.count == 1 && leftovers[0].hasPrefix(".run.extxyz.\(killed.processIdentifier)."), "\(leftovers)")
        #expect(!FileManager.default.fileExists(atPath: trajectory))

        let next = try CommandRunner.run(arguments + ["--steps", "10"])
        #expect(next.status == 0, "\(next.error)")
        #expect(Subprocess.hiddenFiles(in: folder).isEmpty, "\(Subprocess.hiddenFiles(in: folder))")
        #expect(try ExtendedXYZ.read(from: URL(fileURLWithPath: trajectory), units: .lennardJones).count == 11)
    }
}
