import BasinAtoms
import Foundation

/// Behler's angular symmetry functions, n2p2 types 3 (narrow, `SymFncExpAngn`) and 9 (wide,
/// `SymFncExpAngw`):
///
///     narrow: G_i = 2^{1−ζ} Σ_{j<k} (1 + λ cos θ_ijk)^ζ
///                   exp(−η[(r_ij − r_s)² + (r_ik − r_s)² + (r_jk − r_s)²]) f_c(r_ij) f_c(r_ik) f_c(r_jk)
///     wide:   the same without the r_jk factors (exponent and cutoff)
///
/// (Behler, J. Chem. Phys. 134, 074106 (2011), Eqs. 8–9, with n2p2's shift r_s in every
/// distance). The sum runs over unordered pairs of neighbors {j, k} within r_c whose elements
/// are {e1, e2}, periodic images included; θ_ijk is the angle at i. The narrow type also
/// requires r_jk < r_c; the wide type does not. A term with 1 + λ cos θ ≤ 0 is zero.
///
/// n2p2 grammar: `symfunction_short <ec> 3|9 <e1> <e2> <eta> <lambda> <zeta> <rc> [<rs>]`,
/// with η in length⁻², r_c and r_s (default 0) in length units, λ = ±1 and ζ dimensionless.
/// The neighbor elements are stored ordered by atomic number, as n2p2 does.
public struct AngularSymmetryFunction: Sendable, Hashable {
    /// Narrow (type 3) or wide (type 9).
    public let isWide: Bool
    /// Neighbor elements e1 and e2, with `e1.atomicNumber <= e2.atomicNumber`.
    public let e1: Element, e2: Element
    /// Width η (length⁻²).
    public let eta: Double
    /// λ = ±1.
    public let lambda: Double
    /// Exponent ζ.
    public let zeta: Double
    /// Shift r_s (length units).
    public let shift: Double
    /// Cutoff function, whose radius is r_c.
    public let cutoff: CutoffFunction
    /// 2^{1−ζ}.
    public let prefactor: Double

    public init(
        isWide: Bool, neighbors e1: Element, _ e2: Element, eta: Double, lambda: Double, zeta: Double,
        shift: Double = 0, cutoff: CutoffFunction
    ) {
        self.isWide = isWide
        (self.e1, self.e2) = e1.atomicNumber <= e2.atomicNumber ? (e1, e2) : (e2, e1)
        self.eta = eta
        self.lambda = lambda
        self.zeta = zeta
        self.shift = shift
        self.cutoff = cutoff
        prefactor = pow(2, 1 - zeta)
    }

    /// Whether a neighbor pair of elements (a, b), in either order, enters the sum.
    @inlinable
    public func matches(_ a: Element, _ b: Element) -> Bool {
        (a == e1 && b == e2) || (a == e2 && b == e1)
    }

    /// (1 + λc)^ζ and its derivative with respect to c = cos θ; both 0 when 1 + λc ≤ 0.
    @inlinable
    public func angularPart(_ c: Double) -> (value: Double, derivative: Double) {
        let base = 1 + lambda * c
        guard base > 0 else { return (0, 0) }
        let power = pow(base, zeta - 1)
        return (power * base, zeta * lambda * power)
    }
}
