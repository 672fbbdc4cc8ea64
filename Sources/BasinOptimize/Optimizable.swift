/// A differentiable function f: ℝⁿ → ℝ that minimizers descend: the interface through which
/// they see an atomic cluster, a periodic cell, a path of images or the weights of a network.
///
/// Following ASE's `Optimizable`, minimizers never touch atoms directly. They own the point
/// `x` and ask the problem for f(x) and ∇f(x); the problem says how large a gradient or a step
/// is (`norm`), which is what the force threshold and the maximum step are compared with.
///
/// Invariants: `evaluate` is deterministic (the same `x` gives the same value and gradient) and
/// `gradient` is the exact derivative of the value, in the problem's units (for atoms: energy
/// and energy / length, so the gradient is minus the forces).
public protocol Optimizable {
    /// What `evaluate` can throw (`Never` for an analytic function).
    associatedtype Failure: Error = Never

    /// Number of coordinates n.
    var dimension: Int { get }

    /// Returns f(x) and writes ∇f(x) into `gradient`.
    /// - Parameters:
    ///   - x: the point, `dimension` numbers.
    ///   - gradient: `dimension` numbers on entry (their values are ignored); ∇f(x) on return.
    mutating func evaluate(at x: [Double], gradient: inout [Double]) throws(Failure) -> Double

    /// The size of a gradient or a step in the sense the stopping test and step limits use.
    ///
    /// For atoms it is the largest per-atom length, maxᵢ |vᵢ| over 3-vectors (ASE's fmax);
    /// by default it is the largest component, maxₖ |vₖ|.
    func norm(_ vector: [Double]) -> Double
}

extension Optimizable {
    /// The largest component in magnitude, maxₖ |vₖ|.
    public func norm(_ vector: [Double]) -> Double {
        vector.reduce(0) { max($0, abs($1)) }
    }
}
