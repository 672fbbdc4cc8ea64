import BasinAtoms
import BasinText

/// Reads n2p2 `symfunction_short` lines (n2p2 src/libnnp/Settings.cpp, SymFncExpRad.cpp,
/// SymFncBaseExpAng.cpp `setParameters`), and RuNNer's radial types 1 and 4
/// (RuNNer readsymfunctionatomic.f90), which n2p2 cannot read:
///
///     symfunction_short <ec> 1 <e1> <rc>
///     symfunction_short <ec> 2 <e1> <eta> <rs> <rc>
///     symfunction_short <ec> 4 <e1> <kappa> <rc>
///     symfunction_short <ec> 3|9 <e1> <e2> <eta> <lambda> <zeta> <rc> [<rs>]
///
/// The alias keyword `symfunction` is accepted, and text after `#` or `!` is a comment. η is in
/// length⁻², κ in radians per length unit, r_s and r_c in length units. Every function uses the global cutoff (n2p2's
/// `cutoff_type <code> [alpha]`) with its own radius r_c.
public struct SymmetryFunctionParser: Sendable {
    /// The cutoff type of every function.
    public let cutoffKind: CutoffKind
    /// Inner-radius fraction α of the cutoff.
    public let alpha: Double

    public init(cutoffKind: CutoffKind, alpha: Double = 0) {
        self.cutoffKind = cutoffKind
        self.alpha = alpha
    }

    /// The central element and the function of one line; `line` is its 1-based number, for errors.
    public func parse(_ text: String, line: Int) throws(SymmetryFunctionParseError) -> (central: Element, function: SymmetryFunction) {
        func fail(_ reason: String) -> SymmetryFunctionParseError { SymmetryFunctionParseError(line: line, reason: reason) }
        let content = text.prefix { $0 != "#" && $0 != "!" }
        let tokens = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
        guard let keyword = tokens.first, keyword == "symfunction_short" || keyword == "symfunction" else {
            throw fail("expected the keyword symfunction_short")
        }
        guard tokens.count >= 3 else { throw fail("expected a central element and a type") }
        func element(_ k: Int) throws(SymmetryFunctionParseError) -> Element {
            guard let e = try? Element(symbol: tokens[k]) else { throw fail("unknown element '\(TextExcerpt.quote(tokens[k]))'") }
            return e
        }
        func number(_ k: Int, _ name: String) throws(SymmetryFunctionParseError) -> Double {
            guard let x = Double(tokens[k]), x.isFinite else { throw fail("\(name) is not a number: '\(TextExcerpt.quote(tokens[k]))'") }
            return x
        }
        let central = try element(1)
        switch tokens[2] {
        case "1":
            guard tokens.count == 5 else { throw fail("type 1 takes <e1> <rc>, got \(tokens.count - 3) values") }
            let radius = try number(4, "rc")
            try check(radius: radius, fail)
            let g = RadialSymmetryFunction(neighbor: try element(3), form: .cutoffOnly, cutoff: cutoff(radius))
            return (central, .radial(g))
        case "2":
            guard tokens.count == 7 else { throw fail("type 2 takes <e1> <eta> <rs> <rc>, got \(tokens.count - 3) values") }
            let eta = try number(4, "eta"), shift = try number(5, "rs"), radius = try number(6, "rc")
            try check(eta: eta, radius: radius, fail)
            let g = RadialSymmetryFunction(neighbor: try element(3), eta: eta, shift: shift, cutoff: cutoff(radius))
            return (central, .radial(g))
        case "4":
            guard tokens.count == 6 else { throw fail("type 4 takes <e1> <kappa> <rc>, got \(tokens.count - 3) values") }
            let kappa = try number(4, "kappa"), radius = try number(5, "rc")
            guard kappa >= 0 else { throw fail("kappa must not be negative, got \(kappa)") }
            try check(radius: radius, fail)
            let g = RadialSymmetryFunction(neighbor: try element(3), form: .cosine(kappa: kappa), cutoff: cutoff(radius))
            return (central, .radial(g))
        case "3", "9":
            guard tokens.count == 9 || tokens.count == 10 else {
                throw fail("type \(tokens[2]) takes <e1> <e2> <eta> <lambda> <zeta> <rc> [<rs>], got \(tokens.count - 3) values")
            }
            let eta = try number(5, "eta"), lambda = try number(6, "lambda"), zeta = try number(7, "zeta")
            let radius = try number(8, "rc"), shift = tokens.count == 10 ? try number(9, "rs") : 0
            try check(eta: eta, radius: radius, fail)
            guard lambda == 1 || lambda == -1 else { throw fail("lambda must be 1 or -1, got \(lambda)") }
            guard zeta >= 1 else { throw fail("zeta must be at least 1, got \(zeta)") }
            let g = AngularSymmetryFunction(
                isWide: tokens[2] == "9", neighbors: try element(3), try element(4), eta: eta, lambda: lambda,
                zeta: zeta, shift: shift, cutoff: cutoff(radius))
            return (central, .angular(g))
        default:
            throw fail("unsupported symmetry function type '\(TextExcerpt.quote(tokens[2]))' (supported: 1, 2, 3, 4, 9)")
        }
    }

    private func cutoff(_ radius: Double) -> CutoffFunction {
        CutoffFunction(kind: cutoffKind, radius: radius, alpha: alpha)
    }

    private func check(
        eta: Double, radius: Double, _ fail: (String) -> SymmetryFunctionParseError
    ) throws(SymmetryFunctionParseError) {
        guard eta >= 0 else { throw fail("eta must not be negative, got \(eta)") }
        try check(radius: radius, fail)
    }

    private func check(radius: Double, _ fail: (String) -> SymmetryFunctionParseError) throws(SymmetryFunctionParseError) {
        guard radius > 0 else { throw fail("rc must be positive, got \(radius)") }
    }
}
