import Foundation
import BasinText
import Yams

/// Checks on YAML text that Yams does not make: nesting too deep for its recursive composer (a
/// value 5,000 brackets deep overflows the stack and ends the program) and duplicate keys (Yams
/// silently keeps the last value).
public enum StrictYAML {
    /// Reads the YAML file at `url` into a `T` whose decoder checks its keys (`StrictKeys`);
    /// every problem is a one-line `TrainingError` naming the file and the key (and the line
    /// for nesting deeper than 64 levels and duplicate keys, which are refused).
    public static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws(TrainingError) -> T {
        let text: String
        do {
            text = try TextFile.contents(of: url)
        } catch {
            throw TrainingError(reason: "\(error)")
        }
        do {
            try StrictYAML.check(text)
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let problem as StrictYAML.Problem {
            throw TrainingError(reason: "\(url.path):\(problem.line): \(problem.message)")
        } catch let error as StrictKeys.UnknownKey {
            throw TrainingError(reason: "\(url.path): \(error)")
        } catch let error as TrainingError {
            throw TrainingError(reason: "\(url.path): \(error.reason)")
        } catch let error as DecodingError {
            // Yams wraps errors thrown while decoding (the unknown-key check) as "not valid YAML".
            if case .dataCorrupted(let context) = error, let unknown = context.underlyingError as? StrictKeys.UnknownKey {
                throw TrainingError(reason: "\(url.path): \(unknown)")
            }
            if case .dataCorrupted(let context) = error, let inner = context.underlyingError as? TrainingError {
                throw TrainingError(reason: "\(url.path): \(inner.reason)")
            }
            if case .dataCorrupted(let context) = error, let inner = context.underlyingError as? DecodingError {
                throw TrainingError(reason: "\(url.path): \(TrainingConfiguration.describe(inner))")
            }
            if case .dataCorrupted(let context) = error, let inner = context.underlyingError {
                let lines = "\(inner)".split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                throw TrainingError(reason: "\(url.path): invalid YAML: \(lines.joined(separator: " "))")
            }
            throw TrainingError(reason: "\(url.path): \(TrainingConfiguration.describe(error))")
        } catch {
            let line = "\(error)".split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            throw TrainingError(reason: "\(url.path): invalid YAML: \(line.joined(separator: " "))")
        }
    }

    /// A problem at a 1-based line of the text.
    struct Problem: Error, Equatable, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    /// The deepest nesting accepted: open flow brackets plus block levels at any point.
    static let maximumDepth = 64
    /// Limits that no quoting or comment can hide from the scan (each bounds the depth Yams can
    /// reach, far below the few thousand levels that overflow its stack): `[` and `{` anywhere
    /// in the text, and the run of spaces and block indicators (`-`, `?`, `:`) opening a line.
    static let maximumBrackets = 1000
    static let maximumLinePrefix = 1000

    /// Most values the duplicate-key walk visits: aliases share nodes, so a short text (`b: [*a,
    /// *a]`, `c: [*b, *b]`, …) can stand for a tree of billions.
    static let maximumValues = 1_000_000

    /// Checks `text` before it reaches Yams: nesting, then (on the composed tree) duplicate keys.
    static func check(_ text: String) throws {
        try checkNesting(text)
        guard let root = try Yams.compose(yaml: text) else { return }
        var budget = maximumValues
        try checkDuplicateKeys(root, path: "", depth: 0, budget: &budget)
    }

    /// Estimates the nesting depth line by line: block levels from the stack of indentations
    /// and the compact indicators (`- - x`) opening a line, plus the flow brackets open there
    /// (outside quoted scalars and comments). The estimate may exceed Yams' depth, never fall
    /// short of it, except through quotes it misreads; the two backstops cover those.
    static func checkNesting(_ text: String) throws {
        var flow = 0, brackets = 0
        var quote: UInt8?
        var indents: [Int] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let bytes = Array(line.utf8)
            let prefix = bytes.prefix { $0 == .space || $0 == .dash || $0 == .question || $0 == .colon }.count
            guard prefix <= maximumLinePrefix else {
                throw Problem(line: number, message: "the line opens with \(prefix) spaces or block indicators (limit \(maximumLinePrefix))")
            }
            brackets += bytes.lazy.filter { $0 == .openBracket || $0 == .openBrace }.count
            guard brackets <= maximumBrackets else {
                throw Problem(line: number, message: "more than \(maximumBrackets) '[' and '{' characters")
            }
            var i = 0
            var depth = indents.count
            let indent = bytes.prefix { $0 == .space }.count
            if quote == nil, flow == 0, indent < bytes.count, bytes[indent] != .hash, bytes[indent] != .carriageReturn {
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
                depth = indents.count
                i = indent
                // Compact nested sequences and complex keys: "- - x", "? - x".
                while i + 1 < bytes.count, bytes[i] == .dash || bytes[i] == .question, bytes[i + 1] == .space {
                    depth += 1
                    i += 2
                    while i < bytes.count, bytes[i] == .space { i += 1 }
                }
            }
            var previous = UInt8.space
            while i < bytes.count {
                let b = bytes[i]
                if let open = quote {
                    if open == .doubleQuote, b == .backslash {
                        i += 2
                        previous = .backslash
                        continue
                    }
                    if b == open { quote = nil }
                } else if b == .hash, previous == .space || previous == .tab {
                    break
                } else if b == .doubleQuote || b == .singleQuote, Self.startsToken(after: previous) {
                    quote = b
                } else if b == .openBracket || b == .openBrace {
                    flow += 1
                    guard depth + flow <= maximumDepth else {
                        throw Problem(line: number, message: "the YAML nests more than \(maximumDepth) levels deep")
                    }
                } else if b == .closeBracket || b == .closeBrace {
                    flow = max(0, flow - 1)
                }
                previous = b
                i += 1
            }
            guard depth + flow <= maximumDepth else {
                throw Problem(line: number, message: "the YAML nests more than \(maximumDepth) levels deep")
            }
        }
    }

    /// True when a quote after `byte` opens a quoted scalar (YAML allows quotes inside plain
    /// scalars, where they are ordinary characters).
    private static func startsToken(after byte: UInt8) -> Bool {
        [.space, .tab, .openBracket, .openBrace, .comma, .colon, .dash, .question].contains(byte)
    }

    /// Rejects a mapping that repeats a key, naming its path (`optimizer.batch_size`) and both
    /// lines; also nesting and sizes that aliases build beyond the limits of the text scan.
    static func checkDuplicateKeys(_ node: Node, path: String, depth: Int, budget: inout Int) throws {
        budget -= 1
        guard depth <= maximumDepth, budget >= 0 else {
            let reason = budget < 0 ? "more than \(maximumValues) values" : "more than \(maximumDepth) levels deep"
            throw Problem(line: node.mark?.line ?? 0, message: "aliases expand the YAML to \(reason)")
        }
        switch node {
        case .mapping(let mapping):
            var firstLines: [String: Int] = [:]
            for (key, value) in mapping {
                let name = key.string ?? "\(key)"
                let full = path.isEmpty ? name : "\(path).\(name)"
                let line = key.mark?.line ?? 0
                if let first = firstLines[name] {
                    throw Problem(line: line, message: "duplicate key '\(full)' (first given at line \(first))")
                }
                firstLines[name] = line
                try checkDuplicateKeys(value, path: full, depth: depth + 1, budget: &budget)
            }
        case .sequence(let sequence):
            for (index, value) in sequence.enumerated() {
                try checkDuplicateKeys(value, path: "\(path)[\(index)]", depth: depth + 1, budget: &budget)
            }
        default:
            break
        }
    }
}

private extension UInt8 {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), carriageReturn = UInt8(ascii: "\r")
    static let dash = UInt8(ascii: "-"), question = UInt8(ascii: "?"), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
    static let hash = UInt8(ascii: "#"), backslash = UInt8(ascii: "\\")
    static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
}
