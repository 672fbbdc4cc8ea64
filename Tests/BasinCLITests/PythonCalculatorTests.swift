import BasinTestSupport
import Foundation
import Testing

/// The ASE calculator of `python/` (`BasinCalculator`, through `basin ipi`) against `basin
/// eval`: python/tests/test_calculator.py, run when Python has ASE (CI installs it).
@Suite struct PythonCalculatorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `python3 arguments…`; nil when Python cannot be started.
    static func python(_ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readAllRetryingInterrupts(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static let hasASE = python(["-c", "import ase, numpy"])?.status == 0

    @Test(.enabled(if: hasASE, "Python with ASE is not installed (pip install ase)"))
    func theCalculatorGivesBasinsNumbersAndConservesEnergy() throws {
        let script = Self.root.appendingPathComponent("python/tests/test_calculator.py").path
        let result = try #require(Self.python([script, CommandRunner.executable.path]))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("passed"), "\(result.output)")
    }
}
