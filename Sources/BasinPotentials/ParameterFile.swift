import BasinText
import Foundation

/// A problem in a potential's parameter file, with the file, the 1-based line and the reason.
public struct ParameterFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let reason: String

    public init(file: String, line: Int?, _ reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { "\(file):\(line): \(reason)" } else { "\(file): \(reason)" }
    }
}

/// The entries of a LAMMPS many-body parameter file (`.sw`, `.vashishta`, …).
///
/// The grammar LAMMPS reads (`PotentialFileReader`): text after `#` is a comment; words are
/// separated by white space; an entry is a fixed number of words and may continue over several
/// lines, but an entry never shares a line with the next one.
public struct ParameterFile: Sendable {
    /// One entry: the words and the line each word came from.
    public struct Entry: Sendable {
        public let words: [String]
        public let lines: [Int]
        /// The line the entry starts on.
        public var line: Int { lines.first ?? 0 }
    }

    public let file: String
    public let entries: [Entry]

    /// Reads the file at `url`, cutting it into entries of `wordsPerEntry` words.
    public init(contentsOf url: URL, wordsPerEntry: Int) throws(ParameterFileError) {
        let text: String
        do {
            text = try TextFile.contents(of: url)
        } catch {
            throw ParameterFileError(file: error.file, line: error.line, error.reason)
        }
        try self.init(text: text, file: url.path, wordsPerEntry: wordsPerEntry)
    }

    /// Cuts `text` into entries of `wordsPerEntry` words; errors name `file`. A byte-order mark
    /// and `\r\n` line ends are accepted (`TextFile.normalized`).
    public init(text: String, file: String, wordsPerEntry: Int) throws(ParameterFileError) {
        self.file = file
        let text = TextFile.normalized(text)
        var entries: [Entry] = []
        var words: [String] = [], lines: [Int] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let lineWords = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !lineWords.isEmpty else { continue }
            words += lineWords.map(String.init)
            lines += Array(repeating: index + 1, count: lineWords.count)
            if words.count > wordsPerEntry {
                throw ParameterFileError(
                    file: file, line: index + 1,
                    "an entry needs \(wordsPerEntry) fields, but the entry starting on line \(lines[0]) has \(words.count) by the end of this line")
            }
            if words.count == wordsPerEntry {
                entries.append(Entry(words: words, lines: lines))
                words = []
                lines = []
            }
        }
        if !words.isEmpty {
            throw ParameterFileError(
                file: file, line: lines[0], "an entry needs \(wordsPerEntry) fields, but the file ends after \(words.count)")
        }
        self.entries = entries
    }

    /// Word `index` of `entry` as a finite number, or an error naming its line and `name`.
    public func number(_ entry: Entry, _ index: Int, _ name: String) throws(ParameterFileError) -> Double {
        let word = entry.words[index]
        guard let value = Double(word), value.isFinite else {
            throw ParameterFileError(file: file, line: entry.lines[index], "\(name) must be a finite number, found '\(TextExcerpt.quote(word))'")
        }
        return value
    }
}
