import Foundation

/// Progress with an estimated time to completion, on standard error.
///
/// Silent for the first `quietSeconds` (short runs print nothing), then at most one update per
/// `interval` seconds: rewritten in place on a terminal, one line per update otherwise (logs).
final class ProgressReporter {
    private let label: String
    private let total: Int
    private let start = Date()
    private let quietSeconds: Double
    private let interval: Double
    private var lastPrint: Date?
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var printed = false

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
        write(Self.line(label: label, done: done, total: total, elapsed: elapsed), final: false)
    }

    /// The progress line after `elapsed` seconds. Counts are written as Int (`%ld`): `%d` reads
    /// 32 bits, which printed `1668659988/1269623159` and then negative numbers once a total of
    /// work passed 2³¹.
    static func line(label: String, done: Int, total: Int, elapsed: Double) -> String {
        let fraction = Double(done) / Double(max(1, total))
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : .nan
        return String(format: "%@: %ld/%ld (%.0f%%), elapsed %@, ETA %@", label, done, total, 100 * fraction,
                      format(elapsed), format(remaining))
    }

    /// Ends the progress display (a newline after an in-place line).
    func finish() {
        guard printed else { return }
        let line = "\(label): done in \(Self.format(Date().timeIntervalSince(start)))"
        write(line, final: true)
    }

    private func write(_ line: String, final: Bool) {
        printed = true
        let text = isTerminal ? "\r\u{1B}[K" + line + (final ? "\n" : "") : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func format(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        // An early ETA can be astronomically long; it must not trap converting to Int.
        guard seconds < 3.6e11 else { return "more than 10⁸ h" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let s = Int(seconds.rounded())
        if s < 3600 { return String(format: "%ld min %02ld s", s / 60, s % 60) }
        return String(format: "%ld h %02ld min", s / 3600, (s % 3600) / 60)
    }
}
