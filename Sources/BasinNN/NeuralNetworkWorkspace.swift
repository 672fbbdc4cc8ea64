extension NeuralNetwork {
    /// Scratch memory for batched evaluation of one network shape, reused from call to call.
    ///
    /// For a batch of A atoms it holds, per layer l, row-major A × n_l blocks: the neuron values
    /// y_l (layer 0: a copy of the inputs) and, for l ≥ 1, f′_l, f″_l, the backpropagated
    /// δ_l = ∂E/∂(b_l + y_(l−1)W_l), the input tangent ż_l and the adjoint used by the mixed
    /// derivative. Memory grows only when a batch exceeds every earlier one, so steady-state
    /// calls do not allocate. Not thread-safe: use one workspace per thread.
    public final class Workspace {
        /// The blocks kept per layer.
        enum Block: Int, CaseIterable { case value, first, second, delta, tangent, adjoint }

        let layerSizes: [Int]
        /// Number of atoms the storage can hold.
        private(set) var capacity = 0
        /// Atoms in the batch of the last `evaluate`.
        var atomCount = 0
        /// Whether the last `evaluate` stored f″.
        var hasSecondDerivatives = false
        /// Whether the δ blocks belong to the last `evaluate`.
        var hasDeltas = false
        private var storage: UnsafeMutablePointer<Double>
        /// `offsets[block][l]`: start of that block of layer l in `storage`.
        private var offsets: [[Int]]

        /// A workspace for `network`'s shape, with room for `capacity` atoms to begin with.
        public init(for network: NeuralNetwork, capacity: Int = 0) {
            layerSizes = network.layerSizes
            storage = .allocate(capacity: 0)
            offsets = []
            reserve(capacity)
        }

        deinit { storage.deallocate() }

        /// Ensures room for `atoms` atoms, growing geometrically; contents are discarded on growth.
        func reserve(_ atoms: Int) {
            guard atoms > capacity || offsets.isEmpty else { return }
            capacity = max(atoms, 2 * capacity)
            var next = 0
            offsets = Block.allCases.map { block in
                layerSizes.indices.map { l in
                    defer { if l > 0 || block == .value { next += capacity * layerSizes[l] } }
                    return next
                }
            }
            storage.deallocate()
            storage = .allocate(capacity: max(next, 1))
            hasDeltas = false
        }

        /// Start of `block` for layer l: row a, column k is at `[a * n_l + k]`.
        func pointer(_ block: Block, _ l: Int) -> UnsafeMutablePointer<Double> {
            storage + offsets[block.rawValue][l]
        }
    }
}
