import Dispatch
import Foundation

/// Turns SIGINT (Ctrl-C) and SIGTERM into a flag that long-running commands poll at safe
/// points (e.g. between training epochs), so they can save their state and exit cleanly
/// instead of dying mid-write.
///
/// The signals' default action is replaced by `SIG_IGN` and a `DispatchSource` receives them:
/// the handler runs on an ordinary dispatch queue, never in an async-signal context, and only
/// records the signal under a lock. A second signal while the first is pending quits at once
/// (`_exit(128 + signal)`) for when the safe point is too far away; files written through a
/// temporary file and a rename stay whole even then.
///
/// Use one instance per command run: `start()` before the interruptible work, `receivedSignal` (or
/// `isRequested`) between steps, `stop()` afterwards to restore the default actions.
final class Interruption: @unchecked Sendable {
    /// The signals handled.
    let signals: [Int32]
    /// A line written to standard error when the first signal arrives (nil: none).
    let acknowledgement: String?

    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "basin.interruption")

    init(signals: [Int32] = [SIGINT, SIGTERM], acknowledgement: String? = nil) {
        self.signals = signals
        self.acknowledgement = acknowledgement
    }

    deinit { stop() }

    /// Installs the handlers (idempotent).
    func start() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for number in signals {
            // The source must exist before the default action is replaced, so no signal is lost
            // in between; with `SIG_IGN` the kernel still reports the signal to the source.
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.record(number) }
            source.resume()
            sources.append(source)
            _ = signal(number, SIG_IGN)
        }
    }

    /// Cancels the handlers and restores the default actions (idempotent). The recorded
    /// signal, if any, stays readable.
    func stop() {
        lock.lock()
        let installed = sources
        sources = []
        lock.unlock()
        guard !installed.isEmpty else { return }
        for number in signals { _ = signal(number, SIG_DFL) }
        for source in installed { source.cancel() }
    }

    /// The first signal received since `start()`, or nil.
    var receivedSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Whether a signal asked the program to stop.
    var isRequested: Bool { receivedSignal != nil }

    private func record(_ number: Int32) {
        lock.lock()
        let first = received == nil
        if first { received = number }
        lock.unlock()
        if first {
            if let acknowledgement { Output.note(acknowledgement) }
        } else {
            Output.note("\(Self.name(of: number)) again: quitting at once")
            _exit(Self.exitStatus(for: number))
        }
    }

    /// The shell's convention for a process ended by `signal`: 128 + its number
    /// (130 for SIGINT, 143 for SIGTERM).
    static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// "SIGINT", "SIGTERM", or "signal N".
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}
