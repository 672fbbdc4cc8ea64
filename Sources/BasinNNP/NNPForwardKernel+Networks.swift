import BasinDescriptors
import BasinMath
import BasinNN

extension NNPForwardKernel {
    /// Runs each element's network on its atoms (in up to `parts` concurrent batches per
    /// element) and returns every atom's energy E_i and its row of ∂E_i/∂G_is (`values`' layout),
    /// both in configuration energy units (model energy / `energyFactor`).
    /// - Parameters:
    ///   - networks: the atomic network of each element, model order.
    ///   - element: atom i's element in model order.
    func atomicEnergies(
        networks: [NeuralNetwork], element: [Int], values: SymmetryFunctionValues, parts requested: Int, energyFactor: Double
    ) -> (energies: [Double], dEdG: [Double]) {
        let n = values.atomCount, stride = values.stride
        var energies = [Double](repeating: 0, count: n)
        var dEdG = [Double](repeating: 0, count: n * stride)
        for e in networks.indices {
            let atoms = (0..<n).filter { element[$0] == e }
            guard !atoms.isEmpty else { continue }
            let network = networks[e], inputs = network.inputCount
            let parts = atoms.count >= 64 ? max(1, requested) : 1
            values.values.withUnsafeBufferPointer { g in
            energies.withUnsafeMutableBufferPointer { energies in
            dEdG.withUnsafeMutableBufferPointer { dEdG in
                nonisolated(unsafe) let energies = energies, dEdG = dEdG
                concurrentForEach(parts) { part in
                    let batch = atoms[(atoms.count * part / parts)..<(atoms.count * (part + 1) / parts)]
                    var x = [Double](repeating: 0, count: batch.count * inputs)
                    x.withUnsafeMutableBufferPointer {
                        scaleInputs(element: e, atoms: batch, values: g, stride: stride, into: $0)
                    }
                    let workspace = NeuralNetwork.Workspace(for: network, capacity: batch.count)
                    let outputs = network.evaluate(inputs: x, workspace: workspace)
                    let gradient = network.inputGradient(workspace: workspace)
                    outputs.withUnsafeBufferPointer { outputs in
                    gradient.withUnsafeBufferPointer { gradient in
                        readOut(
                            element: e, atoms: batch, outputs: outputs, inputGradient: gradient, stride: stride,
                            energyFactor: energyFactor, energies: energies, dEdG: dEdG)
                    }}
                }
            }}}
        }
        return (energies, dEdG)
    }
}
