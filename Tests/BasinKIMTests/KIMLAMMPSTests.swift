import BasinAtoms
import BasinIO
import BasinKIM
import BasinNNP
import BasinPotentials
import BasinTestSupport
import Foundation
import Testing

/// Basin's KIM driver inside Debian's LAMMPS: `run 0` on a small periodic H/O structure (a
/// skewed cell narrower than twice the cutoff, so LAMMPS's halo holds several images of each
/// atom) with a synthetic two-element model exported by `KIMPortableModel`, on one and two MPI
/// ranks, against `NeuralNetworkPotential` in process. Needs LAMMPS, Open MPI, the KIM tools and
/// the installed driver (scripts/install-kim-driver.sh); skipped, saying which is missing,
/// without. scripts/check-kim-lammps.sh runs the same check on n2p2's water model.
@Suite struct KIMLAMMPSTests {
    static let modelName = "Basin_Test_Synthetic_HO"

    /// Runs a program, returning its standard output, or nil when it cannot run or fails.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readAllRetryingInterrupts()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// Why the check cannot run here, or nil when it can.
    static let missing: String? = {
        guard run(["which", "lmp"]) != nil else { return "LAMMPS (lmp) is not installed" }
        guard run(["which", "mpirun"]) != nil else { return "Open MPI (mpirun) is not installed" }
        guard let list = run(["kim-api-collections-management", "list"]) else { return "the KIM API tools are not installed" }
        guard list.contains(KIMPortableModel.driverName) else { return "the driver is not installed (scripts/install-kim-driver.sh)" }
        return nil
    }()

    @Test(.enabled(if: missing == nil, "\(missing ?? "")"), arguments: [1, 2])
    func runZeroMatchesBasin(ranks: Int) throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("basin-kim-lammps-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let modelFolder = work.appendingPathComponent("model"), name = "\(Self.modelName)_\(ranks)"
        try SyntheticModel.make().write(to: work.appendingPathComponent("n2p2"))
        try KIMPortableModel.export(
            model: work.appendingPathComponent("n2p2"), name: name,
            parameters: KIMParameters(lengthFactor: 1.3, energyFactor: 0.7), to: modelFolder)
        Self.run(["kim-api-collections-management", "remove", "--force", name])
        try #require(Self.run(["kim-api-collections-management", "install", "user", modelFolder.path]) != nil)
        defer { Self.run(["kim-api-collections-management", "remove", "--force", name]) }
        let structure = SyntheticModel.structure(periodic: true)
        try LAMMPSData.write(structure, to: work.appendingPathComponent("structure.data"))
        try Data("""
            kim init \(name) metal
            boundary p p p
            atom_style atomic
            read_data structure.data
            kim interactions H O
            dump forces all custom 1 forces.dump id fx fy fz
            dump_modify forces sort id format float %.17g
            run 0
            print "BASIN-CHECK $(pe:%.17g) $(press:%.17g)"

            """.utf8).write(to: work.appendingPathComponent("in.run0"))
        let command = ["lmp", "-in", "in.run0", "-log", "none"]
        let mpi = ["env", "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1", "mpirun", "-np", "\(ranks)", "--oversubscribe"]
        let output = try #require(Self.run(ranks == 1 ? command : mpi + command, in: work))
        let check = try #require(output.split(separator: "\n").first { $0.hasPrefix("BASIN-CHECK") }).split(separator: " ")
        let energy = try #require(Double(check[1])), pressure = try #require(Double(check[2]))
        let dump = try String(contentsOf: work.appendingPathComponent("forces.dump"), encoding: .utf8).split(separator: "\n")
        let rows = dump.drop { !$0.hasPrefix("ITEM: ATOMS") }.dropFirst()
        let forces = rows.map { line in line.split(separator: " ").dropFirst().map { Double($0)! } }

        let potential = NeuralNetworkPotential(model: SyntheticModel.make(), units: .metal, lengthFactor: 1.3, energyFactor: 0.7)
        let reference = try Calculator(potential: potential).evaluate(structure, [.energy, .forces, .virial])
        let expectedPressure = reference.virial.trace / (3 * structure.cell.volume) * UnitSystem.metal.energyDensityToPressure
        #expect(abs(energy - reference.energy) <= 1e-12 * abs(reference.energy))
        #expect(abs(pressure - expectedPressure) <= 1e-11 * abs(expectedPressure))
        try #require(forces.count == structure.count)
        let largest = reference.forces.map { max(abs($0.x), abs($0.y), abs($0.z)) }.max()!
        for (f, expected) in zip(forces, reference.forces) {
            let d = SIMD3(f[0], f[1], f[2]) - expected
            #expect(max(abs(d.x), abs(d.y), abs(d.z)) <= 1e-12 * largest)
        }
    }
}
