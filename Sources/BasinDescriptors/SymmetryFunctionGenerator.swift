import BasinAtoms
import Foundation

/// A starting set of symmetry functions for one central element, spread over the distances a
/// data set actually holds (the "shifted" and "centred" grids of Gastegger et al., J. Chem.
/// Phys. 148, 241709 (2018), which n2p2's `sfparamgen` tool also offers). From the shortest
/// distance r_min (see `DistanceRange`) and the cutoff r_c:
///
/// - shifted radial functions (type 2): N_s shifts r_s,k = r_min + k Δ, k = 0 … N_s − 1, with
///   Δ = (r_c − r_min)/N_s, all of the one width η = 1/(2Δ²) (Gaussians of standard deviation Δ);
/// - centred radial functions (type 2, r_s = 0): N_c widths w_k = r_min (r_c/r_min)^{k/(N_c−1)},
///   geometric from r_min to r_c, with η_k = 1/(2 w_k²) (w_0 = r_min when N_c = 1);
/// - angular functions (type 3 or 9, r_s = 0): ζ = 1, 2, 4, … up to ζ_max, λ = ±1, and N_a
///   widths spaced like the centred radial ones, η_k = 1/(2 w_k²), for every unordered pair of
///   neighbor elements.
///
/// Radial functions are made for every neighbor element. Lengths are in the data's units, η in
/// length⁻². The set is returned in n2p2 order, so equal inputs give equal output.
public struct SymmetryFunctionGenerator: Sendable, Hashable {
    /// Shifted radial functions per neighbor element, N_s.
    public var shiftedCount: Int
    /// Centred radial functions per neighbor element, N_c.
    public var centredCount: Int
    /// Angular widths η per (ζ, λ) and element pair, N_a.
    public var angularWidthCount: Int
    /// Largest ζ; the exponents are the powers of two up to it.
    public var zetaMax: Double
    /// Wide angular functions (type 9) instead of narrow ones (type 3).
    public var wideAngular: Bool
    /// The cutoff function type and inner-radius fraction α of every function.
    public var cutoffKind: CutoffKind
    public var alpha: Double

    public init(
        shiftedCount: Int = 6, centredCount: Int = 6, angularWidthCount: Int = 2, zetaMax: Double = 16,
        wideAngular: Bool = false, cutoffKind: CutoffKind = .polynomial2, alpha: Double = 0
    ) {
        precondition(shiftedCount >= 0 && centredCount >= 0 && angularWidthCount >= 0, "counts must not be negative")
        precondition(zetaMax >= 1, "zeta max must be at least 1")
        self.shiftedCount = shiftedCount
        self.centredCount = centredCount
        self.angularWidthCount = angularWidthCount
        self.zetaMax = zetaMax
        self.wideAngular = wideAngular
        self.cutoffKind = cutoffKind
        self.alpha = alpha
    }

    /// ζ = 1, 2, 4, … ≤ ζ_max.
    public var zetas: [Double] {
        Array(sequence(first: 1.0) { $0 * 2 }.prefix { $0 <= zetaMax })
    }

    /// Functions for `central` with neighbors of `elements`, for distances from `shortest`
    /// (r_min) to `cutoff` (r_c), 0 < r_min < r_c (length units).
    public func set(central: Element, elements: [Element], shortest: Double, cutoff: Double) -> SymmetryFunctionSet {
        precondition(shortest > 0 && shortest < cutoff, "0 < r_min < r_c")
        let fc = CutoffFunction(kind: cutoffKind, radius: cutoff, alpha: alpha)
        let neighbors = Array(Set(elements)).sorted { $0.atomicNumber < $1.atomicNumber }
        var functions: [SymmetryFunction] = []
        let spacing = (cutoff - shortest) / Double(max(shiftedCount, 1))
        let centredEtas = Self.widthEtas(count: centredCount, from: shortest, to: cutoff)
        for e in neighbors {
            for k in 0..<shiftedCount {
                let shift = shortest + Double(k) * spacing
                functions.append(.radial(RadialSymmetryFunction(
                    neighbor: e, eta: 1 / (2 * spacing * spacing), shift: shift, cutoff: fc)))
            }
            for eta in centredEtas {
                functions.append(.radial(RadialSymmetryFunction(neighbor: e, eta: eta, shift: 0, cutoff: fc)))
            }
        }
        let angularEtas = Self.widthEtas(count: angularWidthCount, from: shortest, to: cutoff)
        for (a, e1) in neighbors.enumerated() {
            for e2 in neighbors[a...] {
                for eta in angularEtas {
                    for zeta in zetas {
                        for lambda in [-1.0, 1.0] {
                            functions.append(.angular(AngularSymmetryFunction(
                                isWide: wideAngular, neighbors: e1, e2, eta: eta, lambda: lambda, zeta: zeta, cutoff: fc)))
                        }
                    }
                }
            }
        }
        return SymmetryFunctionSet(central: central, functions: functions)
    }

    /// η_k = 1/(2 w_k²) for `count` widths w_k geometric from `low` to `high`.
    static func widthEtas(count: Int, from low: Double, to high: Double) -> [Double] {
        (0..<count).map { k in
            let w = count == 1 ? low : low * pow(high / low, Double(k) / Double(count - 1))
            return 1 / (2 * w * w)
        }
    }
}
