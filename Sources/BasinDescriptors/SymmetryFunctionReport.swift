import BasinAtoms

/// One symmetry function's values over the atoms of its element in a data set.
public struct FunctionStatistics: Sendable, Hashable {
    /// Number of values (atoms of the element over all configurations).
    public let count: Int
    public let minimum: Double, maximum: Double, mean: Double
    /// Sample standard deviation, with n − 1 (as n2p2's scaling.data); 0 for one value.
    public let sigma: Double
    /// G never exceeds the zero tolerance in magnitude (e.g. its neighbor elements never occur).
    public let isZero: Bool
    /// The range max − min is below the constant tolerance: G carries no information.
    public let isConstant: Bool

    /// max − min.
    public var range: Double { maximum - minimum }

    /// range / max(|min|, |max|), in [0, 2]: the spread relative to the size of G; 0 when zero.
    public var relativeRange: Double {
        let size = Swift.max(abs(minimum), abs(maximum))
        return size > 0 ? range / size : 0
    }

    init(count: Int, minimum: Double, maximum: Double, mean: Double, sigma: Double, options: SymmetryFunctionReport.Options) {
        self.count = count
        self.minimum = minimum
        self.maximum = maximum
        self.mean = mean
        self.sigma = sigma
        isZero = count > 0 && Swift.max(abs(minimum), abs(maximum)) <= options.zeroTolerance
        isConstant = count > 0 && maximum - minimum <= options.constantTolerance
    }
}

/// What the statistics of one element's functions say, and the set that is left after pruning.
///
/// Pruning rule, applied in this order:
/// 1. drop every zero function, then every (other) constant one;
/// 2. take the pairs of the remaining functions with |r| ≥ the correlation threshold, the most
///    correlated first (ties by index), and for each pair of which both are still kept, drop
///    the one with the smaller relative range (`FunctionStatistics.relativeRange`); when the
///    two agree to 1e-12, keep the earlier one (lower index, i.e. first in n2p2 order).
public struct SymmetryFunctionReport: Sendable {
    /// Tolerances of the flags and the correlation threshold.
    public struct Options: Sendable, Hashable {
        /// Largest |G| of a zero function.
        public var zeroTolerance: Double
        /// Largest range max − min of a constant function.
        public var constantTolerance: Double
        /// Smallest |r| (Pearson) of a correlated pair.
        public var correlationThreshold: Double

        public init(zeroTolerance: Double = 1e-10, constantTolerance: Double = 1e-8, correlationThreshold: Double = 0.99) {
            self.zeroTolerance = zeroTolerance
            self.constantTolerance = constantTolerance
            self.correlationThreshold = correlationThreshold
        }
    }

    /// Two functions, by index into the set, and their Pearson correlation.
    public struct CorrelatedPair: Sendable, Hashable {
        public let first: Int, second: Int
        public let correlation: Double
    }

    /// Why a function leaves the pruned set.
    public enum DropReason: Sendable, Hashable {
        case zero
        case constant
        /// Correlated with the kept function of index `with`.
        case correlated(with: Int, correlation: Double)
    }

    public let set: SymmetryFunctionSet
    /// Statistics of `set.functions[s]` at index s.
    public let statistics: [FunctionStatistics]
    /// Pairs (first < second) of non-constant functions with |r| ≥ the threshold, most correlated first.
    public let correlatedPairs: [CorrelatedPair]
    /// The dropped functions by index, with the reason.
    public let dropped: [Int: DropReason]
    /// The functions that are kept, in n2p2 order.
    public let pruned: SymmetryFunctionSet

    /// `correlations` is the s × s matrix of Pearson r, row-major, NaN where a function has no spread.
    init(set: SymmetryFunctionSet, statistics: [FunctionStatistics], correlations: [Double], options: Options) {
        self.set = set
        self.statistics = statistics
        let n = statistics.count
        var dropped: [Int: DropReason] = [:]
        for (s, x) in statistics.enumerated() {
            if x.isZero { dropped[s] = .zero } else if x.isConstant { dropped[s] = .constant }
        }
        var pairs: [CorrelatedPair] = []
        for s in 0..<n where dropped[s] == nil {
            for t in (s + 1)..<n where dropped[t] == nil {
                let r = correlations[s * n + t]
                if abs(r) >= options.correlationThreshold { pairs.append(CorrelatedPair(first: s, second: t, correlation: r)) }
            }
        }
        pairs.sort { abs($0.correlation) != abs($1.correlation) ? abs($0.correlation) > abs($1.correlation) : ($0.first, $0.second) < ($1.first, $1.second) }
        for p in pairs where dropped[p.first] == nil && dropped[p.second] == nil {
            let a = statistics[p.first].relativeRange, b = statistics[p.second].relativeRange
            let laterWins = b > a && b - a > 1e-12 * Swift.max(a, b)
            let (keep, drop) = laterWins ? (p.second, p.first) : (p.first, p.second)
            dropped[drop] = .correlated(with: keep, correlation: p.correlation)
        }
        correlatedPairs = pairs
        self.dropped = dropped
        pruned = SymmetryFunctionSet(
            central: set.central, functions: set.functions.indices.filter { dropped[$0] == nil }.map { set.functions[$0] })
    }
}
