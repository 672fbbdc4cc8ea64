import Foundation

/// A line of text built in a fixed byte buffer, so that a progress update allocates nothing:
/// `basin md` may update its progress line every step. Text past the capacity is dropped.
final class ProgressText {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(capacity: Int = 512) {
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }

    var string: String { String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<count]), as: UTF8.self) }

    func reset() { count = 0 }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { for byte in $0 { append(byte: byte) } }
    }

    private func append(byte: UInt8) {
        guard count < bytes.count else { return }
        bytes[count] = byte
        count += 1
    }

    /// `n` in decimal, left-padded with zeros to `width` digits (`%0*ld`).
    func append(_ n: Int, width: Int = 1) {
        if n < 0 { append(byte: UInt8(ascii: "-")) }
        let magnitude = n.magnitude
        var digits = 1, power: UInt = 1
        while magnitude / power >= 10 {
            power *= 10
            digits += 1
        }
        for _ in digits..<max(digits, width) { append(byte: UInt8(ascii: "0")) }
        while power > 0 {
            append(byte: UInt8(ascii: "0") + UInt8((magnitude / power) % 10))
            power /= 10
        }
    }

    /// `x` ≥ 0 with `decimals` digits after the point, rounded as printf's `%.*f` rounds ties.
    func append(_ x: Double, decimals: Int) {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((x * Double(scale)).rounded(.toNearestOrEven))
        append(scaled / scale)
        guard decimals > 0 else { return }
        append(byte: UInt8(ascii: "."))
        append(scaled % scale, width: decimals)
    }

    /// A duration as `ProgressReporter.format` writes it.
    func appendDuration(_ seconds: Double) {
        guard seconds.isFinite else { return append("?") }
        // An early ETA can be astronomically long; it must not trap converting to Int.
        guard seconds < 3.6e11 else { return append("more than 10⁸ h") }
        if seconds < 60 {
            append(seconds, decimals: 1)
            return append(" s")
        }
        let s = Int(seconds.rounded())
        if s < 3600 {
            append(s / 60)
            append(" min ")
            append(s % 60, width: 2)
            return append(" s")
        }
        append(s / 3600)
        append(" h ")
        append((s % 3600) / 60, width: 2)
        append(" min")
    }

    /// Writes the text to standard error in one call.
    func writeToStandardError() {
        var written = 0
        while written < count {
            let n = Foundation.write(STDERR_FILENO, bytes.baseAddress! + written, count - written)
            if n <= 0 { break }
            written += n
        }
    }
}
