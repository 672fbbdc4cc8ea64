import BasinMath
import BasinNN
import BasinOptimize

/// The full-batch training loss as an `Optimizable`, for BFGS and L-BFGS: f(w) = Γ(w)/N and its
/// gradient, with N the number of structures (the mean loss per structure, so the scale does
/// not grow with the data set).
public struct TrainingObjective: Optimizable {
    public let loss: Loss

    public init(loss: Loss) {
        self.loss = loss
    }

    public var dimension: Int { loss.parameterCount }

    public mutating func evaluate(at x: [Double], gradient: inout [Double]) -> Double {
        let scale = 1 / Double(max(1, loss.structures.count))
        let (value, g) = loss.valueAndGradient(parameters: x)
        for k in g.indices { gradient[k] = scale * g[k] }
        return scale * value.total
    }
}

/// Every training residual stacked, as a `ResidualProblem` for Levenberg–Marquardt: the
/// residuals of each structure j in order (`Loss.residuals(structure:)`), then, when
/// λ > 0, √λ w_k for every parameter, so that ½|r|² = Γ exactly. Structures are spread over
/// `loss.threads` concurrent parts.
public struct TrainingResiduals: ResidualProblem {
    public let loss: Loss
    /// First row of each structure, and of the regularization rows at the end.
    public let rowOffsets: [Int]

    public init(loss: Loss) {
        self.loss = loss
        var offsets = [0]
        for j in loss.structures.indices { offsets.append(offsets.last! + loss.residualCount(structure: j)) }
        rowOffsets = offsets
    }

    public var dimension: Int { loss.parameterCount }

    public var residualCount: Int { rowOffsets.last! + (loss.regularization > 0 ? loss.parameterCount : 0) }

    public mutating func residuals(at w: [Double], into residuals: inout [Double]) {
        let loss = self.loss, rowOffsets = self.rowOffsets, parts = max(1, min(loss.threads, loss.structures.count))
        residuals.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            concurrentForEach(parts) { part in
                for j in loss.range(part, of: parts) {
                    for (i, r) in loss.residuals(structure: j, parameters: w).enumerated() { buffer[rowOffsets[j] + i] = r }
                }
            }
        }
        if loss.regularization > 0 {
            let root = loss.regularization.squareRoot(), base = rowOffsets.last!
            for k in w.indices { residuals[base + k] = root * w[k] }
        }
    }

    public mutating func jacobian(at w: [Double], into jacobian: inout DenseMatrix) {
        let loss = self.loss, rowOffsets = self.rowOffsets, parts = max(1, min(loss.threads, loss.structures.count))
        let n = loss.parameterCount
        jacobian.storage.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            concurrentForEach(parts) { part in
                for j in loss.range(part, of: parts) {
                    let block = loss.residualsAndJacobian(structure: j, parameters: w).jacobian
                    let base = rowOffsets[j] * n
                    for q in block.indices { buffer[base + q] = block[q] }
                }
            }
        }
        if loss.regularization > 0 {
            let root = loss.regularization.squareRoot(), base = rowOffsets.last!
            for k in 0..<n {
                for q in 0..<n { jacobian[base + k, q] = 0 }
                jacobian[base + k, k] = root
            }
        }
    }
}

extension Loss {
    /// The mini-batch estimate of ∇(Γ/N) over the structures `batch` (indices, B of them):
    /// (1/B) Σ_{j ∈ batch} ∇Γ_j + (λ/N) w, N the number of structures. Deterministic: the
    /// batch is split into up to `threads` contiguous parts summed in order.
    func batchGradient(parameters w: [Double], batch: [Int]) -> [Double] {
        let networks = networks(w)
        let offsets = model.parameterOffsets, p = offsets.last!
        let parts = max(1, min(threads, batch.count))
        var gradients = [[Double]](repeating: [Double](repeating: 0, count: p), count: parts)
        gradients.withUnsafeMutableBufferPointer { gradients in
            nonisolated(unsafe) let gradients = gradients
            concurrentForEach(parts) { part in
                let workspaces = networks.map { NeuralNetwork.Workspace(for: $0) }
                var value = Value()
                var g = gradients[part]
                g.withUnsafeMutableBufferPointer { g in
                    for k in (batch.count * part / parts)..<(batch.count * (part + 1) / parts) {
                        accumulate(batch[k], networks, workspaces, offsets: offsets, value: &value, gradient: g)
                    }
                }
                gradients[part] = g
            }
        }
        var gradient = gradients[0]
        for part in 1..<parts { for q in 0..<p { gradient[q] += gradients[part][q] } }
        let scale = 1 / Double(max(1, batch.count)), decay = regularization / Double(max(1, structures.count))
        for q in 0..<p { gradient[q] = scale * gradient[q] + decay * w[q] }
        return gradient
    }

    /// Γ (from one forward pass per structure) and the error statistics at `w`.
    func evaluation(parameters w: [Double]) -> (value: Value, errors: Errors) {
        var value = Value(), errors = Errors()
        var e2 = 0.0, e1 = 0.0, e0 = 0.0, f2 = 0.0, f1 = 0.0
        for (structure, prediction) in zip(structures, predictions(parameters: w)) {
            let n = Double(structure.count)
            let de = (prediction.energy - structure.energy) / n
            value.energy += 0.5 * energyWeight * de * de
            e2 += de * de
            e1 += abs(de)
            e0 += de
            var squares = 0.0
            for (p, r) in zip(prediction.forces, structure.forces) {
                let d = p - r
                squares += (d * d).sum()
                f1 += abs(d.x) + abs(d.y) + abs(d.z)
            }
            f2 += squares
            value.forces += 0.5 * forceWeight / (3 * n) * squares
            errors.structureCount += 1
            errors.forceComponentCount += 3 * structure.count
        }
        value.regularization = 0.5 * regularization * w.reduce(0) { $0 + $1 * $1 }
        if errors.structureCount > 0 {
            errors.energyPerAtomRMSE = (e2 / Double(errors.structureCount)).squareRoot()
            errors.energyPerAtomMAE = e1 / Double(errors.structureCount)
            errors.energyPerAtomMeanError = e0 / Double(errors.structureCount)
            errors.forceRMSE = (f2 / Double(errors.forceComponentCount)).squareRoot()
            errors.forceMAE = f1 / Double(errors.forceComponentCount)
        }
        return (value, errors)
    }
}
