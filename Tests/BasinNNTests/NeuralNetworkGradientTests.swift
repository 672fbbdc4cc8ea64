import BasinMath
import BasinNN
import Foundation
import Testing

@Suite struct NeuralNetworkGradientTests {
    typealias F = NetworkFixtures
    static let h = 1e-5

    @Test(arguments: [false, true])
    func inputGradientMatchesFiniteDifferences(normalized: Bool) {
        let net = F.network(normalized: normalized, activations: [.tanh, .logistic, .identity])
        let ws = NeuralNetwork.Workspace(for: net)
        let atoms = 3
        let x = F.inputs(atoms: atoms)
        _ = net.evaluate(inputs: x, workspace: ws)
        let analytic = net.inputGradient(workspace: ws)
        var numeric = [Double](repeating: 0, count: x.count)
        for i in x.indices {
            var plus = x, minus = x
            plus[i] += Self.h; minus[i] -= Self.h
            let a = i / 5
            numeric[i] = (net.evaluate(inputs: plus, workspace: ws)[a] - net.evaluate(inputs: minus, workspace: ws)[a]) / (2 * Self.h)
        }
        #expect(F.close(analytic, numeric))
    }

    @Test(arguments: [false, true])
    func parameterGradientMatchesFiniteDifferences(normalized: Bool) {
        var net = F.network(normalized: normalized)
        let ws = NeuralNetwork.Workspace(for: net)
        let x = F.inputs(atoms: 4)
        let c: [Double] = [1, -0.5, 2, 0.25]
        func weightedEnergy(_ n: NeuralNetwork) -> Double {
            zip(n.evaluate(inputs: x, workspace: ws), c).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = net.evaluate(inputs: x, workspace: ws)
        var analytic = [Double](repeating: 0, count: net.parameterCount)
        c.withUnsafeBufferPointer { cw in
            analytic.withUnsafeMutableBufferPointer { net.accumulateParameterGradient(atomWeights: cw, workspace: ws, into: $0) }
        }
        var numeric = analytic
        for p in net.parameters.indices {
            let saved = net.parameters[p]
            net.parameters[p] = saved + Self.h; let up = weightedEnergy(net)
            net.parameters[p] = saved - Self.h; let down = weightedEnergy(net)
            net.parameters[p] = saved
            numeric[p] = (up - down) / (2 * Self.h)
        }
        #expect(F.close(analytic, numeric))
    }

    @Test(arguments: [false, true])
    func mixedDerivativeMatchesFiniteDifferences(normalized: Bool) {
        var net = F.network(normalized: normalized, activations: [.softplus, .tanh, .logistic])
        let ws = NeuralNetwork.Workspace(for: net)
        let atoms = 3
        let x = F.inputs(atoms: atoms)
        var g = SeededGenerator(seed: 5)
        let v = (0..<x.count).map { _ in g.normal() }
        func contractedGradient(_ n: NeuralNetwork) -> Double {
            _ = n.evaluate(inputs: x, workspace: ws)
            return zip(n.inputGradient(workspace: ws), v).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = net.evaluate(inputs: x, workspace: ws, secondDerivatives: true)
        var analytic = [Double](repeating: 0, count: net.parameterCount)
        v.withUnsafeBufferPointer { vp in
            analytic.withUnsafeMutableBufferPointer {
                net.accumulateInputGradientParameterDerivative(directions: vp, workspace: ws, into: $0)
            }
        }
        var numeric = analytic
        for p in net.parameters.indices {
            let saved = net.parameters[p]
            net.parameters[p] = saved + Self.h; let up = contractedGradient(net)
            net.parameters[p] = saved - Self.h; let down = contractedGradient(net)
            net.parameters[p] = saved
            numeric[p] = (up - down) / (2 * Self.h)
        }
        #expect(F.close(analytic, numeric))
    }

    @Test(arguments: [false, true])
    func batchedEqualsOneByOne(normalized: Bool) {
        let net = F.network(normalized: normalized)
        let batch = NeuralNetwork.Workspace(for: net), single = NeuralNetwork.Workspace(for: net, capacity: 1)
        let atoms = 7
        let x = F.inputs(atoms: atoms)
        let energies = net.evaluate(inputs: x, workspace: batch)
        let gradients = net.inputGradient(workspace: batch)
        for a in 0..<atoms {
            let row = Array(x[(a * 5)..<(a * 5 + 5)])
            #expect(net.evaluate(inputs: row, workspace: single) == [energies[a]])
            #expect(net.inputGradient(workspace: single) == Array(gradients[(a * 5)..<(a * 5 + 5)]))
        }
    }

    @Test func explicitSmallNetwork() {
        // 2-1 identity network with normalize_nodes: E = (w1 G1 + w2 G2 + b) / 2.
        var net = NeuralNetwork(inputCount: 2, hiddenLayers: [], activations: [.identity], normalizesNodes: true)
        net.parameters = [3, 5, 7]
        let ws = NeuralNetwork.Workspace(for: net)
        #expect(net.evaluate(inputs: [1, 2], workspace: ws) == [10])
        #expect(net.inputGradient(workspace: ws) == [1.5, 2.5])
    }

    @Test func nguyenWidrowScalesHiddenWeights() {
        var net = NeuralNetwork(inputCount: 4, hiddenLayers: [6], activations: [.tanh, .identity])
        var g = SeededGenerator(seed: 3)
        net.randomize(.nguyenWidrow, using: &g)
        let beta = 0.7 * Foundation.pow(6, 0.25)
        for k in 0..<6 {
            let norm = (0..<4).reduce(0.0) { $0 + net[weight: 1, from: $1, to: k] * net[weight: 1, from: $1, to: k] }.squareRoot()
            #expect(abs(norm - 2 * beta) < 1e-12)
        }
        #expect((0..<6).allSatisfy { abs(net[weight: 2, from: $0, to: 0]) <= 0.5 })
    }
}
