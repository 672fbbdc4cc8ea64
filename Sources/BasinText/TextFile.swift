import Foundation

/// The one way Basin loads text files, so that every reader accepts and rejects the same things.
///
/// A loaded text has no UTF-8 byte-order mark and `\n` line ends (a `\r\n` pair becomes `\n`;
/// a lone `\r` is kept, and readers treat it as white space). A path that is missing, a
/// directory, empty (such as /dev/null), unreadable, or that holds bytes no text file holds
/// (`TextValidation`) is a `TextFileError` that says so in words.
public enum TextFile {
    /// The UTF-8 encoding of U+FEFF, which some Windows editors put at the start of a file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The normalized bytes of the file at `url`; errors name it `file` (by default its path).
    public static func bytes(of url: URL, file: String? = nil) throws(TextFileError) -> Data {
        let name = file ?? url.path
        let raw = try read(url, name: name)
        let data = normalized(raw)
        guard !data.isEmpty else { throw TextFileError(file: name, .empty) }
        if let (line, excerpt) = TextValidation.firstNonText(in: data) {
            throw TextFileError(file: name, .binary(line: line, excerpt: excerpt))
        }
        return data
    }

    /// The normalized text of the file at `url`; errors name it `file` (by default its path).
    public static func contents(of url: URL, file: String? = nil) throws(TextFileError) -> String {
        String(decoding: try bytes(of: url, file: file), as: UTF8.self)
    }

    /// `text` without a leading byte-order mark and with `\r\n` line ends turned into `\n`, for
    /// parsers handed text rather than a file.
    public static func normalized(_ text: String) -> String {
        guard text.utf8.first == byteOrderMark[0] || text.utf8.contains(0x0D) else { return text }
        return String(decoding: normalized(Data(text.utf8)), as: UTF8.self)
    }

    /// `data` without a leading byte-order mark and with every `\r\n` turned into `\n`.
    public static func normalized(_ data: Data) -> Data {
        var body = data.starts(with: byteOrderMark) ? data.dropFirst(byteOrderMark.count) : data[...]
        guard body.contains(0x0D) else { return Data(body) }
        var result = Data(capacity: body.count)
        while let cr = body.firstIndex(of: 0x0D) {
            let next = body.index(after: cr)
            result.append(contentsOf: body[..<cr])
            if next == body.endIndex || body[next] != 0x0A { result.append(0x0D) }
            body = body[next...]
        }
        result.append(contentsOf: body)
        return result
    }

    // MARK: - Reading

    /// The raw bytes at `url`, after checking what the path names.
    private static func read(_ url: URL, name: String) throws(TextFileError) -> Data {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw TextFileError(file: name, .notFound) }
            throw TextFileError(file: name, .unreadable(systemMessage(code)))
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw TextFileError(file: name, .directory) }
        guard access(url.path, R_OK) == 0 else { throw TextFileError(file: name, .unreadable(systemMessage(errno))) }
        do {
            return kind == S_IFREG ? try Data(contentsOf: url) : try readStream(url)
        } catch {
            throw TextFileError(file: name, .unreadable(TextExcerpt.quote(error.localizedDescription, limit: 200)))
        }
    }

    /// A device, pipe or socket read to its end, stopping at the first chunk with a NUL byte
    /// (so that /dev/zero or /dev/urandom end as binary data instead of filling memory).
    private static func readStream(_ url: URL) throws -> Data {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var data = Data()
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            data.append(chunk)
            if chunk.contains(0) { break }
        }
        return data
    }

    /// The C library's words for `code`, lower-cased (`permission denied`).
    private static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
