import Foundation

/// Feeds mutants of valid files to a reader through a real file, as a user's input arrives.
///
/// A reader passes when every mutant either loads or throws the reader's typed error (the
/// `load` closure's typed `throws` enforces the type); a trap ends the test process, and a
/// mutant that takes longer than `slowLimit` is reported. `BASIN_FUZZ_COUNT` sets the number of
/// mutants per reader (default 300); each run prints one summary line starting `fuzz `.
public enum ReaderFuzzer {
    /// Mutants per reader: `BASIN_FUZZ_COUNT`, or 300.
    public static var count: Int {
        ProcessInfo.processInfo.environment["BASIN_FUZZ_COUNT"].flatMap(Int.init) ?? 300
    }

    /// What a run found.
    public struct Summary: Sendable {
        public var inputs = 0, loaded = 0, refused = 0
        /// The longest time one mutant took to read, in seconds.
        public var slowest = 0.0
        /// Seeds and times of mutants slower than the limit.
        public var slow: [(seed: UInt64, seconds: Double)] = []
    }

    /// Writes `count` mutants of the `sources` (taken in turn) to `url` and calls `load` on each.
    /// - Parameters:
    ///   - name: the reader's name in the summary line.
    ///   - seed: the first mutant's seed; mutant k uses `seed + k`.
    ///   - slowLimit: seconds one mutant may take before it counts as a hang.
    public static func run<Failure: Error>(
        _ name: String, sources: [String], to url: URL, seed: UInt64 = 1, count: Int = count, slowLimit: Double = 2,
        load: (URL) throws(Failure) -> Void
    ) throws -> Summary {
        var summary = Summary()
        for k in 0..<count {
            var mutator = TextMutator(seed: seed &+ UInt64(k))
            try Data(mutator.mutate(sources[k % sources.count])).write(to: url)
            let start = Date()
            do {
                try load(url)
                summary.loaded += 1
            } catch {
                summary.refused += 1
            }
            let seconds = Date().timeIntervalSince(start)
            summary.inputs += 1
            summary.slowest = max(summary.slowest, seconds)
            if seconds > slowLimit { summary.slow.append((seed &+ UInt64(k), seconds)) }
        }
        let slowest = String(format: "%.1f", summary.slowest * 1000)
        print("fuzz \(name): \(summary.inputs) inputs, \(summary.loaded) loaded, \(summary.refused) refused with a typed error,"
              + " no trap, slowest \(slowest) ms, \(summary.slow.count) over \(slowLimit) s")
        return summary
    }
}
