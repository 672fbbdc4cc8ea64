import Foundation

/// The names of `AtomicFile`'s and `TrajectoryWriter`'s temporary files, and the removal of
/// those a killed process left behind.
///
/// A temporary file for `name` is `.name.<pid>.<random>.tmp`: the writing process's id in
/// decimal and a random base-36 number. A process that ends normally, fails or is stopped by a
/// signal it catches removes its own; only one killed outright (kill -9, a crash, power loss)
/// leaves one. Such a file belongs to a process that no longer exists, which is what makes it
/// safe to remove: files of living processes (this one included) are never touched. Files of
/// other names, including other programs' hidden files, are left alone.
enum StaleTemporaryFiles {
    /// A fresh temporary file name for the destination file name `name`.
    static func name(for name: String) -> String {
        ".\(name).\(getpid()).\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp"
    }

    /// The process id in a temporary file name for `name`, or nil when `file` is not one.
    static func owner(of file: String, for name: String) -> Int32? {
        let prefix = ".\(name).", suffix = ".tmp"
        guard file.hasPrefix(prefix), file.hasSuffix(suffix), file.count > prefix.count + suffix.count else { return nil }
        let middle = file.dropFirst(prefix.count).dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard middle.count == 2, let pid = Int32(middle[0]), pid > 0,
              !middle[1].isEmpty, middle[1].allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLowercase) })
        else { return nil }
        return pid
    }

    /// Removes the temporary files for `name` in `directory` whose process no longer exists.
    /// Best effort: a directory that cannot be listed or a file that cannot be removed is skipped.
    static func remove(in directory: String, for name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries {
            guard let pid = owner(of: entry, for: name), !ProcessExistence.isAlive(Int64(pid)) else { continue }
            unlink(directory + "/" + entry)
        }
    }
}
