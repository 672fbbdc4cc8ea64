import BasinAtoms
import Foundation

/// Behler's radial symmetry functions G¹, G² and G³ of one neighbor element e1:
///
///     G¹_i = Σ_{j ≠ i, el(j) = e1} f_c(r_ij)                       (type 1, `cutoffOnly`)
///     G²_i = Σ_{j ≠ i, el(j) = e1} exp(−η (r_ij − r_s)²) f_c(r_ij)  (type 2, `gaussian`)
///     G³_i = Σ_{j ≠ i, el(j) = e1} cos(κ r_ij) f_c(r_ij)           (type 4, `cosine`)
///
/// (Behler, J. Chem. Phys. 134, 074106 (2011), Eqs. 5, 6 and 7). The sums run over every neighbor
/// of element e1 within r_c, periodic images included.
///
/// Grammar, with η in length⁻², κ in radians per length unit and r_s, r_c in length units:
///
///     symfunction_short <ec> 1 <e1> <rc>              RuNNer only
///     symfunction_short <ec> 2 <e1> <eta> <rs> <rc>   n2p2 `SymFncExpRad` and RuNNer
///     symfunction_short <ec> 4 <e1> <kappa> <rc>      RuNNer only
///
/// Types 1 and 4 are RuNNer's codes (RuNNer readsymfunctionatomic.f90 reads `<ec> 1 <e1> <rc>`
/// and `<ec> 4 <e1> <eta> <rc>`, and calconefunction evaluates type 4 as Σ cos(η r_ij) f_c(r_ij),
/// so its η slot holds κ). n2p2 has neither and stops on such lines.
public struct RadialSymmetryFunction: Sendable, Hashable {
    /// The radial shape multiplying f_c.
    public enum Form: Sendable, Hashable {
        /// exp(−η (r − r_s)²), η in length⁻² and r_s in length units (type 2).
        case gaussian(eta: Double, shift: Double)
        /// 1: G is a smooth neighbor count (type 1).
        case cutoffOnly
        /// cos(κ r), κ in radians per length unit (type 4).
        case cosine(kappa: Double)
    }

    /// Neighbor element e1.
    public let neighbor: Element
    public let form: Form
    /// Cutoff function, whose radius is r_c.
    public let cutoff: CutoffFunction

    /// A Gaussian function (type 2).
    public init(neighbor: Element, eta: Double, shift: Double, cutoff: CutoffFunction) {
        self.init(neighbor: neighbor, form: .gaussian(eta: eta, shift: shift), cutoff: cutoff)
    }

    public init(neighbor: Element, form: Form, cutoff: CutoffFunction) {
        self.neighbor = neighbor
        self.form = form
        self.cutoff = cutoff
    }

    /// The type code: 1, 2 or 4.
    public var typeCode: Int {
        switch form {
        case .cutoffOnly: 1
        case .gaussian: 2
        case .cosine: 4
        }
    }

    /// Width η of the Gaussian form (length⁻²); 0 for the others, whose shape does not decay.
    public var eta: Double {
        if case .gaussian(let eta, _) = form { return eta }
        return 0
    }

    /// Shift r_s of the Gaussian form (length units); 0 for the others.
    public var shift: Double {
        if case .gaussian(_, let shift) = form { return shift }
        return 0
    }

    /// One neighbor's term, shape(r) f_c(r), and its derivative with respect to r.
    @inlinable
    public func term(_ r: Double) -> (value: Double, derivative: Double) {
        let (f, df) = cutoff.valueAndDerivative(r)
        return term(r, cutoff: f, cutoffDerivative: df)
    }

    /// The term at r given f_c(r) and f_c′(r), for loops that share the cutoff between functions.
    @inlinable
    public func term(_ r: Double, cutoff f: Double, cutoffDerivative df: Double) -> (value: Double, derivative: Double) {
        switch form {
        case .gaussian(let eta, let shift):
            let u = r - shift
            let g = exp(-eta * u * u)
            return (g * f, g * (df - 2 * eta * u * f))
        case .cutoffOnly:
            return (f, df)
        case .cosine(let kappa):
            let c = cos(kappa * r), s = sin(kappa * r)
            return (c * f, c * df - kappa * s * f)
        }
    }
}
