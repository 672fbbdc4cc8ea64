/// The steric two-body term of the Vashishta potential (P. Vashishta, R. K. Kalia, J. P. Rino
/// and I. Ebbsjö, Phys. Rev. B 41, 12197 (1990)), H_ij / r^η_ij per element pair, shifted as
/// Vashishta's two-body term is so that energy and force vanish at r_c:
/// V(r) − V(r_c) − (r − r_c) V′(r_c). As a model baseline it is the steep repulsion that keeps
/// Si and O from passing through each other, which a network cannot learn from the few close
/// contacts in its data. It is LAMMPS `pair_style vashishta` with every other parameter
/// (charges, D, W, B, r0) zero (`vashishtaText` is that file), evaluated here by the shared
/// pair loop (see `StericRepulsion+Potential.swift`).
public struct StericRepulsion: Sendable, Equatable {
    /// H (eV·Å^η), η and r_c (Å) of one pair.
    public struct Term: Sendable, Equatable {
        public var h: Double
        public var eta: Double
        public var cutoff: Double

        public init(h: Double, eta: Double, cutoff: Double) {
            self.h = h
            self.eta = eta
            self.cutoff = cutoff
        }
    }

    /// The elements, alphabetically; pairs of them without a term do not repel.
    public let elements: [String]
    public let terms: [ElementPair: Term]

    /// - Throws: `PotentialError.invalidParameters` for a pair naming an element not in
    ///   `elements`, or H, η or r_c that are not positive and finite, or whose shifts H r_c^−η
    ///   and ηH r_c^−η−1 overflow.
    public init(elements: [String], terms: [ElementPair: Term]) throws(PotentialError) {
        let symbols = Array(Set(elements)).sorted()
        for (pair, term) in terms {
            guard symbols.contains(pair.first), symbols.contains(pair.second) else {
                throw .invalidParameters("the steric pair \(pair) names an element outside \(symbols.joined(separator: ", "))")
            }
            guard [term.h, term.eta, term.cutoff].allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw .invalidParameters("the steric term of \(pair) needs positive, finite H, η and r_c, got \(term.h), \(term.eta), \(term.cutoff)")
            }
        }
        guard !terms.isEmpty else { throw .invalidParameters("a steric repulsion needs at least one element pair") }
        for (pair, term) in terms where !PairConstants(term).isFinite {
            throw .invalidParameters("the steric term of \(pair) overflows its shifts at r_c = \(term.cutoff): H = \(term.h), η = \(term.eta)")
        }
        self.elements = symbols
        self.terms = terms
    }

    /// The LAMMPS `.vashishta` file of this term: one entry per element triplet i j k carrying
    /// the pair i–j's H, η and r_c (LAMMPS takes the pair term from entry i j j), all else zero.
    public var vashishtaText: String { Self.text(elements, terms) }

    static func text(_ elements: [String], _ terms: [ElementPair: Term]) -> String {
        var text = "# i j k H eta Zi Zj lambda1 D lambda4 W rc B gamma r0 C cos(theta0): steric term only\n"
        for i in elements {
            for j in elements {
                let t = terms[ElementPair(i, j)] ?? Term(h: 0, eta: 1, cutoff: 0)
                for k in elements { text += "\(i) \(j) \(k) \(t.h) \(t.eta) 0 0 1 0 1 0 \(t.cutoff) 0 0 0 0 0\n" }
            }
        }
        return text
    }
}
