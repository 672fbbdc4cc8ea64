import BasinText
import Foundation

/// The bytes of a text file with a line cursor, for parsing without a `String` per line.
///
/// Lines end at `\n` (`TextFile` has already turned `\r\n` into `\n`; a stray `\r` is white
/// space). Lines and tokens are byte ranges into the buffer, which ends with a NUL byte so that
/// `strtod` never reads past it. `lineNumber` is the 1-based number of the line last returned,
/// the one that errors refer to.
final class TextScanner {
    /// The file name used in error messages.
    let file: String
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Number of text bytes (without the terminating NUL).
    private let count: Int
    private var position = 0
    private(set) var lineNumber = 0

    init(bytes source: some Collection<UInt8>, file: String) {
        self.file = file
        count = source.count
        bytes = .allocate(capacity: count + 1)
        _ = UnsafeMutableBufferPointer(start: bytes, count: count).initialize(from: source)
        bytes[count] = 0
    }

    deinit { bytes.deallocate() }

    /// Reads the file at `url` through `TextFile` (no byte-order mark, `\n` line ends, and a
    /// worded error for a directory, an empty, unreadable or binary file); errors name it as
    /// `file` (by default its path).
    static func load(_ url: URL, file: String? = nil) throws(FileFormatError) -> TextScanner {
        do {
            return TextScanner(bytes: try TextFile.bytes(of: url, file: file), file: file ?? url.path)
        } catch {
            throw FileFormatError(error)
        }
    }

    /// A scanner over `text` handed over by a caller, normalized as `TextFile` does.
    convenience init(text: String, file: String) {
        self.init(bytes: TextFile.normalized(text).utf8, file: file)
    }

    // MARK: - Lines

    var isAtEnd: Bool { position >= count }

    /// The next line without its terminator, or nil at the end of the file.
    func nextLine() -> Range<Int>? {
        guard position < count else { return nil }
        let start = position
        var end = start
        while end < count && bytes[end] != 0x0A { end += 1 }
        position = end < count ? end + 1 : end
        lineNumber += 1
        return start..<end
    }

    /// The next line without consuming it.
    func peekLine() -> Range<Int>? {
        let (savedPosition, savedLine) = (position, lineNumber)
        defer { (position, lineNumber) = (savedPosition, savedLine) }
        return nextLine()
    }

    /// `count` limited to the number of lines the rest of the file can hold, for reserving
    /// capacity from a count the file itself declares.
    func capacity(forLines count: Int) -> Int {
        max(0, min(count, (self.count - position) / 2 + 1))
    }

    /// True when nothing but whitespace remains.
    var restIsBlank: Bool {
        var i = position
        while i < count {
            if !Self.isSpace(bytes[i]) && bytes[i] != 0x0A { return false }
            i += 1
        }
        return true
    }

    /// An error located at the current line.
    func error(_ problem: FileFormatError.Problem) -> FileFormatError {
        FileFormatError(file: file, line: lineNumber, problem)
    }

    /// An error located at the line after the last one, where the file ended too early.
    func endOfFileError(expected: String) -> FileFormatError {
        FileFormatError(file: file, line: lineNumber + 1, .unexpectedEndOfFile(expected: expected))
    }

    // MARK: - Tokens

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// The whitespace-separated tokens of `range`, stored in `tokens` (cleared first).
    func split(_ range: Range<Int>, into tokens: inout [Range<Int>]) {
        tokens.removeAll(keepingCapacity: true)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end && Self.isSpace(bytes[i]) { i += 1 }
            guard i < end else { break }
            let start = i
            while i < end && !Self.isSpace(bytes[i]) { i += 1 }
            tokens.append(start..<i)
        }
    }

    /// `range` without leading and trailing whitespace.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && Self.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower && Self.isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// `range` cut at the first `#`, which starts a comment in LAMMPS files.
    func uncommented(_ range: Range<Int>) -> Range<Int> {
        var i = range.lowerBound
        while i < range.upperBound && bytes[i] != 0x23 { i += 1 }
        return range.lowerBound..<i
    }

    /// The text after the first `#` of `range`, if any.
    func comment(_ range: Range<Int>) -> Range<Int>? {
        let code = uncommented(range)
        return code.upperBound < range.upperBound ? (code.upperBound + 1)..<range.upperBound : nil
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count), as: UTF8.self)
    }

    /// The text of `range` for an error message: in single quotes, escaped and cut short
    /// (`TextExcerpt`).
    func quoted(_ range: Range<Int>) -> String {
        "'\(TextExcerpt.quote(string(range)))'"
    }

    /// True when the bytes of `range` begin with `prefix`.
    func hasPrefix(_ range: Range<Int>, _ prefix: StaticString) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        let pointer = prefix.utf8Start
        for k in 0..<prefix.utf8CodeUnitCount where bytes[range.lowerBound + k] != pointer[k] { return false }
        return true
    }

    // MARK: - Numbers

    /// The decimal number spelled by `range` (which must hold one whole token), or nil.
    /// NaN and infinities parse here; callers that need finite values check.
    func double(_ range: Range<Int>) -> Double? {
        guard !range.isEmpty else { return nil }
        var first = range.lowerBound
        if bytes[first] == 0x2B || bytes[first] == 0x2D { first += 1 }
        // strtod accepts hexadecimal floats; decimal files never hold them.
        if first + 1 < range.upperBound, bytes[first] == 0x30, bytes[first + 1] | 0x20 == 0x78 { return nil }
        let start = UnsafeMutableRawPointer(bytes + range.lowerBound).assumingMemoryBound(to: CChar.self)
        var end: UnsafeMutablePointer<CChar>?
        let value = strtod(start, &end)
        guard let end, end - start == range.count else { return nil }
        return value
    }

    /// The finite number in `range`, or an error at the current line naming `what`.
    func finite(_ range: Range<Int>, _ what: @autoclosure () -> String) throws(FileFormatError) -> Double {
        guard let value = double(range), value.isFinite else {
            throw error(.invalidNumber(what: what(), found: string(range)))
        }
        return value
    }

    /// The decimal integer spelled by `range`, or nil (also on overflow).
    func integer(_ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        var negative = false
        if i < range.upperBound && (bytes[i] == 0x2B || bytes[i] == 0x2D) {
            negative = bytes[i] == 0x2D
            i += 1
        }
        guard i < range.upperBound else { return nil }
        var value = 0
        while i < range.upperBound {
            let digit = Int(bytes[i]) - 0x30
            guard (0...9).contains(digit) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(negative ? -digit : digit)
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            i += 1
        }
        return value
    }

    /// The integer in `range`, or an error at the current line naming `what`.
    func integer(_ range: Range<Int>, _ what: @autoclosure () -> String) throws(FileFormatError) -> Int {
        guard let value = integer(range) else {
            throw error(.unexpected(expected: "an integer for \(what())", found: quoted(range)))
        }
        return value
    }
}
