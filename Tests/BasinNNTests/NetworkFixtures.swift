import BasinMath
import BasinNN

/// Random 5-4-3-1 networks with mixed activations, and random inputs.
enum NetworkFixtures {
    static func network(normalized: Bool, activations: [Activation] = [.tanh, .softplus, .gaussian], seed: UInt64 = 1) -> NeuralNetwork {
        var net = NeuralNetwork(inputCount: 5, hiddenLayers: [4, 3], activations: activations, normalizesNodes: normalized)
        var g = SeededGenerator(seed: seed)
        net.randomize(.uniform(lower: -1, upper: 1), using: &g)
        return net
    }

    static func inputs(atoms: Int, seed: UInt64 = 2) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<(atoms * 5)).map { _ in 2 * g.uniform() - 0.5 }
    }

    /// Whether `a` matches `b` to `tolerance` relative to the largest entry of `b`.
    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-6) -> Bool {
        let scale = max(b.map(abs).max() ?? 0, 1e-12)
        return a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * scale }
    }
}
