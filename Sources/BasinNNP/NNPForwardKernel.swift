/// The maps around each element's atomic network, written once for inference
/// (`NeuralNetworkPotential`) and training (BasinTraining's `Loss`):
///
///     x_is = S_min + f_s (G_is − o_s)                                 (input scaling)
///     E_i = (NN_e(x_i)/conv_energy + mean_energy + E_atom(e)) / energyFactor
///     ∂E_i/∂G_is = f_s (∂NN_e/∂x_is) / conv_energy / energyFactor
///
/// for atom i of element e and symmetry function s, with the scaling mode's shift S_min,
/// offset o_s and factor f_s from the model's statistics (`ScalingMode`). Energies are in model
/// units unless `energyFactor` (model energy per configuration energy) converts them.
public struct NNPForwardKernel: Sendable {
    /// Input scaling of each element's functions.
    let scalings: [[InputScaling]]
    /// f_s of each element's functions.
    public let factors: [[Double]]
    /// mean_energy + E_atom(e) of each element (model energy units).
    public let offsets: [Double]
    /// 1/conv_energy.
    public let inverseConv: Double

    public init(model: NNPModel) {
        let settings = model.settings
        precondition(!settings.scaling.needsStatistics || !model.statistics.isEmpty, "the scaling mode needs statistics")
        scalings = settings.symmetryFunctions.indices.map { e in
            settings.symmetryFunctions[e].functions.indices.map { s in
                InputScaling(
                    mode: settings.scaling, statistics: model.statistics.isEmpty ? nil : model.statistics[e][s],
                    minimum: settings.scaleMinimum, maximum: settings.scaleMaximum)
            }
        }
        factors = scalings.map { $0.map(\.factor) }
        let normalization = settings.normalization
        inverseConv = 1 / (normalization?.convEnergy ?? 1)
        offsets = settings.elements.map { (normalization?.meanEnergy ?? 0) + settings.atomEnergy($0) }
    }

    /// The same maps over arrays of their own, none shared with this kernel (see
    /// `NeuralNetwork.withOwnStorage()`).
    func withOwnStorage() -> NNPForwardKernel {
        NNPForwardKernel(scalings: scalings.map { $0.map { $0 } }, factors: factors.map { $0.map { $0 } }, offsets: offsets.map { $0 }, inverseConv: inverseConv)
    }

    private init(scalings: [[InputScaling]], factors: [[Double]], offsets: [Double], inverseConv: Double) {
        (self.scalings, self.factors, self.offsets, self.inverseConv) = (scalings, factors, offsets, inverseConv)
    }

    /// Number of inputs of element e's network.
    public func inputCount(element e: Int) -> Int { scalings[e].count }

    /// Writes the network inputs of `atoms` of element e into `inputs`, row a (of
    /// `inputCount(element:)` numbers) for `atoms[a]`, whose symmetry functions are row
    /// `atoms[a]` of `values` (rows `stride` apart).
    public func scaleInputs<Atoms: Collection<Int>>(
        element e: Int, atoms: Atoms, values: UnsafeBufferPointer<Double>, stride: Int, into inputs: UnsafeMutableBufferPointer<Double>
    ) {
        let scaling = scalings[e], n = scaling.count
        for (a, i) in atoms.enumerated() {
            for s in 0..<n { inputs[a * n + s] = scaling[s](values[i * stride + s]) }
        }
    }

    /// Writes E_i into `energies[i]` and ∂E_i/∂G_is into row i of `dEdG` (rows `stride` apart)
    /// for `atoms[a]` of element e, from the network's output a and row a of its input gradient.
    public func readOut<Atoms: Collection<Int>>(
        element e: Int, atoms: Atoms, outputs: UnsafeBufferPointer<Double>, inputGradient: UnsafeBufferPointer<Double>, stride: Int,
        energyFactor: Double = 1, energies: UnsafeMutableBufferPointer<Double>, dEdG: UnsafeMutableBufferPointer<Double>
    ) {
        let factor = factors[e], n = factor.count, offset = offsets[e], inverseConv = inverseConv
        for (a, i) in atoms.enumerated() {
            energies[i] = (outputs[a] * inverseConv + offset) / energyFactor
            for s in 0..<n { dEdG[i * stride + s] = inputGradient[a * n + s] * factor[s] * inverseConv / energyFactor }
        }
    }
}
