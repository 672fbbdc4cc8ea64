import BasinNN

/// The shape of one element's atomic network, as input.nn describes it: hidden-layer widths
/// and the activations of the hidden layers and the output.
///
/// n2p2 (Mode.cpp `setupNeuralNetwork`) takes the hidden-layer count and activations from the
/// `global_*` keywords for every element, lets `element_nodes_short <El> <layer> <n>` change the
/// width of one hidden layer of one element, and always makes the output neuron linear,
/// whatever the last letter of `global_activation_short` says. Basin does the same.
public struct NetworkArchitecture: Sendable, Hashable {
    /// Widths of the hidden layers, each > 0.
    public var hiddenLayers: [Int]
    /// One per hidden layer plus the output's, as written in input.nn.
    public var activations: [Activation]

    public init(hiddenLayers: [Int], activations: [Activation]) {
        precondition(activations.count == hiddenLayers.count + 1, "one activation per hidden layer plus the output's")
        self.hiddenLayers = hiddenLayers
        self.activations = activations
    }

    /// The number of weights and biases of a network of this shape with `inputCount` inputs
    /// (`NeuralNetwork.parameterCount(layerSizes:)`), or nil when it exceeds `Int.max`; known
    /// before anything is allocated.
    public func parameterCount(inputCount: Int) -> Int? {
        let sizes = [inputCount] + hiddenLayers + [1]
        var total = 0
        for (from, to) in zip(sizes, sizes.dropFirst()) {
            let (product, overflow) = (from + 1).multipliedReportingOverflow(by: to)
            let (sum, carry) = total.addingReportingOverflow(product)
            guard !overflow && !carry else { return nil }
            total = sum
        }
        return total
    }

    /// A network of this shape with `inputCount` inputs and zero parameters; its output is linear.
    public func network(inputCount: Int, normalizesNodes: Bool) -> NeuralNetwork {
        NeuralNetwork(
            inputCount: inputCount, hiddenLayers: hiddenLayers, activations: activations.dropLast() + [.identity],
            normalizesNodes: normalizesNodes)
    }
}
