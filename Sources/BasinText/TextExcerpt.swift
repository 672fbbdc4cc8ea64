/// Short, printable quotations of file content for error messages.
///
/// Control characters, non-ASCII characters and backslashes are written as escapes (`\x07`,
/// `\u{E9}`, `\\`), and the escaped text is cut after `limit` characters with `…`, so a message
/// quoting a token of a binary or corrupted file stays one clean line.
public enum TextExcerpt {
    /// The default number of characters kept.
    public static let defaultLimit = 40

    /// `text` escaped, cut after at most `limit` characters of escaped text.
    public static func quote(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        cut(text.unicodeScalars.lazy.map(escaped), limit: limit)
    }

    /// The bytes of `bytes` escaped (`\xNN` for control and non-ASCII bytes), cut after at most
    /// `limit` characters of escaped text.
    public static func quote(bytes: some Collection<UInt8>, limit: Int = defaultLimit) -> String {
        cut(bytes.lazy.map { isPrintableASCII($0) && $0 != 0x5C ? String(UnicodeScalar($0)) : hex($0) }, limit: limit)
    }

    /// The pieces joined while they fit in `limit` characters, then `…` if any are left.
    private static func cut(_ pieces: some Sequence<String>, limit: Int) -> String {
        var result = ""
        for piece in pieces {
            guard result.count + piece.count <= limit else { return result + "…" }
            result += piece
        }
        return result
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        if scalar == "\\" { return "\\\\" }
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            return isPrintableASCII(byte) ? String(scalar) : hex(byte)
        }
        return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "\\x" + (digits.count == 1 ? "0" + digits : digits)
    }
}
