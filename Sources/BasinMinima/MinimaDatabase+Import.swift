import Foundation
import GRDB

extension MinimaDatabase {
    /// A minimum to record: what `record` takes, for `importMinima`.
    public struct FoundMinimum: Sendable {
        /// Potential energy (energy units).
        public var energy: Double
        /// Cartesian positions of a cluster (length units).
        public var positions: [SIMD3<Double>]
        /// Element symbol or label of each atom (non-empty, no whitespace).
        public var symbols: [String]

        public init(energy: Double, positions: [SIMD3<Double>], symbols: [String]) {
            self.energy = energy
            self.positions = positions
            self.symbols = symbols
        }
    }

    /// What `importMinima` stored.
    public struct ImportOutcome: Sendable {
        /// The run of the import.
        public var run: RunID
        /// What `record` did with each minimum, in order.
        public var records: [RecordOutcome]
    }

    /// Records `minima` as one finished run, all or nothing: the run and every minimum (minimum
    /// i found at step i) are written in one transaction, so an error, a cancellation or a
    /// killed process leaves the database as it was, and importing the same minima again counts
    /// each of them once.
    ///
    /// Every minimum is checked before anything is written (an invalid one throws
    /// `invalidMinimum` naming it, from 1). `shouldStop` is asked before each minimum; when it
    /// answers true the transaction is rolled back and `cancelled` is thrown.
    ///
    /// - Parameters:
    ///   - kind: the run's kind, e.g. "import".
    ///   - parameters: the run's settings, stored as JSON text.
    public func importMinima(
        _ minima: [FoundMinimum], kind: String = "import", parameters: some Encodable, seed: UInt64? = nil,
        shouldStop: () -> Bool = { false }
    ) throws(MinimaDatabaseError) -> ImportOutcome {
        for (index, minimum) in minima.enumerated() {
            if let problem = Self.problem(energy: minimum.energy, positions: minimum.positions, symbols: minimum.symbols, step: nil) {
                throw MinimaDatabaseError(file: path, .invalidMinimum("minimum \(index + 1): \(problem)"))
            }
        }
        let json = try encode(parameters)
        let file = path
        let matching = matching
        return try write { db in
            let run = try Self.insertRun(kind: kind, parameters: json, seed: seed, in: db)
            var records: [RecordOutcome] = []
            records.reserveCapacity(minima.count)
            for (step, minimum) in minima.enumerated() {
                if shouldStop() { throw MinimaDatabaseError(file: file, .cancelled) }
                records.append(try Self.insertOrCount(
                    energy: minimum.energy, positions: minimum.positions, symbols: minimum.symbols, run: run, step: step,
                    matching: matching, in: db, file: file))
            }
            try Self.closeRun(run, steps: minima.count, status: .finished, in: db, file: file)
            return ImportOutcome(run: run, records: records)
        }
    }
}
