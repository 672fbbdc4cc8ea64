import BasinAtoms

/// One symmetry function of an element's descriptor: a radial function (types 1, 2 and 4, see
/// `RadialSymmetryFunction`) or an angular one (n2p2 types 3 and 9). n2p2 reads types 2, 3 and 9;
/// types 1 and 4 are RuNNer's and make n2p2 stop.
public enum SymmetryFunction: Sendable, Hashable {
    case radial(RadialSymmetryFunction)
    case angular(AngularSymmetryFunction)

    /// The type code: 1 (cutoff only), 2 (Gaussian), 4 (cosine), 3 (narrow angular) or 9 (wide angular).
    public var typeCode: Int {
        switch self {
        case .radial(let g): g.typeCode
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

    /// n2p2's order (`operator<` of SymFncExpRad, SymFncExpAngn, SymFncExpAngw): by type code
    /// (1 < 2 < 3 < 4 < 9), then cutoff type, α, r_c, then the shape parameters (η, r_s for
    /// type 2; κ for type 4; η, r_s, ζ, λ for angular functions) and last the neighbor elements.
    /// Elements compare by atomic number, n2p2's element index order. Types 1 and 4 are placed
    /// by the same rule, as n2p2 would if it had them.
    public static func precedes(_ a: SymmetryFunction, _ b: SymmetryFunction) -> Bool {
        if a.typeCode != b.typeCode { return a.typeCode < b.typeCode }
        let ca = a.cutoff, cb = b.cutoff
        if ca.kind != cb.kind { return ca.kind.rawValue < cb.kind.rawValue }
        if ca.alpha != cb.alpha { return ca.alpha < cb.alpha }
        if ca.radius != cb.radius { return ca.radius < cb.radius }
        switch (a, b) {
        case (.radial(let x), .radial(let y)):
            switch (x.form, y.form) {
            case (.gaussian(let ex, let sx), .gaussian(let ey, let sy)):
                return (ex, sx, x.neighbor.atomicNumber) < (ey, sy, y.neighbor.atomicNumber)
            case (.cosine(let kx), .cosine(let ky)):
                return (kx, x.neighbor.atomicNumber) < (ky, y.neighbor.atomicNumber)
            default:
                return x.neighbor.atomicNumber < y.neighbor.atomicNumber
            }
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

extension SymmetryFunction {
    /// The function as an input.nn line for central element `central`, in the grammar of its
    /// type (angular lines always carry r_s; types 1 and 4 in RuNNer's grammar, which n2p2 does
    /// not read). Numbers use the shortest text that reads back to the same `Double`, so a set
    /// survives any number of write/read cycles unchanged.
    public func settingsLine(central: Element) -> String {
        let head = "symfunction_short \(central.symbol) \(typeCode)"
        switch self {
        case .radial(let g):
            switch g.form {
            case .gaussian(let eta, let shift):
                return "\(head) \(g.neighbor.symbol) \(eta) \(shift) \(g.cutoff.radius)"
            case .cutoffOnly:
                return "\(head) \(g.neighbor.symbol) \(g.cutoff.radius)"
            case .cosine(let kappa):
                return "\(head) \(g.neighbor.symbol) \(kappa) \(g.cutoff.radius)"
            }
        case .angular(let g):
            return "\(head) \(g.e1.symbol) \(g.e2.symbol) \(g.eta) \(g.lambda) \(g.zeta) \(g.cutoff.radius) \(g.shift)"
        }
    }
}
