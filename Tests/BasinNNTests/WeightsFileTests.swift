import BasinNN
import Foundation
import Testing
import BasinTestSupport

@Suite struct WeightsFileTests {
    func temporaryURL(_ name: String) throws -> URL {
        try ScratchDirectory.make("basin-nn").appendingPathComponent(name)
    }

    @Test func parameterCountAndOrderFollowN2p2() {
        // n2p2's H2O hydrogen network: 27-25-25-1 has 1376 numbers.
        #expect(NeuralNetwork.parameterCount(layerSizes: [27, 25, 25, 1]) == 1376)
        let net = NeuralNetwork(inputCount: 3, hiddenLayers: [2], activations: [.tanh, .identity])
        #expect(net.parameterCount == 3 * 2 + 2 + 2 * 1 + 1)
        #expect(net.weightIndex(layer: 1, from: 0, to: 1) == 1)
        #expect(net.weightIndex(layer: 1, from: 1, to: 0) == 2)
        #expect(net.biasIndex(layer: 1, neuron: 0) == 6)
        #expect(net.weightIndex(layer: 2, from: 1, to: 0) == 9)
        #expect(net.biasIndex(layer: 2, neuron: 0) == 10)
        #expect(NeuralNetwork.weightsFileName(atomicNumber: 29) == "weights.029.data")
    }

    @Test func linesCarryN2p2Columns() {
        var net = NeuralNetwork(inputCount: 1, hiddenLayers: [1], activations: [.tanh, .identity])
        net.parameters = [1.2539155865352127, -2, 0.5, 9.7386086372975722]
        let lines = net.weightsFileText().split(separator: "\n")
        #expect(lines.count == 16 + 4)
        #expect(lines[16] == "  1.2539155865352127E+00 a         1     0     1     1     1")
        #expect(lines[17] == " -2.0000000000000000E+00 b         2     1     1")
        #expect(lines[19] == "  9.7386086372975722E+00 b         4     2     1")
    }

    @Test func roundTripIsExactAndByteStable() throws {
        let net = NetworkFixtures.network(normalized: false)
        let url = try temporaryURL("weights.001.data")
        defer { try? FileManager.default.removeItem(at: url) }
        try net.writeWeights(to: url)
        var copy = NeuralNetwork(inputCount: 5, hiddenLayers: [4, 3], activations: [.tanh, .softplus, .gaussian])
        try copy.readWeights(from: url)
        #expect(copy.parameters == net.parameters)
        #expect(copy.weightsFileText() == (try String(contentsOf: url, encoding: .utf8)))
    }

    @Test func readsOneNumberPerLineWithComments() throws {
        let values = try NeuralNetwork.parseWeights("# header\n\n  1.5\n-2E-01 extra\n# more\n3\n", file: "w", expectedCount: 3)
        #expect(values == [1.5, -0.2, 3])
    }

    @Test func badFilesAreRejectedWithFileAndLine() throws {
        #expect(throws: NeuralNetworkError.weightsFile(file: "w.data", line: 3, reason: "expected a finite number, found 'abc'")) {
            try NeuralNetwork.parseWeights("# c\n1\nabc 2\n", file: "w.data", expectedCount: 3)
        }
        #expect(throws: NeuralNetworkError.weightsFile(file: "w.data", line: 4, reason: "more than the network's 2 parameters")) {
            try NeuralNetwork.parseWeights("1\n2\n# c\n3\n", file: "w.data", expectedCount: 2)
        }
        #expect(throws: NeuralNetworkError.weightsFile(file: "w.data", line: nil, reason: "found 1 parameters, the network has 2")) {
            try NeuralNetwork.parseWeights("1\n", file: "w.data", expectedCount: 2)
        }
        #expect(throws: NeuralNetworkError.weightsFile(file: "w.data", line: 1, reason: "expected a finite number, found 'nan'")) {
            try NeuralNetwork.parseWeights("nan\n", file: "w.data", expectedCount: 1)
        }
        var net = NeuralNetwork(inputCount: 1, hiddenLayers: [], activations: [.identity])
        let missing = try temporaryURL("missing")
        #expect(throws: NeuralNetworkError.self) { try net.readWeights(from: missing) }
    }
}
