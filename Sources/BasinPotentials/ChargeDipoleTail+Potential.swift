import BasinAtoms
import Foundation

/// The charge–dipole tail as a pair potential through the shared pair loop: linear below r_m,
/// φ(r) − φ(r_c) − (r − r_c) φ′(r_c) from r_m to r_c (see `ChargeDipoleTail`).
extension ChargeDipoleTail: Potential {
    public var units: UnitSystem { .metal }
    public var neighborListKind: NeighborListKind { .half }
    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies, .hessian] }
    /// The largest pair cutoff r_c (Å).
    public var cutoff: Double { terms.values.reduce(0) { max($0, $1.cutoff) } }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        _ = try ElementMap.indices(of: configuration, in: elements, potential: "the charge–dipole tail")
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties, into result: inout Evaluation, workspace: Workspace
    ) {
        let table = workspace.prepared(for: configuration.elements) { Table(self, species: configuration.elements.map(\.symbol)) }
        PairLoop.evaluate(table, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
    }

    /// One pair's constants in the pair loop's layout: D, 1/λ, r_m, V(r_m), φ(r_c) − r_c φ′(r_c),
    /// φ′(r_c), φ′(r_m), r_c²; all zero (no interaction) for no term.
    static func constants(_ term: Term?) -> SIMD8<Double> {
        guard let t = term else { return SIMD8() }
        let slopeAtCutoff = t.phiDerivative(t.cutoff)
        return SIMD8(
            t.d, 1 / t.lambda, t.inner, t.energyAndDerivative(at: t.inner).energy, t.phi(t.cutoff) - t.cutoff * slopeAtCutoff,
            slopeAtCutoff, t.phiDerivative(t.inner), t.cutoff * t.cutoff)
    }

    /// The constants of every species pair of one configuration, for the pair loop.
    struct Table: PairFunction {
        let speciesCount: Int
        /// Indexed s_i · speciesCount + s_j.
        let table: [SIMD8<Double>]

        /// - Parameter species: the element symbol of each species of the configuration.
        init(_ potential: ChargeDipoleTail, species: [String]) {
            speciesCount = species.count
            table = species.flatMap { a in species.map { b in ChargeDipoleTail.constants(potential.terms[ElementPair(a, b)]) } }
        }

        @inline(__always)
        func constants(_ p: Int) -> SIMD8<Double> { table.withUnsafeBufferPointer { $0[p] } }

        @inline(__always)
        func energyAndForceOverDistance(r2: PairVector, _ c: PairLanes) -> (energy: PairVector, forceOverDistance: PairVector) {
            let r = r2.squareRoot()
            // No SIMD exponential in the standard library: one call per lane.
            let decay = PairVector(exp(-r[0] * c[1][0]), exp(-r[1] * c[1][1]))
            let inverse = 1 / r, inverse2 = inverse * inverse
            let phi = -c[0] * decay * inverse2 * inverse2
            let phiSlope = -phi * (c[1] + 4 * inverse)
            let outer = r .>= c[2]
            let energy = (phi - c[4] - r * c[5]).replacing(with: c[3] + (r - c[2]) * (c[6] - c[5]), where: .!outer)
            let slope = (phiSlope - c[5]).replacing(with: c[6] - c[5], where: .!outer)
            return (energy, -slope * inverse)
        }

        func derivatives(r: Double, _ c: SIMD8<Double>) -> (first: Double, second: Double) {
            guard r >= c[2] else { return (c[6] - c[5], 0) }
            let phi = -c[0] * exp(-r * c[1]) / (r * r * r * r)
            let rate = c[1] + 4 / r
            return (-phi * rate - c[5], phi * (rate * rate + 4 / (r * r)))
        }
    }
}
