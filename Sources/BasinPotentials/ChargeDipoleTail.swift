import Foundation

/// The long-range tail of the charge–induced-dipole term of the Vashishta potential
/// (P. Vashishta, R. K. Kalia, J. P. Rino and I. Ebbsjö, Phys. Rev. B 41, 12197 (1990)),
/// φ(r) = −D e^(−r/λ) / r⁴ per element pair: the term force-shifted at its cutoff r_c, as
/// Vashishta's two-body term is, minus the same term force-shifted at an inner radius r_m,
///
///     V(r) = φ(r) − φ(r_c) − (r − r_c) φ′(r_c)                        for r_m ≤ r < r_c,
///     V(r) = V(r_m) + (r − r_m) (φ′(r_m) − φ′(r_c))                   for r < r_m,
///
/// zero beyond r_c. V and V′ are continuous everywhere (V″ jumps at r_m). As a model baseline
/// with r_m the networks' cutoff it carries what the networks cannot see: a short-ranged model
/// fitted to a reference with this tail would otherwise have to mimic the tail's energy, which
/// depends on the density beyond its reach, through the neighbours it does see, and so bend its
/// forces. What is left to fit, the term minus V, is the term force-shifted at r_m, which the
/// networks see whole. In LAMMPS it is `pair_style table` reading `lammpsTable`.
public struct ChargeDipoleTail: Sendable, Equatable {
    /// D (eV·Å⁴), λ (Å), r_m and r_c (Å) of one pair.
    public struct Term: Sendable, Equatable {
        public var d: Double
        public var lambda: Double
        public var inner: Double
        public var cutoff: Double

        public init(d: Double, lambda: Double, inner: Double, cutoff: Double) {
            self.d = d
            self.lambda = lambda
            self.inner = inner
            self.cutoff = cutoff
        }

        /// φ(r) = −D e^(−r/λ) / r⁴ (eV).
        func phi(_ r: Double) -> Double { -d * exp(-r / lambda) / (r * r * r * r) }

        /// φ′(r) = −φ(r) (1/λ + 4/r) (eV/Å).
        func phiDerivative(_ r: Double) -> Double { -phi(r) * (1 / lambda + 4 / r) }

        /// V(r) (eV) and V′(r) (eV/Å).
        public func energyAndDerivative(at r: Double) -> (energy: Double, derivative: Double) {
            guard r < cutoff else { return (0, 0) }
            let slopeAtCutoff = phiDerivative(cutoff)
            let atInner = phi(inner) - phi(cutoff) - (inner - cutoff) * slopeAtCutoff
            if r < inner {
                let slope = phiDerivative(inner) - slopeAtCutoff
                return (atInner + (r - inner) * slope, slope)
            }
            return (phi(r) - phi(cutoff) - (r - cutoff) * slopeAtCutoff, phiDerivative(r) - slopeAtCutoff)
        }
    }

    /// The elements, alphabetically; pairs of them without a term do not interact.
    public let elements: [String]
    public let terms: [ElementPair: Term]

    /// - Throws: `PotentialError.invalidParameters` for no term, a pair naming an element not
    ///   in `elements`, or D, λ, r_m and r_c that are not positive and finite with r_m < r_c.
    public init(elements: [String], terms: [ElementPair: Term]) throws(PotentialError) {
        let symbols = Array(Set(elements)).sorted()
        guard !terms.isEmpty else { throw .invalidParameters("a charge–dipole tail needs at least one element pair") }
        for (pair, term) in terms {
            guard symbols.contains(pair.first), symbols.contains(pair.second) else {
                throw .invalidParameters("the charge–dipole pair \(pair) names an element outside \(symbols.joined(separator: ", "))")
            }
            guard [term.d, term.lambda, term.inner, term.cutoff].allSatisfy({ $0.isFinite && $0 > 0 }), term.inner < term.cutoff else {
                throw .invalidParameters(
                    "the charge–dipole tail of \(pair) needs positive, finite D, λ, r_m and r_c with r_m < r_c, got \(term.d), \(term.lambda), \(term.inner), \(term.cutoff)")
            }
        }
        self.elements = symbols
        self.terms = terms
    }

    /// Points per pair in `lammpsTable` (0.002 Å apart for r_c = 10 Å).
    public static let lammpsTablePoints = 5_000

    /// The LAMMPS `pair_style table` file of the tail: one section per pair with a term, named
    /// `A_B` (alphabetical), `lammpsTablePoints` distances evenly from r_c/`lammpsTablePoints`
    /// to r_c with V (eV) and −V′ (eV/Å), every number written so that it reads back exactly.
    /// Use it as `pair_coeff I J table FILE A_B R_C` per pair of types.
    public var lammpsTable: String {
        var text = "# Charge-dipole tail -D exp(-r/lambda)/r^4 shifted at rc minus the same shifted at r_m (metal units)\n"
        let n = Self.lammpsTablePoints
        for (pair, term) in terms.sorted(by: { $0.key < $1.key }) {
            let low = term.cutoff / Double(n)
            text += "\n\(Self.tableKeyword(pair))\nN \(n) R \(low) \(term.cutoff)\n\n"
            for i in 0..<n {
                let r = low + (term.cutoff - low) * Double(i) / Double(n - 1)
                let v = term.energyAndDerivative(at: r)
                text += "\(i + 1) \(r) \(v.energy) \(-v.derivative)\n"
            }
        }
        return text
    }

    /// The section name of `pair` in `lammpsTable`.
    public static func tableKeyword(_ pair: ElementPair) -> String { "\(pair.first)_\(pair.second)" }
}
