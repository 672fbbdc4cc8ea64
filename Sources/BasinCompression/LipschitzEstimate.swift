import BasinMath

/// Estimates of L**(n, r) = max over ‖X − X*‖ = r of ‖U′(X*)⁻¹U′(X) − I‖₂ / r, the constant of
/// Wang's theorem on the sphere of radius r about the minimum X* (Retzlaff, Munson & Di).
public struct LipschitzEstimate: Sendable {
    public let problem: ReducedLennardJones
    /// X*, reduced coordinates.
    public let minimum: [Double]
    public let ratio: RatioNorm
    public var threads: Int

    public init(problem: ReducedLennardJones, minimum: [Double], reference: CholeskyFactorization, threads: Int = 1) {
        self.problem = problem
        self.minimum = minimum
        ratio = RatioNorm(reference: reference)
        self.threads = threads
    }

    /// The shortest path to a collision (the paper's Algorithm 2): its unit direction, the
    /// length of the unnormalised direction, and the distance ‖X_c − X*‖ to the configuration
    /// X_c where the pair coincides, which is the nearest singular configuration (the
    /// potential is singular where two atoms meet).
    ///
    /// For a pair (i, j) with unit vector u from i to j, atom i moves along +P_i·u and atom j
    /// along −P_j·u, where P projects onto an atom's free coordinates (none for atom 1, x for
    /// atom 2, x and y for atom 3). A perturbation of norm r then closes the pair at the rate
    /// √(|P_i u|² + |P_j u|²) per unit r, so the pair needing the least perturbation to collide
    /// minimises d_ij / √(|P_i u|² + |P_j u|²). The unnormalised direction (+P_i u, −P_j u) has
    /// length √2 for two free atoms: moving each atom r/2, as the paper does, is a perturbation
    /// of norm r·length/2 (see `CompressionConventions`).
    public func collisionPath() -> CollisionPath {
        let layout = problem.layout
        let p = layout.positions(from: minimum)
        var best = (cost: Double.infinity, i: 0, j: 1)
        func freeWeight(_ atom: Int, _ u: SIMD3<Double>) -> Double {
            var sum = 0.0
            for d in 0..<3 where layout.variable(atom: atom, component: d) >= 0 { sum += u[d] * u[d] }
            return sum
        }
        for i in 0..<p.count {
            for j in (i + 1)..<p.count {
                let delta = p[j] - p[i]
                let distance = (delta * delta).sum().squareRoot()
                let u = delta / distance
                let rate = (freeWeight(i, u) + freeWeight(j, u)).squareRoot()
                guard rate > 0 else { continue }
                let cost = distance / rate
                if cost < best.cost { best = (cost, i, j) }
            }
        }
        let delta = p[best.j] - p[best.i]
        let u = delta / (delta * delta).sum().squareRoot()
        var direction = [Double](repeating: 0, count: problem.variableCount)
        for d in 0..<3 {
            let a = layout.variable(atom: best.i, component: d)
            if a >= 0 { direction[a] += u[d] }
            let b = layout.variable(atom: best.j, component: d)
            if b >= 0 { direction[b] -= u[d] }
        }
        let norm = Vectors.norm(direction)
        return CollisionPath(direction: direction.map { $0 / norm }, length: norm, distance: best.cost)
    }

    /// The unit direction of the shortest path to a collision (`collisionPath()`).
    public func collisionDirection() -> [Double] { collisionPath().direction }

    /// L**_est(n, r) along `path` under `conventions`: ‖U′(X*)⁻¹U′(X) − I‖₂ / r at the point
    /// the path reaches for the nominal radius r.
    public func shortestPath(
        radius r: Double, path: CollisionPath, conventions: CompressionConventions,
        workspace: inout RatioNorm.Workspace
    ) -> Double {
        let step = conventions.pathLength(radius: r, rawDirectionNorm: path.length)
        return ratio(direction: path.direction, radius: step, workspace: &workspace) * step / r
    }

    /// ‖U′(X*)⁻¹U′(X* + r·d) − I‖₂ / r for a unit direction d.
    public func ratio(direction: [Double], radius: Double) -> Double {
        var workspace = RatioNorm.Workspace(dimension: problem.variableCount)
        return ratio(direction: direction, radius: radius, workspace: &workspace)
    }

    /// The same with a reused `workspace`, whose previous singular vector warm-starts the power
    /// iteration (for a sequence of nearby radii).
    public func ratio(direction: [Double], radius: Double, workspace: inout RatioNorm.Workspace) -> Double {
        var x = minimum
        for k in x.indices { x[k] += radius * direction[k] }
        let h = problem.hessian(x, threads: threads)
        return ratio.norm(of: h, workspace: &workspace, warmStart: true, threads: threads) / radius
    }

    /// The shortest-path estimate L**_est(n, r) (Algorithm 2).
    public func shortestPath(radius: Double, conventions: CompressionConventions = .basin) -> Double {
        var workspace = RatioNorm.Workspace(dimension: problem.variableCount)
        return shortestPath(radius: radius, path: collisionPath(), conventions: conventions, workspace: &workspace)
    }

    /// The random-sampling estimate L**_rand(n, r) (the paper's eq. 4.7): the largest ratio over
    /// `samples` directions whose components are uniform in [−1, 1], normalised. Sample k uses
    /// its own generator seeded from (`seed`, k), so the result does not depend on `threads`;
    /// `progress` is called between batches with the number of samples done. Each ratio's
    /// power iteration stops at a relative change of `tolerance`.
    public func randomSampling(
        radius: Double, samples: Int, seed: UInt64, tolerance: Double = 1e-5, progress: ((Int) -> Void)? = nil
    ) -> Double {
        let m = problem.variableCount
        var ratio = ratio
        ratio.tolerance = tolerance
        let parts = max(1, min(threads, samples))
        let batches = max(1, min(samples / max(parts, 1), 50))
        var largest = 0.0
        var done = 0
        for batch in 0..<batches {
            let first = samples * batch / batches, end = samples * (batch + 1) / batches
            var maxima = [Double](repeating: 0, count: parts)
            maxima.withUnsafeMutableBufferPointer { maxima in
                let maxima = maxima
                concurrentForEach(parts) { part in
                    let start = first + (end - first) * part / parts, stop = first + (end - first) * (part + 1) / parts
                    var workspace = RatioNorm.Workspace(dimension: m)
                    var hessian = DenseMatrix(rows: m, columns: m)
                    var x = minimum
                    var direction = [Double](repeating: 0, count: m)
                    var best = 0.0
                    for k in start..<stop {
                        var generator = SeededGenerator(seed: seed ^ (UInt64(k) &* 0x9E37_79B9_7F4A_7C15))
                        var length = 0.0
                        for i in 0..<m {
                            direction[i] = 2 * generator.uniform() - 1
                            length += direction[i] * direction[i]
                        }
                        let scale = radius / length.squareRoot()
                        for i in 0..<m { x[i] = minimum[i] + scale * direction[i] }
                        problem.hessian(x, into: &hessian)
                        best = max(best, ratio.norm(of: hessian, workspace: &workspace))
                    }
                    maxima[part] = best
                }
            }
            largest = max(largest, maxima.max() ?? 0)
            done = end
            progress?(done)
        }
        return largest / radius
    }
}

/// The shortest path from a minimum to a collision of two atoms (`LipschitzEstimate.collisionPath`).
public struct CollisionPath: Sendable {
    /// Unit direction in reduced coordinates.
    public var direction: [Double]
    /// Length of the unnormalised direction (+P_i u, −P_j u): √2 for two free atoms.
    public var length: Double
    /// ‖X_c − X*‖, the distance along `direction` at which the pair coincides (reduced
    /// length units): d_ij / √(|P_i u|² + |P_j u|²).
    public var distance: Double
}
