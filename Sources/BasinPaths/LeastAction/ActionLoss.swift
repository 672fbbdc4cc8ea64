import BasinMath
import BasinPotentials

/// The loss of a least-action trajectory network (Wang et al., J. Chem. Inf. Model. 62, 3346,
/// 2022, eqs. 4–6, with masses explicit) and its exact weight gradient:
///
///     L = w_A Σ_k |r_k|² Δt + λ₁|Q(0) − Q₀|² + λ₂|Q(T) − Q_T|² + λ₃ (1/K) Σ_k [E_k − E₀]²
///         + λ_v0 |Q̇(0) − V₀|² + λ_vT |Q̇(T) − V_T|²,
///
/// r_k = c M Q̈(t_k) + ∇V(Q(t_k)), E_k = ½ c Σ m q̇² + V(Q(t_k)), over the K = N_t + 1 grid times
/// (c converts mass·velocity² to energy). The gradient back-propagates
///
///     ∂L/∂Q̈_k = 2 w_A Δt c M r_k,   ∂L/∂Q_k = 2 w_A Δt H_k r_k − (2λ₃/K)(E_k − E₀) F_k,
///     ∂L/∂Q̇_k = (2λ₃/K)(E_k − E₀) c M Q̇_k   (plus the boundary terms at k = 0 and N_t)
///
/// through the network; H_k r_k comes from the problem's `HessianProduct`. Each grid time
/// has its own calculator, and the times are split over `threads`; sums run in a fixed order,
/// so results do not depend on the thread count beyond rounding of the Hessian products.
public final class ActionLoss: @unchecked Sendable {
    public let problem: LeastActionProblem
    public let threads: Int
    public let workspace: TrajectoryWorkspace
    let points: [GridPoint]

    public init(problem: LeastActionProblem, hiddenCount: Int, threads: Int = 1) {
        self.problem = problem
        self.threads = max(1, threads)
        workspace = TrajectoryWorkspace(hiddenCount: hiddenCount, outputCount: 3 * problem.atomCount, times: problem.gridTimes)
        points = problem.gridTimes.map { _ in GridPoint(template: problem.template, potential: problem.potential) }
    }

    /// L at `network`'s parameters, without the gradient (no Hessian products).
    public func value(_ network: TrajectoryNetwork) throws(LeastActionError) -> ActionLossValue {
        var unused: [Double] = []
        return try evaluate(network, gradient: &unused, wantsGradient: false)
    }

    /// L at `network`'s parameters, with its gradient written to `gradient`.
    public func evaluate(_ network: TrajectoryNetwork, gradient: inout [Double]) throws(LeastActionError) -> ActionLossValue {
        try evaluate(network, gradient: &gradient, wantsGradient: true)
    }

    private func evaluate(_ network: TrajectoryNetwork, gradient: inout [Double], wantsGradient: Bool) throws(LeastActionError) -> ActionLossValue {
        precondition(network.outputCount == 3 * problem.atomCount && network.hiddenCount == workspace.hiddenCount, "network of another shape")
        precondition(network.duration == problem.duration, "network over another duration")
        network.evaluate(into: workspace, threads: threads)
        let k = points.count, d = network.outputCount
        let weights = problem.weights
        let product: HessianProduct? = wantsGradient && weights.action > 0 ? problem.hessianProduct : nil
        try evaluatePoints(product: product)

        var value = ActionLossValue()
        let dt = problem.timeStep
        value.action = weights.action * dt * points.reduce(0) { $0 + $1.residualSquared }
        let reference: Double
        switch problem.energyReference {
        case .fixed(let e): reference = e
        case .pathMean: reference = points.reduce(0) { $0 + $1.totalEnergy } / Double(k)
        }
        value.energy = weights.energy * points.reduce(0) { $0 + ($1.totalEnergy - reference) * ($1.totalEnergy - reference) } / Double(k)
        workspace.withBuffers { w in
            value.start = weights.start * Self.squaredDistance(w.outputs, problem.startPositions, d)
            value.end = weights.end * Self.squaredDistance(w.outputs + (k - 1) * d, problem.endPositions, d)
            if let v0 = problem.startVelocities, weights.startVelocity > 0 {
                value.startVelocity = weights.startVelocity * Self.squaredDistance(w.outputs + k * d, v0, d)
            }
            if let vT = problem.endVelocities, weights.endVelocity > 0 {
                value.endVelocity = weights.endVelocity * Self.squaredDistance(w.outputs + (2 * k - 1) * d, vT, d)
            }
        }
        guard value.total.isFinite else {
            throw .potential(.nonFiniteResult("loss", potential: String(describing: type(of: problem.potential))))
        }
        if wantsGradient {
            fillAdjoints(reference: reference)
            network.backpropagate(workspace, into: &gradient, threads: threads)
        }
        return value
    }

    private func evaluatePoints(product: HessianProduct?) throws(LeastActionError) {
        let k = points.count, d = workspace.outputCount
        let parts = min(threads, k)
        var failures = [PotentialError?](repeating: nil, count: parts)
        workspace.withBuffers { w in
            failures.withUnsafeMutableBufferPointer { failed in
                nonisolated(unsafe) let failed = failed
                concurrentForEach(parts) { part in
                    for r in stride(from: part, to: k, by: parts) {
                        do throws(PotentialError) {
                            try points[r].evaluate(
                                positions: w.outputs + r * d, velocities: w.outputs + (k + r) * d,
                                accelerations: w.outputs + (2 * k + r) * d, product: product)
                        } catch {
                            failed[part] = error
                            return
                        }
                    }
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw .potential(failure) }
    }

    /// ∂L/∂Q, ∂L/∂Q̇, ∂L/∂Q̈ of every grid time into the workspace's adjoints.
    private func fillAdjoints(reference: Double) {
        let k = points.count, d = workspace.outputCount, n = problem.atomCount
        let weights = problem.weights
        let c = problem.template.units.massVelocitySquaredToEnergy
        let actionFactor = 2 * weights.action * problem.timeStep
        let energyFactor = 2 * weights.energy / Double(k)
        problem.template.masses.withUnsafeBufferPointer { m in
        workspace.withBuffers { w in
            for r in 0..<k {
                let point = points[r]
                let gq = w.adjoints + r * d, gv = w.adjoints + (k + r) * d, ga = w.adjoints + (2 * k + r) * d
                let v = w.outputs + (k + r) * d
                let deviation = energyFactor * (point.totalEnergy - reference)
                point.residual.withUnsafeBufferPointer { res in
                point.hessianTimesResidual.withUnsafeBufferPointer { hr in
                point.evaluation.forces.withUnsafeBufferPointer { f in
                    for i in 0..<n {
                        let massFactor = c * m[i]
                        for a in 0..<3 {
                            let o = 3 * i + a
                            gq[o] = (actionFactor > 0 ? actionFactor * hr[o] : 0) - deviation * f[i][a]
                            gv[o] = deviation * massFactor * v[o]
                            ga[o] = actionFactor * massFactor * res[o]
                        }
                    }
                }}}
            }
            Self.addDifference(w.adjoints, w.outputs, problem.startPositions, 2 * weights.start, d)
            Self.addDifference(w.adjoints + (k - 1) * d, w.outputs + (k - 1) * d, problem.endPositions, 2 * weights.end, d)
            if let v0 = problem.startVelocities, weights.startVelocity > 0 {
                Self.addDifference(w.adjoints + k * d, w.outputs + k * d, v0, 2 * weights.startVelocity, d)
            }
            if let vT = problem.endVelocities, weights.endVelocity > 0 {
                Self.addDifference(w.adjoints + (2 * k - 1) * d, w.outputs + (2 * k - 1) * d, vT, 2 * weights.endVelocity, d)
            }
        }}
    }

    static func squaredDistance(_ x: UnsafePointer<Double>, _ y: [Double], _ d: Int) -> Double {
        var sum = 0.0
        for o in 0..<d { sum += (x[o] - y[o]) * (x[o] - y[o]) }
        return sum
    }

    /// g += factor (x − y).
    static func addDifference(_ g: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ y: [Double], _ factor: Double, _ d: Int) {
        guard factor != 0 else { return }
        for o in 0..<d { g[o] += factor * (x[o] - y[o]) }
    }
}
