/// The m most recent correction pairs sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ of L-BFGS and the
/// two-loop recursion that applies the inverse-Hessian approximation they define (Nocedal,
/// Math. Comp. 35, 773 (1980); Nocedal & Wright, *Numerical Optimization*, Algorithm 7.4).
///
/// Pairs live in a ring buffer of m·n numbers each, allocated once. Invariant: every stored
/// pair has sᵀy > 0, so the approximation stays positive definite.
///
/// A value carries what L-BFGS has learned; passing it to `LBFGS.minimize(…continuing:)` again
/// continues with those pairs (it is `Codable`, so a checkpoint can keep it).
public struct CorrectionHistory: InverseHessianApproximation, Codable, Sendable, Equatable {
    public let memory: Int
    public let dimension: Int
    private var s: [Double]
    private var y: [Double]
    /// 1 / sᵀy of each slot.
    private var rho: [Double]
    /// Scratch for the first loop.
    private var alpha: [Double]
    /// Slot of the newest pair.
    private var newest = -1
    /// Number of pairs stored (at most `memory`).
    public private(set) var count = 0
    /// sᵀy / yᵀy of the newest pair: the scale γ of the initial matrix H₀ = γI (N&W eq. 7.20).
    private var scale = 1.0

    /// An empty history of up to `memory` pairs for a problem of `dimension` variables.
    public init(memory: Int, dimension: Int) {
        precondition(memory >= 1, "L-BFGS needs a memory of at least one pair")
        self.memory = memory
        self.dimension = dimension
        s = [Double](repeating: 0, count: memory * dimension)
        y = s
        rho = [Double](repeating: 0, count: memory)
        alpha = rho
    }

    var isEmpty: Bool { count == 0 }

    mutating func clear() {
        count = 0
        newest = -1
        scale = 1
    }

    /// Stores the pair from (x, g) to (xNew, gNew), unless sᵀy is not safely positive (a step
    /// that did not satisfy the curvature condition), in which case the history is unchanged.
    mutating func append(from x: [Double], to xNew: [Double], gradient g: [Double], to gNew: [Double]) {
        var sy = 0.0, ss = 0.0, yy = 0.0
        for k in 0..<dimension {
            let dx = xNew[k] - x[k], dg = gNew[k] - g[k]
            sy += dx * dg
            ss += dx * dx
            yy += dg * dg
        }
        guard sy > 1e-12 * (ss * yy).squareRoot() else { return }
        newest = (newest + 1) % memory
        count = min(count + 1, memory)
        let base = newest * dimension
        for k in 0..<dimension {
            s[base + k] = xNew[k] - x[k]
            y[base + k] = gNew[k] - g[k]
        }
        rho[newest] = 1 / sy
        scale = sy / yy
    }

    /// r ← H g, the two-loop recursion.
    mutating func applyInverseHessian(to g: [Double], into r: inout [Double]) {
        r.assign(1, times: g)
        for age in 0..<count {
            let slot = (newest - age + memory) % memory
            alpha[slot] = rho[slot] * slotDot(s, slot, r)
            slotAdd(-alpha[slot], y, slot, to: &r)
        }
        for k in 0..<dimension { r[k] *= scale }
        for age in stride(from: count - 1, through: 0, by: -1) {
            let slot = (newest - age + memory) % memory
            let beta = rho[slot] * slotDot(y, slot, r)
            slotAdd(alpha[slot] - beta, s, slot, to: &r)
        }
    }

    private func slotDot(_ storage: [Double], _ slot: Int, _ v: [Double]) -> Double {
        let base = slot * dimension
        var sum = 0.0
        for k in 0..<dimension { sum += storage[base + k] * v[k] }
        return sum
    }

    private func slotAdd(_ a: Double, _ storage: [Double], _ slot: Int, to v: inout [Double]) {
        let base = slot * dimension
        for k in 0..<dimension { v[k] += a * storage[base + k] }
    }
}
