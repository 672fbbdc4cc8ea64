/// The comment line of an extended XYZ frame: `key=value` pairs, read and written as ASE
/// (`ase.io.extxyz.key_val_str_to_dict`, `key_val_dict_to_str`) does.
///
/// Grammar: pairs are separated by whitespace, with optional whitespace around `=`; a value
/// (or key) may be delimited by `"…"`, `'…'`, `{…}` or `[…]`; a backslash makes the next
/// character literal; a key without `=` has the value `T`; further `=` signs belong to the value.
/// Values that list several items separate them by whitespace or commas.
enum ExtendedXYZComment {
    /// The pairs of `line` in order of appearance.
    ///
    /// Unlike ASE, a quoted empty value (`key=""`) ends its pair; ASE would glue the next pair
    /// onto it.
    /// - Throws: the delimiter (`"`, `'`, `}` or `]`) still awaited when the line ends.
    static func parse(_ line: String) throws(UnterminatedValue) -> [(key: String, value: String)] {
        let closing: [Character: Character] = ["\"": "\"", "'": "'", "{": "}", "[": "]"]
        var entries: [[String]] = []  // finished pairs: a key, then the parts of its value
        var parts: [String] = []  // finished parts of the current pair
        var part = ""  // the part being read
        var started = false  // `part` has a character or a quoted string
        var delimiter: Character?
        var escaped = false
        for character in line.trimmingWhitespace() {
            if escaped {
                part.append(character)
                started = true
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if let open = delimiter {
                if character == open { delimiter = nil } else { part.append(character) }
            } else if let close = closing[character] {
                delimiter = close
                started = true
            } else if character.isWhitespace {
                // Whitespace before a key, or between `=` and its value, separates nothing.
                guard started else { continue }
                entries.append(parts + [part])
                (parts, part, started) = ([], "", false)
            } else if character == "=" {
                if parts.isEmpty && !started, let previous = entries.last {
                    // "key = value": the `=` continues the previous pair.
                    entries.removeLast()
                    parts = previous
                } else {
                    parts.append(part)
                }
                (part, started) = ("", false)
            } else {
                part.append(character)
                started = true
            }
        }
        if let delimiter { throw UnterminatedValue(closing: delimiter, key: parts.first) }
        if started || !parts.isEmpty { entries.append(parts + [part]) }
        return entries.compactMap { entry in
            if entry.count == 1 { return entry[0].isEmpty ? nil : (entry[0], "T") }
            return (entry[0], entry.dropFirst().joined(separator: "="))
        }
    }

    /// A quoted or bracketed key or value that the line ends inside of.
    struct UnterminatedValue: Error {
        /// The character that would have closed it.
        let closing: Character
        /// The key whose value it is, or nil when the key itself is unterminated.
        let key: String?
    }

    /// `text` as a key or value that `parse` (and ASE) reads back unchanged: quoted, with `"` and
    /// `\` escaped, when it holds whitespace, quotes, brackets, `=` or `\`, or is empty.
    static func quoted(_ text: String) -> String {
        let special: Set<Character> = ["\"", "'", "{", "}", "[", "]", "=", "\\"]
        guard text.isEmpty || text.contains(where: { $0.isWhitespace || special.contains($0) }) else { return text }
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        result.append("\"")
        return result
    }

    /// The items of a list value, separated by whitespace or commas.
    static func items(_ value: String) -> [Substring] {
        value.split { $0.isWhitespace || $0 == "," }
    }

    /// The logical value ASE accepts: T, F, true, false, True, False, TRUE, FALSE.
    static func bool(_ item: Substring) -> Bool? {
        switch item {
        case "T", "true", "True", "TRUE": true
        case "F", "false", "False", "FALSE": false
        default: nil
        }
    }
}
