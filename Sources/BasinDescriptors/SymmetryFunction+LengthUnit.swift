extension SymmetryFunction {
    /// The same function for lengths measured in a unit f times smaller: a distance ℓ becomes
    /// f·ℓ, so r_c → f r_c, r_s → f r_s, η → η/f² and κ → κ/f (n2p2's `changeLengthUnit`).
    /// G itself is unchanged: G'(f·x) = G(x).
    public func changingLengthUnit(by f: Double) -> SymmetryFunction {
        precondition(f > 0 && f.isFinite, "a positive length factor")
        let c = cutoff
        let cutoff = CutoffFunction(kind: c.kind, radius: c.radius * f, alpha: c.alpha)
        switch self {
        case .radial(let g):
            let form: RadialSymmetryFunction.Form
            switch g.form {
            case .gaussian(let eta, let shift): form = .gaussian(eta: eta / (f * f), shift: shift * f)
            case .cutoffOnly: form = .cutoffOnly
            case .cosine(let kappa): form = .cosine(kappa: kappa / f)
            }
            return .radial(RadialSymmetryFunction(neighbor: g.neighbor, form: form, cutoff: cutoff))
        case .angular(let g):
            return .angular(AngularSymmetryFunction(
                isWide: g.isWide, neighbors: g.e1, g.e2, eta: g.eta / (f * f), lambda: g.lambda, zeta: g.zeta,
                shift: g.shift * f, cutoff: cutoff))
        }
    }
}
