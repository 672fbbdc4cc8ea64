import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file writes that never leave a half-written file behind.
///
/// The data goes to a hidden temporary file in the destination's directory
/// (`.name.<pid>.<random>.tmp`, with the writing process's id), is flushed to disk, and is then
/// renamed over the destination, which POSIX makes atomic: a reader sees either the old file or
/// the complete new one. On any failure the temporary file is removed and the destination is
/// untouched. A process killed outright (kill -9) cannot remove its temporary file; the next
/// write to the same destination removes such leftovers, those whose process no longer exists.
/// A replaced file keeps its permission bits; a new file gets the usual `0666` masked by the
/// process umask. A symbolic link at the destination is replaced by a regular file.
public enum AtomicFile {
    /// Writes `data` to the file URL `url`, replacing any existing file atomically.
    public static func write(_ data: Data, to url: URL) throws(FileFormatError) {
        try write(to: url) { (append: (UnsafeRawBufferPointer) throws(FileFormatError) -> Void) throws(FileFormatError) in
            try withBytes(of: data, append)
        }
    }

    /// Writes the bytes that `fill` hands to its `append` function, in order, to the file URL
    /// `url`, replacing any existing file atomically; the whole content is never held at once, so
    /// a large file costs only the caller's buffer.
    public static func write(
        to url: URL, streaming fill: (_ append: (UnsafeRawBufferPointer) throws(FileFormatError) -> Void) throws(FileFormatError) -> Void
    ) throws(FileFormatError) {
        let path = url.path
        guard url.isFileURL, !url.lastPathComponent.isEmpty else {
            throw FileFormatError(file: path, line: nil, .cannotWrite("not a file URL: \(url)"))
        }
        let directory = url.deletingLastPathComponent().path
        let (descriptor, temporary) = try createTemporaryFile(in: directory, for: url.lastPathComponent, destination: path)
        do throws(FileFormatError) {
            if let mode = existingPermissions(of: path) { _ = fchmod(descriptor, mode) }
            try fill { (bytes: UnsafeRawBufferPointer) throws(FileFormatError) in try writeAll(bytes, to: descriptor, file: path) }
            guard fsync(descriptor) == 0 else { throw failure(path, "cannot flush to disk") }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            let error = failure(path, "cannot close the temporary file")
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "cannot replace the file")
            unlink(temporary)
            throw error
        }
    }

    /// Writes `text` as UTF-8 to the file URL `url`, replacing any existing file atomically.
    public static func write(_ text: String, to url: URL) throws(FileFormatError) {
        try write(Data(text.utf8), to: url)
    }

    /// Opens a new temporary file for `name` in `directory`, after removing the leftovers of
    /// dead processes (`StaleTemporaryFiles`), and returns its descriptor and path.
    static func createTemporaryFile(
        in directory: String, for name: String, destination: String
    ) throws(FileFormatError) -> (Int32, String) {
        let folder = directory.isEmpty ? "." : directory
        StaleTemporaryFiles.remove(in: folder, for: name)
        for _ in 0..<16 {
            let temporary = folder + "/" + StaleTemporaryFiles.name(for: name)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporary) }
            if errno != EEXIST { throw failure(destination, "cannot create a temporary file in \(directory)") }
        }
        throw failure(destination, "cannot create a unique temporary file in \(directory)")
    }

    private static func existingPermissions(of path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return status.st_mode & 0o7777
    }

    static func writeAll(_ data: Data, to descriptor: Int32, file: String) throws(FileFormatError) {
        try withBytes(of: data) { (bytes: UnsafeRawBufferPointer) throws(FileFormatError) in try writeAll(bytes, to: descriptor, file: file) }
    }

    /// Runs `body` on the bytes of `data`, keeping its error type.
    static func withBytes(of data: Data, _ body: (UnsafeRawBufferPointer) throws(FileFormatError) -> Void) throws(FileFormatError) {
        let outcome: Result<Void, FileFormatError> = data.withUnsafeBytes { bytes in
            do throws(FileFormatError) {
                try body(bytes)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }

    static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32, file: String) throws(FileFormatError) {
        guard var pointer = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let written = systemWrite(descriptor, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(file, "write failed")
            }
            pointer += written
            remaining -= written
        }
    }

    /// An error carrying the current `errno` text.
    static func failure(_ file: String, _ what: String) -> FileFormatError {
        let reason = String(cString: strerror(errno))
        return FileFormatError(file: file, line: nil, .cannotWrite("\(what) (\(reason))"))
    }
}

/// POSIX `write(2)`, named apart from `AtomicFile.write`.
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, pointer, count)
    #elseif canImport(Musl)
    Musl.write(descriptor, pointer, count)
    #else
    Darwin.write(descriptor, pointer, count)
    #endif
}
