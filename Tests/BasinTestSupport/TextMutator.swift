import BasinMath

/// Seeded random mutations of a valid file's bytes, for fuzzing readers: byte flips, deletions,
/// duplicated, dropped or swapped lines, truncation, extreme numbers put in place of a token or
/// between tokens, CRLF line ends or a byte-order mark, random bytes and very long lines.
///
/// The same seed gives the same mutants, so a failure names a reproducible input.
public struct TextMutator {
    /// Numbers that break naive parsing: overflow to infinity, NaN, negative zero, integers just
    /// beyond 32 and 64 bits, subnormals and absurd counts.
    public static let extremeNumbers = [
        "1e308", "-1e308", "1e18", "-1e18", "nan", "NaN", "inf", "-inf", "Infinity", "-0", "0", "-1", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e-320", "5e-324", "1e400",
        "99999999999999999999999999999999", "1000000000", "0x1p3",
    ]

    private var generator: SeededGenerator

    public init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// `original` with one to three random mutations.
    public mutating func mutate(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...3, using: &generator) { bytes = mutateOnce(bytes) }
        return bytes
    }

    /// `text`'s bytes with one to three random mutations.
    public mutating func mutate(_ text: String) -> [UInt8] { mutate(Array(text.utf8)) }

    private mutating func mutateOnce(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return randomBytes(count: 8) }
        var bytes = bytes
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<12, using: &generator) {
        case 0: bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
        case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &generator)))
        case 2, 3:
            var lines = self.lines(of: bytes)
            let i = Int.random(in: 0..<lines.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: lines.insert(lines[i], at: i)
            case 1: lines.remove(at: i)
            default: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &generator))
            }
            bytes = Array(lines.joined(separator: [0x0A]))
        case 4: bytes.removeSubrange(at...)
        case 5, 6, 7: bytes = replacingToken(in: bytes, at: at)
        case 8:
            let number = Array((" " + Self.extremeNumbers.randomElement(using: &generator)! + " ").utf8)
            bytes.insert(contentsOf: number, at: at)
        case 9:
            if Bool.random(using: &generator) {
                bytes = [0xEF, 0xBB, 0xBF] + bytes
            } else {
                bytes = Array(lines(of: bytes).joined(separator: [0x0D, 0x0A]))
            }
        case 10: bytes.insert(contentsOf: randomBytes(count: Int.random(in: 1...16, using: &generator)), at: at)
        default:
            let filler = Array(["9", "x", " ", "1.0 "].randomElement(using: &generator)!.utf8)
            let repeats = Int.random(in: 1_000...20_000, using: &generator) / filler.count
            bytes.insert(contentsOf: Array((0..<repeats).map { _ in filler }.joined()), at: at)
        }
        return bytes
    }

    /// `bytes` with the whitespace-delimited token around `at` replaced by an extreme number.
    private mutating func replacingToken(in bytes: [UInt8], at: Int) -> [UInt8] {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var start = at, end = at
        while start > 0 && !isSpace(bytes[start - 1]) { start -= 1 }
        while end < bytes.count && !isSpace(bytes[end]) { end += 1 }
        var result = bytes
        result.replaceSubrange(start..<end, with: Array(Self.extremeNumbers.randomElement(using: &generator)!.utf8))
        return result
    }

    private func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    private mutating func randomBytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
