import BasinAtoms
import Foundation

/// The Lennard-Jones 12-6 pair potential φ(r) = 4ε[(σ/r)¹² − (σ/r)⁶], as LAMMPS `lj/cut`.
///
/// Parameters are per species pair (species indices of the configuration). Pairs not given
/// explicitly take Lorentz–Berthelot mixing of the per-species values: ε_ij = √(ε_i ε_j),
/// σ_ij = (σ_i + σ_j)/2. With `shift`, φ is shifted to zero at each pair's cutoff (LAMMPS
/// `pair_modify shift yes`); forces are unchanged. A `nil` cutoff means no cutoff: every pair of
/// a cluster interacts (open boundaries only). Energies in the units of ε, lengths of σ.
public struct LennardJones: Potential {
    /// ε (energy), σ (length) and cutoff (length) of one species pair.
    public struct PairParameters: Sendable, Equatable {
        public var epsilon: Double
        public var sigma: Double
        public var cutoff: Double?
        public init(epsilon: Double, sigma: Double, cutoff: Double? = nil) {
            self.epsilon = epsilon
            self.sigma = sigma
            self.cutoff = cutoff
        }
    }

    public let units: UnitSystem
    public let shift: Bool
    public let cutoff: Double
    let table: Table

    /// One species (or the same parameters for every pair).
    public init(epsilon: Double = 1, sigma: Double = 1, cutoff: Double? = 2.5, shift: Bool = false, units: UnitSystem = .lennardJones) throws(PotentialError) {
        try self.init(species: [PairParameters(epsilon: epsilon, sigma: sigma)], cutoff: cutoff, shift: shift, units: units)
    }

    /// Several species: `species[s]` holds ε_s, σ_s (its cutoff is ignored); `pairs[(s, t)]`
    /// overrides the mixed values of a pair, with its own cutoff if given; `cutoff` is the global one.
    public init(
        species: [PairParameters], pairs: [SpeciesPair: PairParameters] = [:], cutoff: Double?,
        shift: Bool = false, units: UnitSystem = .lennardJones
    ) throws(PotentialError) {
        guard !species.isEmpty else { throw .invalidParameters("Lennard-Jones needs parameters for at least one species") }
        for p in species + Array(pairs.values) {
            guard p.epsilon.isFinite, p.epsilon >= 0, p.sigma.isFinite, p.sigma > 0 else {
                throw .invalidParameters("ε must be ≥ 0 and σ > 0 (got ε = \(p.epsilon), σ = \(p.sigma))")
            }
            if let rc = p.cutoff, !(rc > 0) { throw .invalidParameters("cutoff must be positive, got \(rc)") }
            // 48εσ¹² is the largest constant of the force; beyond Double every result is NaN.
            guard (48 * p.epsilon * pow(p.sigma, 12)).isFinite else {
                throw .invalidParameters("48εσ¹² overflows (ε = \(p.epsilon), σ = \(p.sigma)); the parameters are out of range")
            }
        }
        if let cutoff, !(cutoff > 0) { throw .invalidParameters("cutoff must be positive, got \(cutoff)") }
        for key in pairs.keys where key.first >= species.count || key.second >= species.count {
            throw .invalidParameters("pair \(key) names a species without parameters")
        }
        let n = species.count
        var resolved: [PairParameters] = []
        for s in 0..<n {
            for t in 0..<n {
                let mixed = PairParameters(
                    epsilon: (species[s].epsilon * species[t].epsilon).squareRoot(),
                    sigma: 0.5 * (species[s].sigma + species[t].sigma), cutoff: cutoff)
                var p = pairs[SpeciesPair(s, t)] ?? mixed
                p.cutoff = p.cutoff ?? cutoff
                resolved.append(p)
            }
        }
        self.units = units
        self.shift = shift
        self.cutoff = resolved.map { $0.cutoff ?? .infinity }.max()!
        self.table = Table(speciesCount: n, parameters: resolved, shift: shift)
    }

    public var neighborListKind: NeighborListKind { .half }

    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies, .hessian] }

    /// Parameters in force for species pair (s, t) after mixing.
    public func parameters(_ s: Int, _ t: Int) -> PairParameters { table.parameters[s * table.speciesCount + t] }

    public var speciesCount: Int { table.speciesCount }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        guard configuration.elements.count <= speciesCount else {
            throw .invalidParameters("Lennard-Jones has parameters for \(speciesCount) species but the structure has \(configuration.elements.count)")
        }
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        PairLoop.evaluate(table, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
    }

    /// Precomputed per-pair constants (LAMMPS `lj1 … lj4`, `offset`).
    struct Table: PairFunction {
        let speciesCount: Int
        let parameters: [PairParameters]
        /// Per pair: 48εσ¹², 24εσ⁶, 4εσ¹², 4εσ⁶, the energy shift, two unused, the squared cutoff.
        let table: [SIMD8<Double>]

        init(speciesCount: Int, parameters: [PairParameters], shift: Bool) {
            self.speciesCount = speciesCount
            self.parameters = parameters
            table = parameters.map { p in
                let s6 = pow(p.sigma, 6), s12 = s6 * s6
                var offset = 0.0
                if shift, let rc = p.cutoff {
                    let ratio6 = pow(p.sigma / rc, 6)
                    offset = 4 * p.epsilon * (ratio6 * ratio6 - ratio6)
                }
                let cutoffSquared = p.cutoff.map { $0 * $0 } ?? .infinity
                return SIMD8(48 * p.epsilon * s12, 24 * p.epsilon * s6, 4 * p.epsilon * s12, 4 * p.epsilon * s6, offset, 0, 0, cutoffSquared)
            }
        }

        @inline(__always)
        func constants(_ p: Int) -> SIMD8<Double> { table.withUnsafeBufferPointer { $0[p] } }

        @inline(__always)
        func energyAndForceOverDistance(r2: PairVector, _ c: PairLanes) -> (energy: PairVector, forceOverDistance: PairVector) {
            let r2inv = 1 / r2
            let r6inv = r2inv * r2inv * r2inv
            let force = r6inv * (c[0] * r6inv - c[1]) * r2inv
            let energy = r6inv * (c[2] * r6inv - c[3]) - c[4]
            return (energy, force)
        }

        func derivatives(r: Double, _ c: SIMD8<Double>) -> (first: Double, second: Double) {
            let r6inv = 1 / pow(r, 6)
            // φ = A/r¹² − B/r⁶ with A = 4εσ¹², B = 4εσ⁶.
            let first = (-12 * c[2] * r6inv + 6 * c[3]) * r6inv / r
            let second = (156 * c[2] * r6inv - 42 * c[3]) * r6inv / (r * r)
            return (first, second)
        }
    }
}

/// An ordered pair of species indices, used as a key for per-pair parameters; (s, t) and
/// (t, s) are the same pair.
public struct SpeciesPair: Hashable, Sendable, CustomStringConvertible {
    public let first: Int
    public let second: Int
    public init(_ s: Int, _ t: Int) {
        first = min(s, t)
        second = max(s, t)
    }
    public var description: String { "(\(first), \(second))" }
}
