/// How the loss computes Hessian–vector products H v of the potential energy, which the weight
/// gradient of the action term needs.
public enum HessianProduct: Sendable, Codable, Equatable {
    /// Exact: for Lennard-Jones a pass over the pair list (`LennardJonesHessianProduct`), for
    /// other potentials with an analytic Hessian (Morse) the dense matrix times v.
    case analytic
    /// A central directional difference of the forces,
    /// H v ≈ −[F(Q + ε v̂) − F(Q − ε v̂)] |v| / (2ε), with ε in length units; error O(ε²),
    /// two extra force evaluations per grid time. For potentials without an analytic Hessian.
    case forceDifference(step: Double)

    /// ε = 10⁻⁴ length units: truncation error about 10⁻⁸ relative for smooth potentials in
    /// σ- or Å-sized units, rounding error about 10⁻¹² relative.
    public static let defaultStep = 1e-4
}
