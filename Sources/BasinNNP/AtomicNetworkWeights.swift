import BasinDescriptors
import BasinNN

/// The atomic networks as `DescriptorWeights`: for atom i, its element's network run on G_i
/// gives E_i (into `energies[i]`, configuration energy units) and the row ∂E_i/∂G_i that the
/// descriptor pass contracts into forces. Each part uses its own networks (`PartNetworks`) and
/// its own rows of the inputs, gradients and outputs; the type holds no reference-counted
/// value, so that reading it from several threads writes nothing they share.
struct AtomicNetworkWeights: DescriptorWeights {
    /// `NNPWorkspace.partNetworks`.
    let parts: UnsafeBufferPointer<PartNetworks>
    /// Atom i's element in model order.
    let element: UnsafeBufferPointer<Int>
    /// Functions per atom: the row length of the values, of `dEdG` and of each part's input
    /// and gradient rows (part p's at `p * stride`).
    let stride: Int
    let inputs: UnsafeMutableBufferPointer<Double>
    let gradients: UnsafeMutableBufferPointer<Double>
    /// Part p's network output at `[p]`.
    let outputs: UnsafeMutableBufferPointer<Double>
    /// ∂E_i/∂G_is at `[i * stride + s]` (configuration energy units).
    let dEdG: UnsafeMutableBufferPointer<Double>
    /// Model energy per configuration energy unit (model energy / `energyFactor` = configuration energy).
    let energyFactor: Double
    let energies: UnsafeMutableBufferPointer<Double>

    init(workspace ws: NNPWorkspace, parts: UnsafeBufferPointer<PartNetworks>, element: UnsafeBufferPointer<Int>,
         stride: Int, energyFactor: Double, energies: UnsafeMutableBufferPointer<Double>) {
        (self.parts, self.element, self.stride, self.energyFactor, self.energies) = (parts, element, stride, energyFactor, energies)
        (inputs, gradients, outputs, dEdG) = (ws.inputs, ws.gradients, ws.outputs, ws.dEdG)
    }

    func weights(part: Int, atom i: Int, values: UnsafePointer<Double>) -> UnsafePointer<Double> {
        let own = parts[part], e = element[i], network = own.networks[e], n = network.inputCount
        let x = UnsafeMutableBufferPointer(rebasing: inputs[part * stride..<part * stride + n])
        let y = UnsafeMutableBufferPointer(rebasing: outputs[part..<part + 1])
        let g = UnsafeMutableBufferPointer(rebasing: gradients[part * stride..<part * stride + n])
        let workspace = own.workspaces[e]
        own.kernel.scaleInputs(element: e, atoms: CollectionOfOne(0), values: UnsafeBufferPointer(start: values, count: n), stride: n, into: x)
        network.evaluate(inputs: UnsafeBufferPointer(x), outputs: y, workspace: workspace)
        network.inputGradient(workspace: workspace, into: g)
        own.kernel.readOut(
            element: e, atoms: CollectionOfOne(i), outputs: UnsafeBufferPointer(y), inputGradient: UnsafeBufferPointer(g),
            stride: stride, energyFactor: energyFactor, energies: energies, dEdG: dEdG)
        return UnsafePointer(dEdG.baseAddress! + i * stride)
    }
}
