/// Short, printable quotations of file content for error messages.
///
/// Control characters, non-ASCII characters and backslashes are written as escapes (`\x07`,
/// `\u{E9}`, `\\`), and text longer than `limit` characters is cut with `…`, so a message
/// quoting a token of a binary or corrupted file stays one clean line.
public enum TextExcerpt {
    /// The default number of characters kept.
    public static let defaultLimit = 40

    /// `text` escaped and cut to at most `limit` characters of the original.
    public static func quote(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        var result = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            guard index < limit else {
                result += "…"
                break
            }
            result += escaped(scalar)
        }
        return result
    }

    /// The bytes of `bytes` escaped (`\xNN` for control and non-ASCII bytes) and cut to at most
    /// `limit` bytes.
    public static func quote(bytes: some Collection<UInt8>, limit: Int = defaultLimit) -> String {
        var result = ""
        for byte in bytes.prefix(limit) {
            result += isPrintableASCII(byte) && byte != 0x5C ? String(UnicodeScalar(byte)) : hex(byte)
        }
        if bytes.count > limit { result += "…" }
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
