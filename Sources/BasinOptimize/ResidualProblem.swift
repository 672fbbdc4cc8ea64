import BasinMath

/// A nonlinear least-squares problem: residuals r(w) ∈ ℝᵐ of parameters w ∈ ℝⁿ and their
/// Jacobian J = ∂r/∂w (m × n), minimized in the sense of F(w) = ½ |r(w)|² = ½ Σᵢ rᵢ(w)².
///
/// For training a potential, rᵢ are the (weighted) differences between predicted and reference
/// energies and forces and w are the network weights. Invariants: both methods are
/// deterministic and J is the exact derivative of r.
public protocol ResidualProblem {
    /// What the methods can throw (`Never` for an analytic problem).
    associatedtype Failure: Error = Never

    /// Number of parameters n.
    var dimension: Int { get }
    /// Number of residuals m.
    var residualCount: Int { get }

    /// Writes r(w) into `residuals` (m numbers; their values on entry are ignored).
    mutating func residuals(at w: [Double], into residuals: inout [Double]) throws(Failure)

    /// Writes J(w) into `jacobian` (m × n, row i the gradient of rᵢ; values on entry are
    /// ignored). It is called only at a point whose residuals were the last ones computed, so
    /// an implementation may reuse work cached there.
    mutating func jacobian(at w: [Double], into jacobian: inout DenseMatrix) throws(Failure)
}
