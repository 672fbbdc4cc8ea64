import BasinAtoms
import Foundation

/// The steric repulsion as a pair potential: V(r) = H r^−η − H r_c^−η + (r − r_c) ηH r_c^−η−1
/// for r < r_c, the shifted form of `Vashishta`'s two-body term, through the shared pair loop
/// (two pairs per SIMD lane pair, no exponentials: r^−η of a whole η is a product of squares of 1/r).
extension StericRepulsion: Potential {
    public var units: UnitSystem { .metal }
    public var neighborListKind: NeighborListKind { .half }
    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies, .hessian] }
    /// The largest pair cutoff (Å).
    public var cutoff: Double { terms.values.reduce(0) { max($0, $1.cutoff) } }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        _ = try ElementMap.indices(of: configuration, in: elements, potential: "the steric repulsion")
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties, into result: inout Evaluation, workspace: Workspace
    ) {
        let table = workspace.prepared(for: configuration.elements) { Table(self, species: configuration.elements.map(\.symbol)) }
        PairLoop.evaluate(table, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
    }

    /// One pair's constants in the pair loop's layout: H, ηH, H r_c^−η, ηH r_c^−η−1, r_c, η when
    /// it is a whole number below 64 (else −1), η, r_c²; all zero (no interaction) for no term.
    struct PairConstants {
        let values: SIMD8<Double>

        init(_ term: Term?) {
            guard let t = term else {
                values = SIMD8(0, 0, 0, 0, 0, -1, 0, 0)
                return
            }
            let whole = t.eta == t.eta.rounded() && t.eta < 64 ? t.eta : -1
            let shift = t.h * pow(t.cutoff, -t.eta)
            values = SIMD8(t.h, t.eta * t.h, shift, t.eta * shift / t.cutoff, t.cutoff, whole, t.eta, t.cutoff * t.cutoff)
        }

        var isFinite: Bool { (0..<8).allSatisfy { values[$0].isFinite } }
    }

    /// The constants of every species pair of one configuration, for the pair loop.
    struct Table: PairFunction {
        let speciesCount: Int
        /// Indexed s_i · speciesCount + s_j.
        let table: [SIMD8<Double>]

        /// - Parameter species: the element symbol of each species of the configuration.
        init(_ potential: StericRepulsion, species: [String]) {
            speciesCount = species.count
            table = species.flatMap { a in species.map { b in PairConstants(potential.terms[ElementPair(a, b)]).values } }
        }

        @inline(__always)
        func constants(_ p: Int) -> SIMD8<Double> { table.withUnsafeBufferPointer { $0[p] } }

        @inline(__always)
        func energyAndForceOverDistance(r2: PairVector, _ c: PairLanes) -> (energy: PairVector, forceOverDistance: PairVector) {
            let r = r2.squareRoot(), inverse = 1 / r
            var power = PairVector()
            for lane in 0..<PairVector.scalarCount {
                power[lane] = Self.inversePower(r[lane], inverse: inverse[lane], whole: c[5][lane], eta: c[6][lane])
            }
            return (c[0] * power - c[2] + (r - c[4]) * c[3], (c[1] * power * inverse - c[3]) * inverse)
        }

        func derivatives(r: Double, _ c: SIMD8<Double>) -> (first: Double, second: Double) {
            let power = Self.inversePower(r, inverse: 1 / r, whole: c[5], eta: c[6])
            return (c[3] - c[1] * power / r, c[1] * (c[6] + 1) * power / (r * r))
        }

        /// r^−η: for a whole η (`whole` ≥ 0) the product of the squares (1/r)^(2^k) that η's
        /// binary digits select, else `pow`.
        @inline(__always)
        static func inversePower(_ r: Double, inverse: Double, whole: Double, eta: Double) -> Double {
            guard whole >= 0 else { return pow(r, -eta) }
            var bits = Int(whole), square = inverse, product = 1.0
            while bits != 0 {
                if bits & 1 != 0 { product *= square }
                bits >>= 1
                if bits != 0 { square *= square }
            }
            return product
        }
    }
}
