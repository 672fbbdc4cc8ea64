/// n2p2's plan of one Kalman epoch (`Training::setupUpdatePlan`, `setEpochSchedule`, `update`):
/// how many energy and force updates, in which interleaved order, and which candidates they
/// take.
///
/// - Updates per epoch: ⌊P·f/b⌋ per property, with P the training patterns (structures for
///   energies, Cartesian force components 3N summed over structures for forces), f the
///   fraction (`short_energy_fraction`, `short_force_fraction`) and b the candidates summed
///   into one update (`task_batch_size_energy`, `task_batch_size_force`).
/// - Order: all energy and force updates of the epoch in one shuffled sequence.
/// - Candidates: each property's candidates are shuffled (modes random and threshold) or
///   sorted by falling error (mode sort) at the start of the epoch and taken in turn, wrapping
///   around. In mode threshold a candidate is taken only if its error exceeds `threshold`
///   times the training set's RMSE of the last epoch (energies per atom, force components);
///   otherwise the next is tried, and after `trials` tries the last one tried is taken, as n2p2
///   does.
public enum KalmanSchedule {
    /// n2p2's `selection_mode`.
    public enum SelectionMode: String, Codable, Sendable, CaseIterable {
        /// 0: shuffled candidates in turn.
        case random
        /// 1: candidates by falling error.
        case sort
        /// 2: shuffled candidates above an error threshold.
        case threshold
    }

    /// ⌊patterns · fraction / batch⌋ (n2p2 computes it in double precision and truncates).
    public static func updates(patterns: Int, fraction: Double, batch: Int) -> Int {
        Int((Double(patterns) * fraction) / Double(batch))
    }

    /// The epoch's interleaving: `forces` trues and `energies` falses (true: a force update),
    /// reordered by `permutation` (e.g. `TrainingEpoch.shuffledOrder`) when both kinds occur.
    public static func order(energies: Int, forces: Int, permutation: (Int) -> [Int]) -> [Bool] {
        let kinds = [Bool](repeating: true, count: forces) + [Bool](repeating: false, count: energies)
        guard energies > 0 && forces > 0 else { return kinds }
        return permutation(kinds.count).map { kinds[$0] }
    }

    /// A property's candidates for one epoch, taken in turn.
    public struct Queue<Candidate> {
        public private(set) var candidates: [Candidate]
        public private(set) var position = 0

        public init(_ candidates: [Candidate]) { self.candidates = candidates }

        /// The next candidate (wrapping around).
        public mutating func next() -> Candidate {
            if position >= candidates.count { position = 0 }
            defer { position += 1 }
            return candidates[position]
        }

        /// Takes candidates until one's error fraction (`fraction`: its error over the RMSE)
        /// exceeds `threshold`, at most `trials`; then the last one taken. Without `threshold`
        /// (modes random and sort) the next candidate.
        public mutating func select(threshold: Double?, trials: Int, fraction: (Candidate) -> Double) -> Candidate {
            var candidate = next()
            guard let threshold else { return candidate }
            var tried = 1
            while tried < trials && fraction(candidate) <= threshold {
                candidate = next()
                tried += 1
            }
            return candidate
        }
    }
}
