import BasinDynamics
import BasinPotentials

/// g(r) sampled into consecutive blocks of equal sample counts, for a mean and a standard
/// error per bin. Samples past the last block go into the last one.
final class BlockRadialDistribution: Observer {
    let blocks: [RadialDistribution]
    let samplesPerBlock: Int
    let firstStep: Int
    let interval: Int
    private(set) var sampleCount = 0

    /// Observes steps ≥ `firstStep` (the simulation's step numbers continue across runs);
    /// `species` resolves a partial g_ab(r), nil counts all pairs.
    init(
        maximumRadius: Double, binCount: Int, blocks: Int, samplesPerBlock: Int, firstStep: Int, interval: Int, species: SpeciesPair? = nil
    ) throws {
        self.blocks = try (0..<blocks).map { _ in
            try RadialDistribution(maximumRadius: maximumRadius, binCount: binCount, species: species)
        }
        self.samplesPerBlock = samplesPerBlock
        self.firstStep = firstStep
        self.interval = interval
    }

    var requiredProperties: Properties { [] }

    func observe(_ state: DynamicsState) throws {
        guard state.step >= firstStep else { return }
        try blocks[min(blocks.count - 1, sampleCount / samplesPerBlock)].observe(state)
        sampleCount += 1
    }

    var radii: [Double] { blocks[0].radii }

    private var used: [RadialDistribution] { blocks.filter { $0.sampleCount > 0 } }

    /// The sample-weighted mean of the blocks.
    var values: [Double] {
        let used = self.used
        let total = Double(used.reduce(0) { $0 + $1.sampleCount })
        guard total > 0 else { return Array(repeating: 0, count: blocks[0].binCount) }
        var sum = Array(repeating: 0.0, count: blocks[0].binCount)
        for b in used {
            let v = b.values, w = Double(b.sampleCount) / total
            for k in sum.indices { sum[k] += w * v[k] }
        }
        return sum
    }

    /// Standard error of the mean per bin from the spread of the block means (0 with one block).
    var standardErrors: [Double] {
        let used = self.used
        let n = used.count
        guard n >= 2 else { return Array(repeating: 0, count: blocks[0].binCount) }
        let values = used.map(\.values)
        return (0..<blocks[0].binCount).map { k in
            let mean = values.reduce(0) { $0 + $1[k] } / Double(n)
            let variance = values.reduce(0) { $0 + ($1[k] - mean) * ($1[k] - mean) } / Double(n - 1)
            return (variance / Double(n)).squareRoot()
        }
    }
}
