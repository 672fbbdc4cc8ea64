import BasinAtoms
import BasinPotentials
import Foundation

/// The radial distribution function g(r) of a periodic system, averaged over the sampled steps.
///
/// Pairs are found with a neighbor list of cutoff `maximumRadius`, so periodic images count and
/// `maximumRadius` may exceed half the cell (an atom's pairs with its own images are left out).
/// With the histogram H_k of pairs in shell k, g_k = H_k / (samples · P · V_k / V), where P is
/// the number of distinct pairs of the selected species (N(N − 1)/2 for all atoms), V_k the shell
/// volume and V the cell volume; g → 1 at large r in a fluid, exactly so for an ideal gas
/// (as LAMMPS `compute rdf`). Restricting to a species pair (a, b) gives g_ab.
public final class RadialDistribution: Observer {
    /// Outer edge of the last bin (length units).
    public let maximumRadius: Double
    public let binCount: Int
    /// The species pair counted, or nil for all pairs.
    public let species: SpeciesPair?
    /// Number of steps sampled.
    public private(set) var sampleCount = 0

    private var histogram: [Double]
    private var pairCount = 0.0
    private var centralCount = 0.0
    private var volume = 0.0
    private let neighbors: NeighborList

    /// - Parameters:
    ///   - maximumRadius: largest r (length units).
    ///   - binCount: number of bins of width `maximumRadius / binCount`.
    ///   - species: a pair of species indices to resolve g_ab, or nil for all atoms.
    public init(maximumRadius: Double, binCount: Int = 100, species: SpeciesPair? = nil) throws(DynamicsError) {
        try DynamicsError.requirePositive(maximumRadius, "the maximum radius")
        guard binCount >= 1, binCount <= 10_000_000 else {
            throw .invalidParameter("g(r) needs 1 to 10,000,000 bins, got \(binCount)")
        }
        self.maximumRadius = maximumRadius
        self.binCount = binCount
        self.species = species
        histogram = Array(repeating: 0, count: binCount)
        neighbors = NeighborList(cutoff: maximumRadius, kind: .half)
    }

    public var requiredProperties: Properties { [] }

    /// Bin width (length units).
    public var binWidth: Double { maximumRadius / Double(binCount) }

    /// Bin centres (length units).
    public var radii: [Double] { (0..<binCount).map { (Double($0) + 0.5) * binWidth } }

    /// g(r) at the bin centres (dimensionless); zeros before any sample.
    public var values: [Double] {
        guard sampleCount > 0, pairCount > 0 else { return Array(repeating: 0, count: binCount) }
        return (0..<binCount).map { k in
            let inner = Double(k) * binWidth, outer = inner + binWidth
            let shell = 4.0 / 3.0 * Double.pi * (outer * outer * outer - inner * inner * inner)
            return histogram[k] / (Double(sampleCount) * pairCount * shell / volume)
        }
    }

    /// Mean number of neighbors of the selected species within the outer edge of each bin,
    /// around an atom of the pair's first species (LAMMPS's coordination number column).
    public var coordinationNumbers: [Double] {
        guard sampleCount > 0, centralCount > 0 else { return Array(repeating: 0, count: binCount) }
        let perPair = species.map { $0.first == $0.second ? 2.0 : 1.0 } ?? 2.0
        var running = 0.0
        return histogram.map { count in
            running += count
            return perPair * running / (Double(sampleCount) * centralCount)
        }
    }

    public func observe(_ state: DynamicsState) throws {
        let configuration = state.configuration
        guard configuration.cell.periodic.allSatisfy({ $0 }) else {
            throw DynamicsError.invalidConfiguration("g(r) needs a cell periodic in all three directions")
        }
        if sampleCount == 0 { countPairs(configuration) }
        do {
            try neighbors.build(for: configuration)
        } catch {
            throw DynamicsError.invalidConfiguration(error.description)
        }
        let speciesOf = configuration.species
        let inverseWidth = 1 / binWidth
        neighbors.forEachPair { i, j, r2 in
            guard i != j else { return }
            if let species {
                guard SpeciesPair(speciesOf[i], speciesOf[j]) == species else { return }
            }
            let bin = Int(r2.squareRoot() * inverseWidth)
            if bin < binCount { histogram[bin] += 1 }
        }
        sampleCount += 1
    }

    /// Fixes the ideal-gas normalization from the first sample (the atoms and cell do not change).
    private func countPairs(_ configuration: Configuration) {
        volume = configuration.cell.volume
        guard let species else {
            let n = Double(configuration.count)
            pairCount = n * (n - 1) / 2
            centralCount = n
            return
        }
        let a = Double(configuration.species.filter { $0 == species.first }.count)
        let b = Double(configuration.species.filter { $0 == species.second }.count)
        pairCount = species.first == species.second ? a * (a - 1) / 2 : a * b
        centralCount = a
    }
}
