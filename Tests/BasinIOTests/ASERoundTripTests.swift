import BasinAtoms
import BasinIO
import BasinMath
import BasinTestSupport
import Foundation
import Testing

/// True when `python3` can import ASE.
let aseIsAvailable: Bool = (try? runPython(["-c", "import ase"]).status) == 0

/// Runs python3 with `arguments`; returns the exit status and the combined output.
func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readAllRetryingInterrupts()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// Basin writes extended XYZ; scripts/check_ase_roundtrip.py checks that ASE reads it as meant.
@Suite("ASE reads Basin's extended XYZ", .enabled(if: aseIsAvailable, "python3 with ASE is not installed"))
struct ASERoundTripTests {
    private static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/check_ase_roundtrip.py")

    /// What ASE should see, in the script's JSON layout.
    private func expectation(_ frame: Frame, info: [String: Any]) -> [String: Any] {
        let c = frame.configuration
        func rows(_ vectors: [SIMD3<Double>]) -> [[Double]] { vectors.map { [$0.x, $0.y, $0.z] } }
        func rows(_ m: Matrix3) -> [[Double]] { rows([m[0], m[1], m[2]]) }
        var result: [String: Any] = [
            "symbols": c.symbols, "positions": rows(c.positions), "cell": rows(c.cell.vectors),
            "pbc": c.cell.periodic, "masses": c.masses, "info": info,
        ]
        if let energy = frame.energy { result["energy"] = energy }
        if let forces = frame.forces { result["forces"] = rows(forces) }
        if let stress = frame.stress { result["stress"] = rows(stress) }
        if let velocities = c.velocities { result["velocities"] = rows(velocities) }
        return result
    }

    @Test func aseReadsBasinFramesIdentically() throws {
        var triclinic = Samples.triclinic()
        triclinic.masses[1] = 29.5
        let stress = Matrix3(rows: SIMD3(0.01, 0.004, -0.005), SIMD3(0.004, -0.02, 0.006), SIMD3(-0.005, 0.006, 0.03))
        let frames = [
            Frame(
                configuration: triclinic, energy: -17.123456789012345,
                forces: triclinic.positions.map { SIMD3(0.1 * $0.y, -0.3 * $0.x, 1.0 / 3.0) }, stress: stress,
                info: ["config_type": "bulk crystal", "step": "7", "temperature": "300.5", "converged": "T"]),
            Frame(configuration: Samples.cluster(), energy: -14.2, forces: [SIMD3(0, 0, 0.5), SIMD3(0, 0.1, -0.25), SIMD3(0, -0.1, -0.25)]),
            Frame(configuration: Samples.orthorhombic()),
        ]
        let expected = [
            expectation(frames[0], info: ["config_type": "bulk crystal", "step": 7, "temperature": 300.5, "converged": true]),
            expectation(frames[1], info: [:]),
            expectation(frames[2], info: [:]),
        ]
        try withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("basin.extxyz")
            let json = directory.appendingPathComponent("expected.json")
            try ExtendedXYZ.write(frames, to: file)
            try JSONSerialization.data(withJSONObject: expected).write(to: json)
            let (status, output) = try runPython([Self.script.path, file.path, json.path, "--tolerance", "0"])
            #expect(status == 0, "\(output)")
            #expect(output.contains("OK: ASE reads the file as expected"), "\(output)")
        }
    }
}
