import BasinAtoms
import Foundation

/// Behler's radial symmetry function, n2p2 type 2 (`SymFncExpRad`):
///
///     G_i = Σ_{j ≠ i, el(j) = e1} exp(−η (r_ij − r_s)²) f_c(r_ij)
///
/// (Behler, J. Chem. Phys. 134, 074106 (2011), Eq. 6). The sum runs over every neighbor of
/// element e1 within r_c, periodic images included.
///
/// n2p2 grammar: `symfunction_short <ec> 2 <e1> <eta> <rs> <rc>`, with η in length⁻² and
/// r_s, r_c in length units.
public struct RadialSymmetryFunction: Sendable, Hashable {
    /// Neighbor element e1.
    public let neighbor: Element
    /// Width η (length⁻²).
    public let eta: Double
    /// Shift r_s (length units).
    public let shift: Double
    /// Cutoff function, whose radius is r_c.
    public let cutoff: CutoffFunction

    public init(neighbor: Element, eta: Double, shift: Double, cutoff: CutoffFunction) {
        self.neighbor = neighbor
        self.eta = eta
        self.shift = shift
        self.cutoff = cutoff
    }

    /// One neighbor's term exp(−η(r − r_s)²) f_c(r) and its derivative with respect to r.
    @inlinable
    public func term(_ r: Double) -> (value: Double, derivative: Double) {
        let (f, df) = cutoff.valueAndDerivative(r)
        let u = r - shift
        let g = exp(-eta * u * u)
        return (g * f, g * (df - 2 * eta * u * f))
    }
}
