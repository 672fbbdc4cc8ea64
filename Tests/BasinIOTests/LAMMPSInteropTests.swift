import BasinAtoms
import BasinIO
import BasinMath
import Foundation
import Testing

/// The LAMMPS executable on the PATH, if any.
let lammpsExecutable: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("lmp")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}()

/// LAMMPS reads Basin's data files: its own `write_data` and `write_dump` give back the same atoms.
@Suite("LAMMPS reads Basin's data files", .enabled(if: lammpsExecutable != nil, "LAMMPS (lmp) is not installed"))
struct LAMMPSInteropTests {
    @Test func lammpsRewritesABasinDataFileUnchanged() throws {
        let lmp = try #require(lammpsExecutable)
        var original = Samples.triclinic()
        original.positions[2] += original.cell.vectors[1] * 2  // two periods away: image flag 2
        try withTemporaryDirectory { directory in
            try LAMMPSData.write(original, to: directory.appendingPathComponent("basin.lmp"))
            let script = """
                units metal
                atom_style atomic
                boundary p p p
                read_data basin.lmp
                write_data lammps.lmp
                write_dump all custom lammps.dump id type xu yu zu vx vy vz modify format float %.17g

                """
            try script.write(to: directory.appendingPathComponent("in.check"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = lmp
            process.arguments = ["-in", "in.check", "-log", "none", "-screen", "none"]
            process.currentDirectoryURL = directory
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)

            let ours = try LAMMPSData.read(from: directory.appendingPathComponent("basin.lmp"))
            let theirs = try LAMMPSData.read(from: directory.appendingPathComponent("lammps.lmp"), typeSymbols: ["Si", "C"])
            #expect(theirs.symbols == ours.symbols)
            #expect(theirs.masses == ours.masses)
            expectClose(theirs.cell.vectors, ours.cell.vectors, tolerance: 1e-14)
            expectClose(theirs.positions, ours.positions, tolerance: 1e-12)
            expectClose(theirs.velocities, ours.velocities, tolerance: 1e-14)

            let dumped = try LAMMPSDump.read(from: directory.appendingPathComponent("lammps.dump"), typeSymbols: ["Si", "C"])
            #expect(dumped.count == 1)
            expectClose(dumped[0].configuration.positions, ours.positions, tolerance: 1e-12)
            expectClose(dumped[0].configuration.velocities, ours.velocities, tolerance: 1e-14)
        }
    }
}
