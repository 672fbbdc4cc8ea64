import BasinAtoms
import Foundation

/// Statistics of symmetry-function values over a data set, gathered one configuration at a
/// time, per central element: minimum, maximum, mean and the co-moments
/// C_st = Σ_a (G_as − Ḡ_s)(G_at − Ḡ_t) over the atoms a of the element, from which come the
/// sample standard deviations and the Pearson correlations of every pair of functions.
///
/// The co-moments are updated atom by atom (Welford's update, generalised to pairs: Pébay,
/// Sandia report SAND2008-6212), the stable form of keeping Σ G_s G_t: it holds an s × s matrix
/// per element and costs O(s²) per atom, and does not lose the variance of a function whose
/// spread is small against its mean. `report(_:)` turns the statistics into flags, correlated
/// pairs and a pruned set.
public struct SymmetryFunctionAnalysis: Sendable {
    /// One set per central element, as evaluated.
    public let sets: [SymmetryFunctionSet]
    public let evaluator: SymmetryFunctionEvaluator
    /// Configurations added so far.
    public private(set) var configurationCount = 0
    private var accumulators: [Accumulator]

    public init(sets: [SymmetryFunctionSet]) {
        self.sets = sets
        evaluator = SymmetryFunctionEvaluator(sets: sets)
        accumulators = sets.map { Accumulator(functionCount: $0.functions.count) }
    }

    /// Evaluates every atom of `configuration` (with a full neighbor list of the functions'
    /// largest cutoff) and adds its values to its element's statistics.
    public mutating func add(_ configuration: Configuration) throws(DescriptorError) {
        let list = NeighborList(cutoff: evaluator.cutoffRadius, kind: .full)
        do {
            try list.build(for: configuration)
        } catch {
            throw .neighborList(error)
        }
        let values = try evaluator.evaluate(configuration, neighbors: list)
        let setOfSpecies = configuration.elements.map { e in sets.firstIndex { $0.central == e } }
        values.values.withUnsafeBufferPointer { g in
            for i in 0..<configuration.count {
                guard let set = setOfSpecies[configuration.species[i]] else { continue }
                accumulators[set].add(UnsafeBufferPointer(rebasing: g[(i * values.stride)..<(i * values.stride + sets[set].functions.count)]))
            }
        }
        configurationCount += 1
    }

    /// The statistics, flags, correlated pairs and pruned set of every element (see
    /// `SymmetryFunctionReport`), in the order of `sets`.
    public func report(_ options: SymmetryFunctionReport.Options = .init()) -> [SymmetryFunctionReport] {
        zip(sets, accumulators).map { set, a in
            let statistics = (0..<a.count.functions).map { s in
                FunctionStatistics(
                    count: a.count.atoms, minimum: a.minimum[s], maximum: a.maximum[s], mean: a.mean[s],
                    sigma: a.count.atoms > 1 ? (a.comoment(s, s) / Double(a.count.atoms - 1)).squareRoot() : 0,
                    options: options)
            }
            var correlations: [Double] = []
            correlations.reserveCapacity(a.count.functions * a.count.functions)
            for s in 0..<a.count.functions {
                for t in 0..<a.count.functions {
                    let denominator = (a.comoment(s, s) * a.comoment(t, t)).squareRoot()
                    correlations.append(denominator > 0 ? a.comoment(s, t) / denominator : .nan)
                }
            }
            return SymmetryFunctionReport(set: set, statistics: statistics, correlations: correlations, options: options)
        }
    }
}

/// Running sums for one element's functions.
private struct Accumulator: Sendable {
    var count: (atoms: Int, functions: Int)
    var minimum: [Double], maximum: [Double], mean: [Double]
    /// Upper triangle of C, row-major s × s.
    var comoments: [Double]
    /// G − Ḡ before the update, reused per atom.
    var delta: [Double]

    init(functionCount n: Int) {
        count = (0, n)
        minimum = Array(repeating: .infinity, count: n)
        maximum = Array(repeating: -.infinity, count: n)
        mean = Array(repeating: 0, count: n)
        comoments = Array(repeating: 0, count: n * n)
        delta = Array(repeating: 0, count: n)
    }

    func comoment(_ s: Int, _ t: Int) -> Double { comoments[min(s, t) * count.functions + max(s, t)] }

    mutating func add(_ g: UnsafeBufferPointer<Double>) {
        count.atoms += 1
        let n = count.functions, weight = 1 / Double(count.atoms)
        for s in 0..<n {
            minimum[s] = min(minimum[s], g[s])
            maximum[s] = max(maximum[s], g[s])
            delta[s] = g[s] - mean[s]
            mean[s] += delta[s] * weight
        }
        for s in 0..<n {
            for t in s..<n { comoments[s * n + t] += delta[s] * (g[t] - mean[t]) }
        }
    }
}
