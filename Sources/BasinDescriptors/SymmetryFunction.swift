import BasinAtoms

/// One symmetry function of an element's descriptor: a radial (n2p2 type 2) or angular
/// (types 3 and 9) function.
public enum SymmetryFunction: Sendable, Hashable {
    case radial(RadialSymmetryFunction)
    case angular(AngularSymmetryFunction)

    /// The n2p2 type code: 2, 3 (narrow angular) or 9 (wide angular).
    public var typeCode: Int {
        switch self {
        case .radial: 2
        case .angular(let g): g.isWide ? 9 : 3
        }
    }

    /// The cutoff function (radius r_c in length units).
    public var cutoff: CutoffFunction {
        switch self {
        case .radial(let g): g.cutoff
        case .angular(let g): g.cutoff
        }
    }

    /// n2p2's order (`operator<` of SymFncExpRad, SymFncExpAngn, SymFncExpAngw): by type, then
    /// cutoff type, α, r_c, η, r_s, and for angular functions ζ, λ, e1, e2; radial functions
    /// end with e1. Elements compare by atomic number, n2p2's element index order.
    public static func precedes(_ a: SymmetryFunction, _ b: SymmetryFunction) -> Bool {
        if a.typeCode != b.typeCode { return a.typeCode < b.typeCode }
        let ca = a.cutoff, cb = b.cutoff
        if ca.kind != cb.kind { return ca.kind.rawValue < cb.kind.rawValue }
        if ca.alpha != cb.alpha { return ca.alpha < cb.alpha }
        if ca.radius != cb.radius { return ca.radius < cb.radius }
        switch (a, b) {
        case (.radial(let x), .radial(let y)):
            return (x.eta, x.shift, x.neighbor.atomicNumber) < (y.eta, y.shift, y.neighbor.atomicNumber)
        case (.angular(let x), .angular(let y)):
            if (x.eta, x.shift, x.zeta, x.lambda) != (y.eta, y.shift, y.zeta, y.lambda) {
                return (x.eta, x.shift, x.zeta, x.lambda) < (y.eta, y.shift, y.zeta, y.lambda)
            }
            return (x.e1.atomicNumber, x.e2.atomicNumber) < (y.e1.atomicNumber, y.e2.atomicNumber)
        default:
            return false
        }
    }
}
