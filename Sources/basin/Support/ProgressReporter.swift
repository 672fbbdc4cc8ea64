import Foundation

/// Progress with an estimated time to completion, on standard error.
///
/// Silent for the first `quietSeconds` (short runs print nothing), then at most one update per
/// `interval` seconds: rewritten in place on a terminal, one line per update otherwise (logs).
/// An update builds its line in a reused buffer (`ProgressText`) and allocates nothing.
final class ProgressReporter {
    private let label: String
    private let total: Int
    private let start = Date()
    private let quietSeconds: Double
    private let interval: Double
    private var lastPrint: Date?
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var printed = false
    private let text = ProgressText()

    init(label: String, total: Int, quietSeconds: Double = 2, interval: Double = 1) {
        self.label = label
        self.total = max(1, total)
        self.quietSeconds = quietSeconds
        self.interval = isatty(STDERR_FILENO) != 0 ? interval : max(interval, 10)
    }

    /// Reports that `done` of `total` units of work are complete.
    func update(_ done: Int) {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= quietSeconds else { return }
        if let lastPrint, now.timeIntervalSince(lastPrint) < interval { return }
        lastPrint = now
        printed = true
        text.reset()
        if isTerminal { text.append("\r\u{1B}[K") }
        Self.write(label: label, done: done, total: total, elapsed: elapsed, to: text)
        if !isTerminal { text.append("\n") }
        text.writeToStandardError()
    }

    /// The progress line after `elapsed` seconds. Counts are written as Int (`%ld`): `%d` reads
    /// 32 bits, which printed `1668659988/1269623159` and then negative numbers once a total of
    /// work passed 2³¹.
    static func line(label: String, done: Int, total: Int, elapsed: Double) -> String {
        let text = ProgressText()
        write(label: label, done: done, total: total, elapsed: elapsed, to: text)
        return text.string
    }

    /// Appends "LABEL: DONE/TOTAL (P%), elapsed T, ETA T" to `text`.
    private static func write(label: String, done: Int, total: Int, elapsed: Double, to text: ProgressText) {
        let fraction = Double(done) / Double(max(1, total))
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : .nan
        text.append(label)
        text.append(": ")
        text.append(done)
        text.append("/")
        text.append(total)
        text.append(" (")
        text.append(100 * fraction, decimals: 0)
        text.append("%), elapsed ")
        text.appendDuration(elapsed)
        text.append(", ETA ")
        text.appendDuration(remaining)
    }

    /// Ends the progress display (a newline after an in-place line).
    func finish() {
        guard printed else { return }
        text.reset()
        if isTerminal { text.append("\r\u{1B}[K") }
        text.append(label)
        text.append(": done in ")
        text.appendDuration(Date().timeIntervalSince(start))
        text.append("\n")
        text.writeToStandardError()
    }

    static func format(_ seconds: Double) -> String {
        let text = ProgressText()
        text.appendDuration(seconds)
        return text.string
    }
}
