import BasinTestSupport
import Foundation

/// Runs the built `basin` executable, as a user would from a shell.
struct CommandRunner {
    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    /// The `basin` binary beside the test bundle in the build folder.
    static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("basin")
    }()

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Standard error is drained on another thread, so a long log cannot fill its pipe and
        // block the process while standard output is read here.
        nonisolated(unsafe) var errorData = Data()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errorData = error.fileHandleForReading.readAllRetryingInterrupts()
            drained.signal()
        }
        let outputData = output.fileHandleForReading.readAllRetryingInterrupts()
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                      error: String(decoding: errorData, as: UTF8.self))
    }

    /// A fresh empty directory.
    static func temporaryDirectory() throws -> URL {
        try ScratchDirectory.make("cli")
    }

    /// Parses standard output as one JSON document.
    static func json(_ result: Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }
}
