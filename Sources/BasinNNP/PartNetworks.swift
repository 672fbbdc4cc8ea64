import BasinNN

/// What one part of the atom-by-atom pass runs its atoms' networks with
/// (`AtomicNetworkWeights`): copies of the networks and of the kernel's input and output maps
/// over storage of their own, and a network workspace per element. Parts run concurrently, and
/// a value that holds arrays is retained and released as it is read; were the parts to read
/// shared arrays, each read would write the arrays' reference counts, a cache line passing
/// between the cores at every atom.
struct PartNetworks {
    let kernel: NNPForwardKernel
    /// Model order.
    let networks: [NeuralNetwork]
    /// One per element, shaped for `networks`.
    let workspaces: [NeuralNetwork.Workspace]

    init(kernel: NNPForwardKernel, networks: [NeuralNetwork]) {
        self.kernel = kernel.withOwnStorage()
        self.networks = networks.map { $0.withOwnStorage() }
        workspaces = self.networks.map { NeuralNetwork.Workspace(for: $0) }
    }
}
