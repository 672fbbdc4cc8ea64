import BasinAtoms
import Foundation

/// The Morse pair potential φ(r) = D₀[e^{−2α(r−r₀)} − 2e^{−α(r−r₀)}], as LAMMPS `pair_style morse`
/// (P. M. Morse, Phys. Rev. 34, 57 (1929)): a well of depth D₀ at r₀, of width set by α.
///
/// Parameters are per element pair, keyed by chemical symbol (or dummy label), or one set for
/// every pair. With `shift`, φ is shifted to zero at each pair's cutoff (LAMMPS
/// `pair_modify shift yes`); forces are unchanged. Metal units (D₀ in eV, α in 1/Å, r₀ and
/// cutoffs in Å) by default; reduced Lennard-Jones units are allowed.
public struct Morse: Potential {
    /// D₀ (energy), α (1/length), r₀ (length) and the cutoff (length) of one pair.
    public struct PairParameters: Sendable, Equatable {
        public var d0: Double
        public var alpha: Double
        public var r0: Double
        public var cutoff: Double
        public init(d0: Double, alpha: Double, r0: Double, cutoff: Double) {
            self.d0 = d0
            self.alpha = alpha
            self.r0 = r0
            self.cutoff = cutoff
        }
    }

    public let units: UnitSystem
    public let shift: Bool
    public let cutoff: Double
    /// The parameters by element pair (empty when `universal` serves every pair).
    let pairs: [ElementPair: PairParameters]
    /// The one set of parameters for every pair, from the single-set initializer.
    let universal: PairParameters?

    /// The same parameters for every pair of atoms, whatever their species.
    public init(d0: Double, alpha: Double, r0: Double, cutoff: Double, shift: Bool = false, units: UnitSystem = .metal) throws(PotentialError) {
        let p = PairParameters(d0: d0, alpha: alpha, r0: r0, cutoff: cutoff)
        try Self.validate(p, "all pairs")
        universal = p
        pairs = [:]
        self.cutoff = cutoff
        self.shift = shift
        self.units = units
    }

    /// Parameters per element pair; a configuration may contain only elements whose every pair
    /// is given.
    public init(pairs: [ElementPair: PairParameters], shift: Bool = false, units: UnitSystem = .metal) throws(PotentialError) {
        guard !pairs.isEmpty else { throw .invalidParameters("Morse needs parameters for at least one element pair") }
        for (key, p) in pairs { try Self.validate(p, key.description) }
        universal = nil
        self.pairs = pairs
        cutoff = pairs.values.map(\.cutoff).max()!
        self.shift = shift
        self.units = units
    }

    private static func validate(_ p: PairParameters, _ name: String) throws(PotentialError) {
        guard p.d0.isFinite, p.d0 >= 0, p.alpha.isFinite, p.alpha > 0, p.r0.isFinite, p.cutoff.isFinite, p.cutoff > 0 else {
            throw .invalidParameters(
                "Morse \(name): need D₀ ≥ 0, α > 0, finite r₀ and a positive finite cutoff (got D₀ = \(p.d0), α = \(p.alpha), r₀ = \(p.r0), cutoff = \(p.cutoff))")
        }
    }

    public var neighborListKind: NeighborListKind { .half }

    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies, .hessian] }

    /// The parameters of the pair of elements `a`, `b`, if any.
    public func parameters(_ a: String, _ b: String) -> PairParameters? {
        universal ?? pairs[ElementPair(a, b)]
    }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        let symbols = configuration.elements.map(\.symbol)
        for a in symbols {
            for b in symbols where parameters(a, b) == nil {
                throw .invalidParameters("Morse has no parameters for the element pair \(ElementPair(a, b))")
            }
        }
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        // The per-pair table, made when the workspace first meets these elements.
        let table = workspace.prepared(for: configuration.elements) {
            let symbols = configuration.elements.map(\.symbol)
            var resolved: [PairParameters] = []
            for a in symbols {
                for b in symbols {
                    guard let p = parameters(a, b) else { preconditionFailure("check(_:) accepts only covered element pairs") }
                    resolved.append(p)
                }
            }
            return Table(speciesCount: symbols.count, parameters: resolved, shift: shift)
        }
        PairLoop.evaluate(table, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
    }
}
