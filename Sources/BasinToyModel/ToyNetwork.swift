import BasinNN

/// A small network that predicts the energy per particle from proximity-matrix eigenvalues:
/// linear (no hidden layer) or with softplus hidden layers, on standardized inputs, with a
/// standardized target. Stored as JSON by `basin toy train` and read by `basin toy drag`.
public struct ToyNetwork: Sendable, Codable, Equatable {
    /// The inputs: these orders and cutoff.
    public var descriptor: ProximityDescriptor
    /// The settings of the database it was trained on (model, mode, depth, dimension).
    public var settings: DatabaseSettings
    /// Widths of the hidden layers (softplus); empty for a linear model.
    public var hiddenLayers: [Int]
    /// Weights and biases in BasinNN's (n2p2's) order.
    public var parameters: [Double]
    /// Per input: the training set's mean and standard deviation (1 where it is 0).
    public var inputMean: [Double]
    public var inputScale: [Double]
    /// The training targets' mean and standard deviation (energy unit of E_c).
    public var targetMean: Double
    public var targetScale: Double

    /// The BasinNN network with these parameters.
    public func network() -> NeuralNetwork {
        var net = Self.makeNetwork(inputCount: inputMean.count, hiddenLayers: hiddenLayers)
        net.parameters = parameters
        return net
    }

    static func makeNetwork(inputCount: Int, hiddenLayers: [Int]) -> NeuralNetwork {
        NeuralNetwork(inputCount: inputCount, hiddenLayers: hiddenLayers,
                      activations: Array(repeating: .softplus, count: hiddenLayers.count) + [.identity])
    }

    /// Standardizes raw descriptor rows into one row-major block.
    func standardized(_ rows: [[Double]]) -> [Double] {
        var block: [Double] = []
        block.reserveCapacity(rows.count * inputMean.count)
        for row in rows { for (k, x) in row.enumerated() { block.append((x - inputMean[k]) / inputScale[k]) } }
        return block
    }

    /// Predicted E/N_p for each descriptor row.
    public func predict(_ rows: [[Double]]) -> [Double] {
        let net = network()
        let outputs = net.evaluate(inputs: standardized(rows), workspace: NeuralNetwork.Workspace(for: net))
        return outputs.map { targetMean + targetScale * $0 }
    }

    /// Predicted E/N_p of `structure`.
    public func predict(_ structure: ToyStructure) -> Double {
        predict([descriptor.values(structure)])[0]
    }
}
