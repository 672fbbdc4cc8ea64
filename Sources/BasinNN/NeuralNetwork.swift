/// A fully connected feed-forward network with one output: the atomic network of a
/// Behler–Parrinello high-dimensional neural-network potential, as in n2p2.
///
/// Layers are numbered as in n2p2: layer 0 is the input (the symmetry functions of one atom),
/// layers 1…L−1 are hidden, layer L is the single output neuron. Neuron k of layer l computes
/// y_lk = f_l(s_l · (b_lk + Σ_j w_l,jk · y_(l−1)j)), where s_l = 1/n_(l−1) when
/// `normalizesNodes` (n2p2's `normalize_nodes`) and 1 otherwise.
///
/// All weights and biases live in one contiguous `parameters` array in n2p2's
/// `weights.XXX.data` order (NeuralNetwork.cpp `setConnections`): for each layer l = 1…L, its
/// weights as a row-major [n_(l−1)][n_l] block (source neuron j outer, target neuron k inner),
/// then its n_l biases. Invariant: `parameters.count == parameterCount`.
public struct NeuralNetwork: Equatable, Sendable {
    /// Neuron counts of layers 0…L: inputs, hidden widths, then 1.
    public let layerSizes: [Int]
    /// Activation of layers 1…L (the last is the output's); `activations.count == layerSizes.count − 1`.
    public let activations: [Activation]
    /// n2p2's `normalize_nodes`: each pre-activation (bias included) is divided by the
    /// previous layer's width.
    public let normalizesNodes: Bool
    /// Weights and biases in n2p2 order (see the type's description).
    public var parameters: [Double]
    /// Index in `parameters` of layer l's first weight, for l = 1…L (entry 0 unused, 0).
    let weightOffsets: [Int]

    /// A network with all parameters zero.
    /// - Parameters:
    ///   - inputCount: number of inputs (symmetry functions), > 0.
    ///   - hiddenLayers: widths of the hidden layers, each > 0; may be empty.
    ///   - activations: `hiddenLayers.count + 1` functions, the last for the output neuron,
    ///     as n2p2's `global_activation_short`.
    public init(inputCount: Int, hiddenLayers: [Int], activations: [Activation], normalizesNodes: Bool = false) {
        precondition(inputCount > 0 && hiddenLayers.allSatisfy { $0 > 0 }, "layer widths must be positive")
        precondition(activations.count == hiddenLayers.count + 1, "need one activation per hidden layer plus the output's")
        layerSizes = [inputCount] + hiddenLayers + [1]
        self.activations = activations
        self.normalizesNodes = normalizesNodes
        var offsets = [0], next = 0
        for l in 1..<layerSizes.count {
            offsets.append(next)
            next += (layerSizes[l - 1] + 1) * layerSizes[l]
        }
        weightOffsets = offsets
        parameters = Array(repeating: 0, count: next)
    }

    /// The same network over arrays of its own, none shared with this one: threads that each
    /// run their own copy never write to one reference count (a cache line that would
    /// otherwise pass from core to core at every call).
    package func withOwnStorage() -> NeuralNetwork {
        var copy = NeuralNetwork(
            inputCount: layerSizes[0], hiddenLayers: Array(layerSizes.dropFirst().dropLast()), activations: activations.map { $0 },
            normalizesNodes: normalizesNodes)
        copy.parameters = parameters.map { $0 }
        return copy
    }

    /// Σ_l (n_(l−1)·n_l + n_l) for layer sizes n_0…n_L (n2p2's `getNumConnections`).
    public static func parameterCount(layerSizes: [Int]) -> Int {
        zip(layerSizes, layerSizes.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
    }

    /// Number of weights and biases.
    public var parameterCount: Int { parameters.count }
    /// Number of inputs n_0.
    public var inputCount: Int { layerSizes[0] }
    /// Index L of the output layer.
    public var outputLayer: Int { layerSizes.count - 1 }

    /// Index in `parameters` of the weight from neuron `from` of layer l−1 to neuron `to` of
    /// layer l (0-based neurons, 1 ≤ l ≤ L).
    public func weightIndex(layer l: Int, from j: Int, to k: Int) -> Int {
        precondition(l >= 1 && l <= outputLayer && j >= 0 && j < layerSizes[l - 1] && k >= 0 && k < layerSizes[l])
        return weightOffsets[l] + j * layerSizes[l] + k
    }

    /// Index in `parameters` of the bias of neuron k (0-based) of layer l (1 ≤ l ≤ L).
    public func biasIndex(layer l: Int, neuron k: Int) -> Int {
        precondition(l >= 1 && l <= outputLayer && k >= 0 && k < layerSizes[l])
        return biasOffset(l) + k
    }

    /// The weight from neuron j of layer l−1 to neuron k of layer l.
    public subscript(weight l: Int, from j: Int, to k: Int) -> Double {
        get { parameters[weightIndex(layer: l, from: j, to: k)] }
        set { parameters[weightIndex(layer: l, from: j, to: k)] = newValue }
    }

    /// The bias of neuron k of layer l.
    public subscript(bias l: Int, neuron k: Int) -> Double {
        get { parameters[biasIndex(layer: l, neuron: k)] }
        set { parameters[biasIndex(layer: l, neuron: k)] = newValue }
    }

    /// Index of layer l's first bias.
    func biasOffset(_ l: Int) -> Int { weightOffsets[l] + layerSizes[l - 1] * layerSizes[l] }

    /// The factor s_l applied to layer l's pre-activation.
    func scale(_ l: Int) -> Double { normalizesNodes ? 1 / Double(layerSizes[l - 1]) : 1 }
}
