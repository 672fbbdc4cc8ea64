import BasinText

/// An error reading or writing a structure file, naming the file and, where it applies, the
/// 1-based line, e.g. `input.xyz:7: expected 4 columns (species x y z), found 3`.
public struct FileFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Equatable, Sendable {
        /// The file does not exist.
        case fileNotFound
        /// The path cannot be read as text: a directory, an empty file, no permission, binary
        /// data; the words say which (`TextFileError.reason`).
        case unreadable(String)
        /// A line has too few columns.
        case columnCount(expected: Int, columns: String, found: Int)
        /// A number was expected and the text was not a finite number.
        case invalidNumber(what: String, found: String)
        /// A chemical symbol that names no element (and is not a dummy label).
        case unknownElement(String)
        /// The file ended before the structure it describes was complete.
        case unexpectedEndOfFile(expected: String)
        /// Something else was expected at this point of the file.
        case unexpected(expected: String, found: String)
        /// The file is well-formed but describes something unsupported or inconsistent.
        case invalid(String)
        /// The data could not be written (I/O error, or data the format cannot represent).
        case cannotWrite(String)
    }

    /// The file as named by the caller (a path or a display name).
    public var file: String
    /// 1-based line number, or nil for problems with the whole file.
    public var line: Int?
    public var problem: Problem

    public init(file: String, line: Int?, _ problem: Problem) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// The same problem as `error`, a file that cannot be read as text.
    init(_ error: TextFileError) {
        self.init(file: error.file, line: error.line, error.problem == .notFound ? .fileNotFound : .unreadable(error.reason))
    }

    /// The problem without the location; quoted file content is escaped and cut short.
    public var message: String {
        switch problem {
        case .fileNotFound: "no such file"
        case .unreadable(let reason): reason
        case .columnCount(let expected, let columns, let found):
            "expected \(expected) columns (\(columns)), found \(found)"
        case .invalidNumber(let what, let found): "expected a finite number for \(what), found '\(TextExcerpt.quote(found))'"
        case .unknownElement(let symbol): "unknown element '\(TextExcerpt.quote(symbol))'"
        case .unexpectedEndOfFile(let expected): "unexpected end of file: expected \(expected)"
        case .unexpected(let expected, let found): "expected \(expected), found \(found)"
        case .invalid(let reason): reason
        case .cannotWrite(let reason): "cannot write: \(reason)"
        }
    }

    /// One line: `file:line: message`, or `file: message` without a line.
    public var description: String {
        if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
    }
}
