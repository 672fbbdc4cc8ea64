import Foundation

/// Starting `basin` in the background and watching what it leaves in a folder, for tests that
/// stop it with a signal at a chosen moment.
enum Subprocess {
    /// Starts `basin` with its output discarded.
    static func launch(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits up to 20 s for `condition`, polling every 10 ms.
    static func wait(for condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(20)
        while !condition(), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    }

    /// Files whose names start with a dot, below `folder`.
    static func hiddenFiles(in folder: URL) -> [String] {
        InterruptTests.files(in: folder).filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }
    }
}
