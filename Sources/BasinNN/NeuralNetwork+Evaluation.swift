extension NeuralNetwork {
    /// Evaluates the network for a batch of atoms of one element.
    ///
    /// Each layer is one small matrix–matrix product Z = Y_(l−1) · W_l (A × n_(l−1) times
    /// n_(l−1) × n_l) over contiguous rows, started from the biases; then the activation.
    /// - Parameters:
    ///   - inputs: row-major A × n_0 matrix, row a = the inputs of atom a.
    ///   - outputs: A entries, receives the energy E_a of each atom.
    ///   - workspace: scratch for this shape; keeps what the gradient methods need.
    ///   - secondDerivatives: also store f″ (needed by
    ///     `accumulateInputGradientParameterDerivative`).
    public func evaluate(
        inputs: UnsafeBufferPointer<Double>, outputs: UnsafeMutableBufferPointer<Double>,
        workspace ws: Workspace, secondDerivatives: Bool = false
    ) {
        let atoms = outputs.count
        precondition(ws.layerSizes == layerSizes, "workspace made for another network shape")
        precondition(inputs.count == atoms * inputCount, "inputs must be atoms × inputCount")
        ws.reserve(atoms)
        ws.atomCount = atoms
        ws.hasSecondDerivatives = secondDerivatives
        ws.hasDeltas = false
        if atoms == 0 { return }
        ws.pointer(.value, 0).update(from: inputs.baseAddress!, count: inputs.count)
        parameters.withUnsafeBufferPointer { p in
            for l in 1...outputLayer {
                let (nPrev, n, s) = (layerSizes[l - 1], layerSizes[l], scale(l))
                let w = p.baseAddress! + weightOffsets[l], b = p.baseAddress! + biasOffset(l)
                let y = ws.pointer(.value, l - 1), z = ws.pointer(.value, l)
                for a in 0..<atoms {
                    let row = z + a * n, input = y + a * nPrev
                    row.update(from: b, count: n)
                    for j in 0..<nPrev {
                        let yj = input[j], wj = w + j * n
                        for k in 0..<n { row[k] += yj * wj[k] }
                    }
                    if s != 1 { for k in 0..<n { row[k] *= s } }
                }
                activations[l - 1].apply(
                    z, count: atoms * n, first: ws.pointer(.first, l),
                    second: secondDerivatives ? ws.pointer(.second, l) : nil)
            }
        }
        let out = ws.pointer(.value, outputLayer)
        for a in 0..<atoms { outputs[a] = out[a] }
    }

    /// Convenience form of `evaluate` over arrays; returns one energy per atom.
    public func evaluate(inputs: [Double], workspace: Workspace, secondDerivatives: Bool = false) -> [Double] {
        var outputs = [Double](repeating: 0, count: inputs.count / inputCount)
        inputs.withUnsafeBufferPointer { i in
            outputs.withUnsafeMutableBufferPointer { evaluate(inputs: i, outputs: $0, workspace: workspace, secondDerivatives: secondDerivatives) }
        }
        return outputs
    }

    /// ∂E_a/∂G_as for every atom a and input s of the last `evaluate` with `workspace`,
    /// by backpropagation (n2p2's `calculateDEdG`, batched).
    /// - Parameter gradient: row-major A × n_0, overwritten.
    public func inputGradient(workspace ws: Workspace, into gradient: UnsafeMutableBufferPointer<Double>) {
        precondition(gradient.count == ws.atomCount * inputCount, "gradient must be atoms × inputCount")
        backpropagate(ws)
        parameters.withUnsafeBufferPointer { p in
            multiplyTransposed(ws.pointer(.delta, 1), p.baseAddress! + weightOffsets[1], atoms: ws.atomCount,
                               rows: inputCount, columns: layerSizes[1], into: gradient.baseAddress!)
        }
    }

    /// Convenience form of `inputGradient` returning a new A × n_0 array.
    public func inputGradient(workspace: Workspace) -> [Double] {
        var g = [Double](repeating: 0, count: workspace.atomCount * inputCount)
        g.withUnsafeMutableBufferPointer { inputGradient(workspace: workspace, into: $0) }
        return g
    }

    /// Fills the δ blocks: δ_L = s_L f′_L, δ_(l−1) = s_(l−1) f′_(l−1) ⊙ (δ_l W_lᵀ).
    func backpropagate(_ ws: Workspace) {
        guard !ws.hasDeltas else { return }
        let atoms = ws.atomCount, L = outputLayer
        let dL = ws.pointer(.delta, L), fL = ws.pointer(.first, L), sL = scale(L)
        for a in 0..<atoms { dL[a] = sL * fL[a] }
        parameters.withUnsafeBufferPointer { p in
            for l in stride(from: L, to: 1, by: -1) {
                let nPrev = layerSizes[l - 1], prev = ws.pointer(.delta, l - 1)
                multiplyTransposed(ws.pointer(.delta, l), p.baseAddress! + weightOffsets[l], atoms: atoms,
                                   rows: nPrev, columns: layerSizes[l], into: prev)
                let f = ws.pointer(.first, l - 1), s = scale(l - 1)
                for i in 0..<atoms * nPrev { prev[i] *= s * f[i] }
            }
        }
        ws.hasDeltas = true
    }

    /// out[a][j] = Σ_k x[a][k] · w[j][k] for A × columns `x` and rows × columns `w`
    /// (a weight block), giving A × rows `out`: contiguous dot products.
    func multiplyTransposed(
        _ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, atoms: Int, rows: Int, columns: Int,
        into out: UnsafeMutablePointer<Double>
    ) {
        for a in 0..<atoms {
            let xa = x + a * columns
            for j in 0..<rows {
                let wj = w + j * columns
                var sum = 0.0
                for k in 0..<columns { sum += xa[k] * wj[k] }
                out[a * rows + j] = sum
            }
        }
    }
}
