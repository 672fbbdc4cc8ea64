import BasinTestSupport
import Foundation
import Testing

/// The package's layering: every target declares what it imports, and docs/architecture.md's
/// module table matches Package.swift (scripts/check-module-dependencies.py).
@Suite struct ModuleDependencyTests {
    @Test func importsAreDeclaredAndTheArchitectureTableIsTrue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/check-module-dependencies.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readAllRetryingInterrupts(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("0 problem(s)"), "\(text)")
    }
}
