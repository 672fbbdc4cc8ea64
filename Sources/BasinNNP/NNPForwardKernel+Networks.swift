import BasinDescriptors
import BasinMath
import BasinNN

extension NNPForwardKernel {
    /// Runs each element's network on its atoms (in up to `parts` concurrent batches per
    /// element) and fills `workspace`'s energies E_i and ∂E_i/∂G_is (`values`' layout, rows
    /// `stride` apart), both in configuration energy units (model energy / `energyFactor`).
    /// `workspace` must have been prepared for these atoms, `stride` and at least `parts` parts.
    /// - Parameters:
    ///   - networks: the atomic network of each element, model order.
    ///   - values: G_is at `[i * stride + s]`.
    func atomicEnergies(
        networks: [NeuralNetwork], values: UnsafeBufferPointer<Double>, stride: Int, workspace ws: NNPWorkspace,
        parts requested: Int, energyFactor: Double
    ) {
        let dEdG = ws.dEdG, inputs = ws.inputs, gradients = ws.gradients, outputs = ws.outputs
        ws.withEnergies { energies in
            nonisolated(unsafe) let energies = energies
            for e in networks.indices {
                let atoms = ws.atomsOfElement[e]
                guard !atoms.isEmpty else { continue }
                let network = networks[e], n = network.inputCount
                let parts = atoms.count >= 64 ? max(1, requested) : 1
                concurrentForEach(parts) { part in
                    let lo = atoms.count * part / parts, hi = atoms.count * (part + 1) / parts
                    let batch = atoms[lo..<hi], workspace = ws.networkWorkspace(element: e, part: part)
                    let x = UnsafeMutableBufferPointer(rebasing: inputs[lo * n..<hi * n])
                    let y = UnsafeMutableBufferPointer(rebasing: outputs[lo..<hi])
                    let g = UnsafeMutableBufferPointer(rebasing: gradients[lo * n..<hi * n])
                    scaleInputs(element: e, atoms: batch, values: values, stride: stride, into: x)
                    network.evaluate(inputs: UnsafeBufferPointer(x), outputs: y, workspace: workspace)
                    network.inputGradient(workspace: workspace, into: g)
                    readOut(
                        element: e, atoms: batch, outputs: UnsafeBufferPointer(y), inputGradient: UnsafeBufferPointer(g),
                        stride: stride, energyFactor: energyFactor, energies: energies, dEdG: dEdG)
                }
            }
        }
    }

    /// As `atomicEnergies(networks:values:stride:workspace:parts:energyFactor:)` into new
    /// arrays, for atom i of element `element[i]` (model order).
    func atomicEnergies(
        networks: [NeuralNetwork], element: [Int], values: SymmetryFunctionValues, parts: Int, energyFactor: Double
    ) -> (energies: [Double], dEdG: [Double]) {
        let workspace = NNPWorkspace(networks: networks, kernel: self)
        workspace.prepare(element: element, stride: values.stride, parts: max(1, parts))
        values.values.withUnsafeBufferPointer {
            atomicEnergies(
                networks: networks, values: $0, stride: values.stride, workspace: workspace, parts: parts, energyFactor: energyFactor)
        }
        return (workspace.energies, Array(workspace.dEdG[0..<values.atomCount * values.stride]))
    }
}
