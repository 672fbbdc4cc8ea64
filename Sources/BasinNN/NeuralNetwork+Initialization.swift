import BasinMath
import Foundation

extension NeuralNetwork {
    /// How to draw initial parameters (n2p2 keywords `weights_min`/`weights_max` and
    /// `nguyen_widrow_weights_short`; NeuralNetwork.cpp `initializeConnectionsRandomUniform`,
    /// `modifyConnections(MS_NGUYENWIDROW)`).
    public enum Initialization: Sendable, Equatable {
        /// Every weight and bias uniform in [lower, upper] (n2p2's default is [−1, 1]).
        case uniform(lower: Double, upper: Double)
        /// Uniform in [−1, 1], then rescaled after Nguyen & Widrow (IJCNN 1990, vol. 3, p. 21) as
        /// n2p2 does: in each hidden layer l, with β = 0.7·n_l^(1/n_(l−1)), each neuron's incoming
        /// weight vector is scaled to norm β and its bias multiplied by β, both doubled for tanh
        /// layers; finally the output weights are halved. (n2p2's loop halves only the first output
        /// weight, an indexing slip; here all are halved.)
        case nguyenWidrow
    }

    /// Replaces every parameter by a random draw from `generator`.
    public mutating func randomize(_ scheme: Initialization, using generator: inout SeededGenerator) {
        switch scheme {
        case .uniform(let lower, let upper):
            precondition(lower <= upper)
            for i in parameters.indices { parameters[i] = lower + (upper - lower) * generator.uniform() }
        case .nguyenWidrow:
            randomize(.uniform(lower: -1, upper: 1), using: &generator)
            for l in 1..<outputLayer {
                let (nPrev, n) = (layerSizes[l - 1], layerSizes[l])
                let tanhFactor = activations[l - 1] == .tanh ? 2.0 : 1.0
                let beta = 0.7 * pow(Double(n), 1 / Double(nPrev))
                for k in 0..<n {
                    let norm = (0..<nPrev).reduce(0.0) { $0 + self[weight: l, from: $1, to: k] * self[weight: l, from: $1, to: k] }
                        .squareRoot()
                    for j in 0..<nPrev { self[weight: l, from: j, to: k] *= tanhFactor * beta / norm }
                    self[bias: l, neuron: k] *= tanhFactor * beta
                }
            }
            for j in 0..<layerSizes[outputLayer - 1] { self[weight: outputLayer, from: j, to: 0] *= 0.5 }
        }
    }
}
