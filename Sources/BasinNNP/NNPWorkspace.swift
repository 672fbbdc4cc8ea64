import BasinAtoms
import BasinDescriptors
import BasinNN

/// Memory `NeuralNetworkPotential` reuses from one evaluation to the next: the descriptor
/// workspace, each atom's element and the atoms of each element, the network inputs, outputs
/// and input gradients, each part's networks and network workspaces (`PartNetworks`), and the
/// per-atom energies E_i and ∂E_i/∂G_is. Sized by the first evaluation and grown only when a
/// larger system comes, so an MD loop does not allocate. Not for concurrent evaluations.
final class NNPWorkspace: @unchecked Sendable {
    let descriptors = DescriptorWorkspace()
    /// Atom i's element in model order.
    private(set) var element: [Int] = []
    /// The atoms of each element, ascending.
    private(set) var atomsOfElement: [[Int]]
    /// E_i (configuration energy units).
    private(set) var energies: [Double] = []
    /// ∂E_i/∂G_is at `[i * stride + s]` (configuration energy units), `descriptors.values`' layout.
    private(set) var dEdG = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    /// Scaled inputs, then input gradients, of the element being evaluated (row per atom).
    private(set) var inputs = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    private(set) var gradients = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    /// Network outputs of the element being evaluated.
    private(set) var outputs = UnsafeMutableBufferPointer<Double>.allocate(capacity: 0)
    /// Each part's networks, maps and network workspaces.
    private(set) var partNetworks: [PartNetworks] = []
    private let networks: [NeuralNetwork]
    private let kernel: NNPForwardKernel
    /// Model element index of each element of the configuration table last seen.
    private var modelIndexOfSpecies: [Int] = []
    private var preparedElements: [Element]?

    init(networks: [NeuralNetwork], kernel: NNPForwardKernel) {
        self.networks = networks
        self.kernel = kernel
        atomsOfElement = Array(repeating: [], count: networks.count)
    }

    deinit {
        dEdG.deallocate()
        inputs.deallocate()
        gradients.deallocate()
        outputs.deallocate()
    }

    /// Fills `element` and `atomsOfElement` for `configuration`, whose elements the model has,
    /// and sizes the buffers for `stride` functions per atom and `parts` threads.
    func prepare(_ configuration: Configuration, modelElements: [Element], stride: Int, parts: Int) {
        if preparedElements != configuration.elements {
            modelIndexOfSpecies = configuration.elements.map { modelElements.firstIndex(of: $0)! }
            preparedElements = configuration.elements
        }
        element.removeAll(keepingCapacity: true)
        for s in configuration.species { element.append(modelIndexOfSpecies[s]) }
        sortAtoms(stride: stride, parts: parts)
    }

    /// As `prepare(_:modelElements:stride:parts:)` for atom i of element `element[i]`.
    func prepare(element: [Int], stride: Int, parts: Int) {
        self.element.removeAll(keepingCapacity: true)
        self.element.append(contentsOf: element)
        sortAtoms(stride: stride, parts: parts)
    }

    private func sortAtoms(stride: Int, parts: Int) {
        let n = element.count
        for e in atomsOfElement.indices { atomsOfElement[e].removeAll(keepingCapacity: true) }
        for (i, e) in element.enumerated() { atomsOfElement[e].append(i) }
        if energies.count != n { energies = Array(repeating: 0, count: n) }
        // The inputs, outputs and gradients hold a batch of atoms, or one atom per part.
        let rows = max(n, parts)
        grow(&dEdG, to: n * stride)
        grow(&inputs, to: rows * stride)
        grow(&gradients, to: rows * stride)
        grow(&outputs, to: rows)
        UnsafeMutableBufferPointer(rebasing: dEdG[0..<n * stride]).update(repeating: 0)
        while partNetworks.count < parts { partNetworks.append(PartNetworks(kernel: kernel, networks: networks)) }
    }

    /// The workspace of element e's network for `part`.
    func networkWorkspace(element e: Int, part: Int) -> NeuralNetwork.Workspace { partNetworks[part].workspaces[e] }

    /// The energies buffer, for the kernel to fill.
    func withEnergies<R>(_ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        energies.withUnsafeMutableBufferPointer { body($0) }
    }

    private func grow(_ buffer: inout UnsafeMutableBufferPointer<Double>, to count: Int) {
        guard buffer.count < count else { return }
        buffer.deallocate()
        buffer = .allocate(capacity: count + count / 4)
    }
}
