/// Why a file cannot be read as text: missing, a directory, empty, unreadable or binary.
///
/// `reason` is one line of words that follows the file name, e.g. `data/: is a directory, not a
/// file`; any bytes of the file it quotes are escaped (`TextExcerpt`).
public struct TextFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with the file.
    public enum Problem: Equatable, Sendable {
        /// Nothing exists at the path.
        case notFound
        /// The path names a directory.
        case directory
        /// The file holds no bytes (or only a byte-order mark), as /dev/null does.
        case empty
        /// The operating system refused or failed to read it; the words say why.
        case unreadable(String)
        /// Bytes that no text file holds (NUL and other control bytes, invalid UTF-8) on the
        /// 1-based `line`, with an escaped excerpt around the first of them.
        case binary(line: Int, excerpt: String)
    }

    /// The file as the caller named it.
    public let file: String
    public let problem: Problem

    public init(file: String, _ problem: Problem) {
        self.file = file
        self.problem = problem
    }

    /// The 1-based line at fault, for binary content.
    public var line: Int? {
        if case .binary(let line, _) = problem { line } else { nil }
    }

    /// The problem in words, without the file name.
    public var reason: String {
        switch problem {
        case .notFound: "no such file"
        case .directory: "is a directory, not a file"
        case .empty: "is empty"
        case .unreadable(let why): "cannot be read: \(why)"
        case .binary(_, let excerpt): "is not a text file: it holds binary data ('\(excerpt)')"
        }
    }

    /// `file: reason`, or `file:line: reason` for binary content.
    public var description: String {
        if let line { "\(file):\(line): \(reason)" } else { "\(file): \(reason)" }
    }
}
