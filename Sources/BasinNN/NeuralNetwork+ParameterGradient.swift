extension NeuralNetwork {
    /// Adds Σ_a c_a ∂E_a/∂w for every parameter w (n2p2's `calculateDEdc`, batched) for the
    /// atoms of the last `evaluate` with `workspace`: ∂E_a/∂w_l,jk = δ_l,ak · y_(l−1),aj and
    /// ∂E_a/∂b_lk = δ_l,ak.
    /// - Parameters:
    ///   - atomWeights: c_a, one per atom; `nil` means all 1 (the gradient of Σ_a E_a).
    ///     A single atom's gradient is the one with c = e_a.
    ///   - gradient: `parameterCount` entries in `parameters` order, accumulated into.
    public func accumulateParameterGradient(
        atomWeights: UnsafeBufferPointer<Double>?, workspace ws: Workspace,
        into gradient: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(gradient.count == parameterCount)
        precondition(atomWeights.map { $0.count == ws.atomCount } ?? true, "one weight per atom")
        backpropagate(ws)
        let g = gradient.baseAddress!
        for l in 1...outputLayer {
            let (nPrev, n) = (layerSizes[l - 1], layerSizes[l])
            let y = ws.pointer(.value, l - 1), d = ws.pointer(.delta, l)
            let gw = g + weightOffsets[l], gb = g + biasOffset(l)
            for a in 0..<ws.atomCount {
                let c = atomWeights?[a] ?? 1, da = d + a * n, ya = y + a * nPrev
                for j in 0..<nPrev {
                    let cy = c * ya[j], row = gw + j * n
                    for k in 0..<n { row[k] += cy * da[k] }
                }
                for k in 0..<n { gb[k] += c * da[k] }
            }
        }
    }

    /// Adds ∂/∂w of H = Σ_a Σ_s v_as ∂E_a/∂G_as for every parameter w: the derivative that
    /// force training needs (with v_as = ∂G_as/∂x for a force component x; n2p2's
    /// `calculateDFdc` is its negative for one atom). Computed analytically by a forward
    /// tangent pass along v followed by a reverse pass through both primal and tangent.
    /// Requires the last `evaluate` to have stored second derivatives.
    /// - Parameters:
    ///   - directions: row-major A × n_0 matrix v (atom weights can be folded into its rows).
    ///   - gradient: `parameterCount` entries in `parameters` order, accumulated into.
    public func accumulateInputGradientParameterDerivative(
        directions v: UnsafeBufferPointer<Double>, workspace ws: Workspace,
        into gradient: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(ws.hasSecondDerivatives, "evaluate with secondDerivatives: true first")
        precondition(v.count == ws.atomCount * inputCount && gradient.count == parameterCount)
        backpropagate(ws)
        let atoms = ws.atomCount, L = outputLayer, g = gradient.baseAddress!
        parameters.withUnsafeBufferPointer { p in
            let params = p.baseAddress!
            // Tangent: ż_l = s_l (ẏ_(l−1) W_l), ẏ_0 = v, ẏ_l = f′_l ż_l.
            for l in 1...L {
                let (nPrev, n, s) = (layerSizes[l - 1], layerSizes[l], scale(l))
                let w = params + weightOffsets[l], t = ws.pointer(.tangent, l)
                for a in 0..<atoms {
                    let row = t + a * n
                    row.update(repeating: 0, count: n)
                    for j in 0..<nPrev {
                        let yj = tangentValue(l - 1, a, j, v, ws)
                        let wj = w + j * n
                        for k in 0..<n { row[k] += yj * wj[k] }
                    }
                    for k in 0..<n { row[k] *= s }
                }
            }
            // Reverse: adjoint ū_l = s_l (ẏ̄_l f″_l ż_l + ȳ_l f′_l), with ẏ̄_L = 1, ȳ_L = 0,
            // ẏ̄_l = δ_(l+1) W_(l+1)ᵀ and ȳ_l = ū_(l+1) W_(l+1)ᵀ.
            for l in stride(from: L, through: 1, by: -1) {
                let (nPrev, n, s) = (layerSizes[l - 1], layerSizes[l], scale(l))
                let u = ws.pointer(.adjoint, l), f1 = ws.pointer(.first, l), f2 = ws.pointer(.second, l)
                let t = ws.pointer(.tangent, l)
                if l == L {
                    for a in 0..<atoms { u[a] = s * f2[a] * t[a] }
                } else {
                    let w = params + weightOffsets[l + 1], nNext = layerSizes[l + 1]
                    let dNext = ws.pointer(.delta, l + 1), uNext = ws.pointer(.adjoint, l + 1)
                    for a in 0..<atoms {
                        for j in 0..<n {
                            let wj = w + j * nNext
                            var yDotBar = 0.0, yBar = 0.0
                            for k in 0..<nNext {
                                yDotBar += dNext[a * nNext + k] * wj[k]
                                yBar += uNext[a * nNext + k] * wj[k]
                            }
                            let i = a * n + j
                            u[i] = s * (yDotBar * f2[i] * t[i] + yBar * f1[i])
                        }
                    }
                }
                // ∂H/∂w_l,jk = Σ_a ū_l,ak y_(l−1),aj + δ_l,ak ẏ_(l−1),aj; ∂H/∂b_lk = Σ_a ū_l,ak.
                let y = ws.pointer(.value, l - 1), d = ws.pointer(.delta, l)
                let gw = g + weightOffsets[l], gb = g + biasOffset(l)
                for a in 0..<atoms {
                    let ua = u + a * n, da = d + a * n
                    for j in 0..<nPrev {
                        let yj = y[a * nPrev + j], yDot = tangentValue(l - 1, a, j, v, ws)
                        let row = gw + j * n
                        for k in 0..<n { row[k] += ua[k] * yj + da[k] * yDot }
                    }
                    for k in 0..<n { gb[k] += ua[k] }
                }
            }
        }
    }

    /// ẏ_l for atom a, neuron j: v for the input layer, f′_l ż_l above it.
    @inline(__always)
    private func tangentValue(_ l: Int, _ a: Int, _ j: Int, _ v: UnsafeBufferPointer<Double>, _ ws: Workspace) -> Double {
        if l == 0 { return v[a * inputCount + j] }
        let i = a * layerSizes[l] + j
        return ws.pointer(.first, l)[i] * ws.pointer(.tangent, l)[i]
    }
}
