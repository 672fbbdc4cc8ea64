import Foundation

/// Fresh directories for tests, all inside one folder per test process that is removed when the
/// process exits, so a test run leaves nothing in the system's temporary folder, even when a
/// test stops before its own clean-up.
public enum ScratchDirectory {
    /// The process's folder: created on first use, removed by an exit handler.
    private static let root: URL = {
        let name = "basin-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        atexit { try? FileManager.default.removeItem(at: ScratchDirectory.root) }
        return url
    }()

    /// A new empty directory whose name starts with `prefix`.
    public static func make(_ prefix: String) throws -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
