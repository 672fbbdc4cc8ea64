import Foundation

/// Finds bytes that a text file does not hold: invalid UTF-8, NUL and the other control bytes
/// except tab, line feed, vertical tab, form feed and carriage return, and DEL.
enum TextValidation {
    /// The 1-based line of the first such byte and an escaped excerpt around it, or nil.
    static func firstNonText(in data: Data) -> (line: Int, excerpt: String)? {
        let offset: Int? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    if isControl(byte) { return i }
                    i += 1
                } else {
                    let length = sequenceLength(bytes, at: i)
                    if length == 0 { return i }
                    i += length
                }
            }
            return nil
        }
        guard let offset else { return nil }
        let start = data.startIndex + offset
        let line = data[..<start].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = data[..<start].lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
        let from = max(lineStart, start - 10)
        return (line, TextExcerpt.quote(bytes: data[from...].prefix { $0 != 0x0A }))
    }

    private static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && !(0x09...0x0D).contains(byte)) || byte == 0x7F
    }

    /// The length of the well-formed UTF-8 sequence of two to four bytes at `i`, or 0.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let lead = bytes[i]
        let (length, secondRange): (Int, ClosedRange<UInt8>) = switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0x80...0xBF)
        }
        guard length > 0, i + length <= bytes.count, secondRange.contains(bytes[i + 1]) else { return 0 }
        for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return 0 }
        return length
    }
}
