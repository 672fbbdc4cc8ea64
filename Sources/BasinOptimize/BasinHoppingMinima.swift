/// The distinct minima of a basin-hopping run, kept in ascending order of energy.
///
/// A new quench is compared only with the minima whose energies lie within the energy
/// tolerance of its own (found by bisection), so recording costs O(log M) comparisons plus the
/// few near-degenerate candidates, whatever the number M of minima. With a limit, only the
/// lowest minima are kept; one that was dropped counts as new if it is found again.
public struct BasinHoppingMinima: Sendable {
    /// The minima, lowest energy first.
    public private(set) var minima: [BasinHoppingMinimum] = []
    /// Largest energy difference of one minimum found twice (energy units).
    public let energyTolerance: Double
    /// Largest difference of fingerprint lengths of one minimum found twice (length units).
    public let lengthTolerance: Double
    /// Largest number of minima kept; nil keeps all.
    public let limit: Int?

    public init(energyTolerance: Double = 1e-6, lengthTolerance: Double = 1e-3, limit: Int? = nil) {
        precondition(energyTolerance >= 0 && lengthTolerance >= 0, "tolerances must be non-negative")
        precondition(limit.map { $0 >= 1 } ?? true, "the limit must be at least 1")
        self.energyTolerance = energyTolerance
        self.lengthTolerance = lengthTolerance
        self.limit = limit
    }

    /// Number of distinct minima.
    public var count: Int { minima.count }

    /// The lowest minimum, if any.
    public var lowest: BasinHoppingMinimum? { minima.first }

    /// Records a quench that ended at `positions` with `energy` during step `step`.
    /// - Returns: whether the minimum is new, and how many times it has now been found.
    @discardableResult
    public mutating func record(energy: Double, positions: [SIMD3<Double>], step: Int) -> (isNew: Bool, timesFound: Int) {
        let fingerprint = MinimumFingerprint(energy: energy, positions: positions)
        var index = firstIndex(atLeast: energy - energyTolerance)
        while index < minima.count, minima[index].energy <= energy + energyTolerance {
            if minima[index].fingerprint.matches(fingerprint, energyTolerance: energyTolerance, lengthTolerance: lengthTolerance) {
                minima[index].timesFound += 1
                return (false, minima[index].timesFound)
            }
            index += 1
        }
        let minimum = BasinHoppingMinimum(energy: energy, positions: positions, fingerprint: fingerprint, firstStep: step)
        minima.insert(minimum, at: firstIndex(atLeast: energy))
        if let limit, minima.count > limit { minima.removeLast() }
        return (true, 1)
    }

    /// The index of the first minimum with energy ≥ `energy` (bisection).
    private func firstIndex(atLeast energy: Double) -> Int {
        var low = 0, high = minima.count
        while low < high {
            let middle = (low + high) / 2
            if minima[middle].energy < energy { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
