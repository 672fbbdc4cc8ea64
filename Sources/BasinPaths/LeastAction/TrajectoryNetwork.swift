import BasinMath

/// A network that maps time to all coordinates of a trajectory (Wang et al., J. Chem. Inf.
/// Model. 62, 3346, 2022): one input, one hidden layer of n units, D outputs,
///
///     Q(t) = W₁ σ(w₀ s + b₀) + b₁,   s = t / T,
///
/// so that Q(0) and Q(T) are the outputs at s = 0 and s = 1. Velocities and accelerations are
/// the exact time derivatives through the layer,
///
///     Q̇(t) = W₁ [σ′(h) ⊙ w₀] / T,   Q̈(t) = W₁ [σ″(h) ⊙ w₀²] / T²,   h = w₀ s + b₀.
///
/// The parameters are one contiguous vector: w₀ (n), b₀ (n), W₁ stored transposed as n rows of
/// D numbers (row j holds the D output weights of hidden unit j), then b₁ (D). Outputs are
/// ordered atom by atom, (x₀, y₀, z₀, x₁, …), in length units; T is in time units.
public struct TrajectoryNetwork: Sendable, Codable, Equatable {
    /// n, hidden units.
    public let hiddenCount: Int
    /// D, outputs (three per atom).
    public let outputCount: Int
    /// T > 0, the time the network spans (time units).
    public let duration: Double
    public let activation: TimeActivation
    /// n(D + 2) + D numbers in the layout above.
    public var parameters: [Double]

    /// A network with random weights: hidden slopes w₀ uniform in ±`slope`, biases placing
    /// each unit's centre −b₀/w₀ uniformly in [0, 1], output weights uniform in ±`outputScale`
    /// and b₁ = `offset` (e.g. the start coordinates; zeros when nil).
    public init(
        hiddenCount: Int, outputCount: Int, duration: Double, activation: TimeActivation = .sigmoid,
        slope: Double = 8, outputScale: Double = 0.01, offset: [Double]? = nil, generator: inout SeededGenerator
    ) {
        precondition(hiddenCount >= 1 && outputCount >= 1 && duration > 0 && duration.isFinite, "need n ≥ 1, D ≥ 1 and T > 0")
        precondition(offset == nil || offset!.count == outputCount, "one offset per output")
        self.hiddenCount = hiddenCount
        self.outputCount = outputCount
        self.duration = duration
        self.activation = activation
        var p = [Double](repeating: 0, count: hiddenCount * (outputCount + 2) + outputCount)
        for j in 0..<hiddenCount {
            let w = slope * (2 * generator.uniform() - 1)
            p[j] = w
            p[hiddenCount + j] = -w * generator.uniform()
        }
        for k in 2 * hiddenCount..<2 * hiddenCount + hiddenCount * outputCount {
            p[k] = outputScale * (2 * generator.uniform() - 1)
        }
        if let offset {
            for o in 0..<outputCount { p[2 * hiddenCount + hiddenCount * outputCount + o] = offset[o] }
        }
        parameters = p
    }

    /// A network with the given parameters.
    public init(hiddenCount: Int, outputCount: Int, duration: Double, activation: TimeActivation, parameters: [Double]) {
        precondition(parameters.count == hiddenCount * (outputCount + 2) + outputCount, "wrong number of parameters")
        precondition(duration > 0 && duration.isFinite, "need T > 0")
        self.hiddenCount = hiddenCount
        self.outputCount = outputCount
        self.duration = duration
        self.activation = activation
        self.parameters = parameters
    }

    /// Number of parameters, n(D + 2) + D.
    public var parameterCount: Int { parameters.count }

    var outputBiasOffset: Int { 2 * hiddenCount + hiddenCount * outputCount }

    /// Evaluates Q, Q̇ and Q̈ at `workspace.times` into `workspace.outputs`: rows 0..<K hold the
    /// positions, K..<2K the velocities and 2K..<3K the accelerations (K times, D columns). The
    /// product is split over `threads` by columns.
    public func evaluate(into workspace: TrajectoryWorkspace, threads: Int = 1) {
        precondition(workspace.hiddenCount == hiddenCount && workspace.outputCount == outputCount, "workspace of another shape")
        let n = hiddenCount, d = outputCount, k = workspace.times.count
        let inverseT = 1 / duration, inverseT2 = inverseT * inverseT
        parameters.withUnsafeBufferPointer { p in
            workspace.withBuffers { w in
                // Hidden rows, stored negated (the product kernel subtracts), and their transpose.
                for r in 0..<k {
                    let s = workspace.times[r] * inverseT
                    for j in 0..<n {
                        let w0 = p[j]
                        let (value, first, second, third) = activation.derivatives(w0 * s + p[n + j])
                        w.first[r * n + j] = first
                        w.second[r * n + j] = second
                        w.third[r * n + j] = third
                        w.negatedHidden[r * n + j] = -value
                        w.negatedHidden[(k + r) * n + j] = -first * w0 * inverseT
                        w.negatedHidden[(2 * k + r) * n + j] = -second * w0 * w0 * inverseT2
                    }
                }
                let bias = p.baseAddress! + outputBiasOffset
                for r in 0..<3 * k {
                    let row = w.outputs + r * d
                    if r < k {
                        row.update(from: bias, count: d)
                    } else {
                        row.update(repeating: 0, count: d)
                    }
                }
                let weights = p.baseAddress! + 2 * n
                Self.columnBlocks(d, threads: threads) { j0, j1 in
                    DenseKernels.subtractProduct(
                        c: w.outputs + j0, ldc: d, a: w.negatedHidden, lda: n, b: weights + j0, ldb: d,
                        rows: 3 * k, columns: j1 - j0, depth: n)
                }
            }
        }
    }

    /// The weight gradient of a function of the outputs, given its adjoints in
    /// `workspace.adjoints` (∂L/∂Q, ∂L/∂Q̇, ∂L/∂Q̈ in the row layout of `outputs`), after
    /// `evaluate(into:)` at the same parameters. Overwrites `gradient` (parameterCount numbers).
    /// The work is split over `threads` by output columns and by hidden units; every number is
    /// summed in the same order whatever the thread count.
    public func backpropagate(_ workspace: TrajectoryWorkspace, into gradient: inout [Double], threads: Int = 1) {
        precondition(workspace.hiddenCount == hiddenCount && workspace.outputCount == outputCount, "workspace of another shape")
        if gradient.count != parameterCount { gradient = [Double](repeating: 0, count: parameterCount) }
        let n = hiddenCount, d = outputCount, k = workspace.times.count
        let inverseT = 1 / duration, inverseT2 = inverseT * inverseT
        parameters.withUnsafeBufferPointer { p in
        gradient.withUnsafeMutableBufferPointer { g in
            workspace.withBuffers { w in
                let g0 = g.baseAddress!
                g0.update(repeating: 0, count: parameterCount)
                // ∂L/∂W₁ᵀ = Hᵀ G: the transposed hidden rows (negated) times the adjoints, subtracted.
                for r in 0..<3 * k {
                    for j in 0..<n { w.negatedHiddenTransposed[j * 3 * k + r] = w.negatedHidden[r * n + j] }
                }
                Self.columnBlocks(d, threads: threads) { j0, j1 in
                    DenseKernels.subtractProduct(
                        c: g0 + 2 * n + j0, ldc: d, a: w.negatedHiddenTransposed, lda: 3 * k, b: w.adjoints + j0, ldb: d,
                        rows: n, columns: j1 - j0, depth: 3 * k)
                }
                let biasGradient = g0 + outputBiasOffset
                for r in 0..<k {
                    let row = w.adjoints + r * d
                    for o in 0..<d { biasGradient[o] += row[o] }
                }
                // Hidden adjoints G W₁, one dot product per (row, unit), then the chain rule
                // through h = w₀ s + b₀ for value, first and second time derivative.
                let weights = p.baseAddress! + 2 * n
                let parts = min(threads, n)
                concurrentForEach(parts) { part in
                    for j in (n * part / parts)..<(n * (part + 1) / parts) {
                        let column = weights + j * d
                        let w0 = p[j]
                        var gw = 0.0, gb = 0.0
                        for r in 0..<k {
                            let s = workspace.times[r] * inverseT
                            let ga = DenseKernels.dot(w.adjoints + r * d, column, count: d)
                            let gv = DenseKernels.dot(w.adjoints + (k + r) * d, column, count: d)
                            let gacc = DenseKernels.dot(w.adjoints + (2 * k + r) * d, column, count: d)
                            let first = w.first[r * n + j], second = w.second[r * n + j], third = w.third[r * n + j]
                            gw += ga * first * s
                                + gv * (second * s * w0 + first) * inverseT
                                + gacc * (third * s * w0 * w0 + 2 * second * w0) * inverseT2
                            gb += ga * first + gv * second * w0 * inverseT + gacc * third * w0 * w0 * inverseT2
                        }
                        g0[j] = gw
                        g0[n + j] = gb
                    }
                }
            }
        }}
    }

    /// Runs `body(j0, j1)` on `threads` disjoint column ranges covering 0..<columns, each a
    /// multiple of four wide except the last, so the product kernel keeps its 4 × 4 tiles.
    static func columnBlocks(_ columns: Int, threads: Int, _ body: (Int, Int) -> Void) {
        let parts = max(1, min(threads, columns / 64))
        concurrentForEach(parts) { part in
            let j0 = (columns * part / parts) & ~3
            let j1 = part == parts - 1 ? columns : (columns * (part + 1) / parts) & ~3
            body(j0, j1)
        }
    }

    /// Q(t), Q̇(t) and Q̈(t) at one time (D numbers each); allocates, for output rather than training.
    public func state(at time: Double) -> (positions: [Double], velocities: [Double], accelerations: [Double]) {
        let workspace = TrajectoryWorkspace(network: self, times: [time])
        evaluate(into: workspace)
        let d = outputCount
        return (Array(workspace.outputs[0..<d]), Array(workspace.outputs[d..<2 * d]), Array(workspace.outputs[2 * d..<3 * d]))
    }
}
