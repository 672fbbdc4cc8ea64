import BasinDescriptors
import BasinNN

/// The atomic networks as `DescriptorWeights`: for atom i, its element's network run on G_i
/// gives E_i (into `energies[i]`, configuration energy units) and the row ∂E_i/∂G_i that the
/// descriptor pass contracts into forces; each part uses its own rows of `workspace`.
struct AtomicNetworkWeights: DescriptorWeights {
    let kernel: NNPForwardKernel
    let networks: [NeuralNetwork]
    /// Holds G_is at `values[i * stride + s]`, read at each call (the pass sizes it first).
    let descriptors: DescriptorWorkspace
    let stride: Int
    let workspace: NNPWorkspace
    /// Model energy per configuration energy unit (model energy / `energyFactor` = configuration energy).
    let energyFactor: Double
    let energies: UnsafeMutableBufferPointer<Double>

    func weights(part: Int, atom i: Int, values _: UnsafePointer<Double>) -> UnsafePointer<Double> {
        kernel.atomicEnergy(
            of: i, networks: networks, values: descriptors.values, stride: stride, workspace: workspace, part: part,
            energyFactor: energyFactor, energies: energies)
    }
}
