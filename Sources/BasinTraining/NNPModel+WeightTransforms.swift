import BasinNN
import BasinNNP

extension NNPModel {
    /// `previous`'s weights re-expressed in this model's input scaling and energy normalization,
    /// so that this model, given them, predicts exactly the energies and forces `previous` does.
    ///
    /// A model refitted on a grown data set gets new scaling.data statistics and a new
    /// normalization (mean_energy, conv_energy), while a warm start should begin from the
    /// previous fit's predictions, not from its weights read in other units. Both maps are
    /// affine and meet linear parts of each network: an input is x = S_min + f·(G − o), so
    /// with x_old = a_k + (f_old/f_new)·x_new for input k the first layer takes
    /// w′_jk = w_jk·f_old,j/f_new,j and b′_k = b_k + Σ_j w_jk·a_j (a function constant in the new
    /// data, f_new = 0, is folded into the bias at its new centre); the identity output o (per atom,
    /// E = Σ_i o_i/conv_energy + N·mean_energy) takes o′ = r·o + conv_new·(mean_old − mean_new)
    /// with r = conv_new/conv_old, by scaling the output layer's weights and bias by r and
    /// adding the shift to its bias (divided by s_L under `normalize_nodes`).
    ///
    /// Precondition: the same elements, symmetry functions, architectures and scaling mode;
    /// the output activation is the identity.
    public func reexpressedParameters(of previous: NNPModel) -> [Double] {
        precondition(previous.settings.symmetryFunctions == settings.symmetryFunctions
            && previous.settings.architectures == settings.architectures && previous.settings.scaling == settings.scaling,
            "re-expressed weights need the same functions, networks and scaling")
        let convOld = previous.settings.normalization?.convEnergy ?? 1, convNew = settings.normalization?.convEnergy ?? 1
        let meanOld = previous.settings.normalization?.meanEnergy ?? 0, meanNew = settings.normalization?.meanEnergy ?? 0
        return previous.networks.indices.flatMap { e -> [Double] in
            var network = previous.networks[e]
            precondition(network.activations.last == .identity, "re-expressed weights need an identity output")
            let first = 1, last = network.outputLayer
            // x_old,j = a_j + ratio_j · x_new,j.
            var a = [Double](repeating: 0, count: network.inputCount), ratio = a
            for j in 0..<network.inputCount {
                let was = previous.inputScaling(element: e, function: j), now = inputScaling(element: e, function: j)
                if now.factor == 0 {
                    a[j] = was(now.offset)
                } else {
                    ratio[j] = was.factor / now.factor
                    a[j] = was(now.offset + (0 - now.shift) / now.factor)
                }
            }
            for k in 0..<network.layerSizes[first] {
                var shift = 0.0
                for j in 0..<network.inputCount {
                    let w = network[weight: first, from: j, to: k]
                    shift += w * a[j]
                    network[weight: first, from: j, to: k] = w * ratio[j]
                }
                network[bias: first, neuron: k] += shift
            }
            let r = convNew / convOld
            for j in 0..<network.layerSizes[last - 1] { network[weight: last, from: j, to: 0] *= r }
            network[bias: last, neuron: 0] = r * network[bias: last, neuron: 0] + convNew * (meanOld - meanNew) / Self.nodeScale(network)
            return network.parameters
        }
    }

    /// Weights `w` (this model's shape) changed so that every atom's energy, and so every
    /// structure's energy per atom, is `delta` (model energy units) higher and no force
    /// changes: each output bias grows by delta·conv_energy/s_L. Precondition: identity outputs.
    public func parameters(_ w: [Double], shiftingAtomEnergiesBy delta: Double) -> [Double] {
        var shifted = w
        let conv = settings.normalization?.convEnergy ?? 1, offsets = parameterOffsets
        for (e, network) in networks.enumerated() {
            precondition(network.activations.last == .identity, "an energy shift needs an identity output")
            shifted[offsets[e] + network.biasIndex(layer: network.outputLayer, neuron: 0)] += delta * conv / Self.nodeScale(network)
        }
        return shifted
    }

    /// s_L, the factor of the output neuron's pre-activation.
    static func nodeScale(_ network: NeuralNetwork) -> Double {
        network.normalizesNodes ? 1 / Double(network.layerSizes[network.outputLayer - 1]) : 1
    }

    /// The input map of function s of element e.
    func inputScaling(element e: Int, function s: Int) -> InputScaling {
        InputScaling(
            mode: settings.scaling, statistics: statistics.isEmpty ? nil : statistics[e][s],
            minimum: settings.scaleMinimum, maximum: settings.scaleMaximum)
    }
}
