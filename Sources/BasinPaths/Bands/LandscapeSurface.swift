import BasinMath
import BasinOptimize

/// A surface on which bands, saddle searches and descents run: an `Optimizable` (value and
/// gradient) that also gives its Hessian, the directions along which it is flat by symmetry,
/// and a test for two points being the same minimum.
///
/// Points have `dimension` coordinates (for atoms: x₁ y₁ z₁ x₂ …, length units), values are
/// energies and gradients their exact derivatives.
public protocol LandscapeSurface: Optimizable {
    /// The Hessian ∂²f/∂x_a∂x_b at `x`: `dimension` × `dimension`, symmetric.
    mutating func hessian(at x: [Double]) throws(Failure) -> DenseMatrix

    /// Orthonormal directions along which f is invariant at `x` (for a cluster: three
    /// translations and three rotations about the centroid; for a periodic cell: the three
    /// translations), each `dimension` numbers. Saddle searches and eigenvalue counts leave
    /// these out.
    func symmetryModes(at x: [Double]) -> [[Double]]

    /// The point equivalent to `x` by the surface's symmetry that lies closest to `reference`
    /// (for a cluster: `x` rotated and translated onto it, same numbering; in a periodic cell:
    /// every atom at the image nearest its reference position).
    func aligned(_ x: [Double], onto reference: [Double]) -> [Double]

    /// Whether the minima at `a` (value `valueA`) and `b` (value `valueB`) are the same one.
    func sameMinimum(_ a: [Double], value valueA: Double, _ b: [Double], value valueB: Double) -> Bool
}
