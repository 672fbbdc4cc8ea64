import BasinAtoms

/// A potential together with the neighbor list and scratch memory that serve it: what drivers
/// call to evaluate a configuration.
///
/// The calculator keeps the neighbor list current (rebuilding it only when an atom has moved
/// more than half the skin) and checks requests against what the potential implements.
public final class Calculator: @unchecked Sendable {
    public let potential: any Potential
    public let neighbors: NeighborList
    public let workspace = Workspace()
    /// Number of threads the force loops use.
    public let threads: Int
    /// The element table `potential.check` last accepted: a configuration with the same one is
    /// not checked again (checks depend only on the elements).
    private var checkedElements: [Element]?

    /// - Parameters:
    ///   - skin: Verlet skin in length units; by default LAMMPS's: 0.3 σ (lj), 2 Å (metal).
    ///   - threads: worker threads for neighbor search and force loops.
    public init(potential: any Potential, skin: Double? = nil, threads: Int = 1) {
        self.potential = potential
        self.threads = max(1, threads)
        let defaultSkin = potential.units == .metal ? 2.0 : 0.3
        let listSkin = potential.cutoff == .infinity ? 0 : (skin ?? defaultSkin)
        neighbors = NeighborList(cutoff: potential.cutoff, skin: listSkin, kind: potential.neighborListKind, chunkCount: self.threads)
        // Pair kernels read and write their neighbors in list order: keep those near in memory.
        neighbors.sortsAtoms = potential.neighborListKind == .half
    }

    /// Evaluates `properties` of `configuration`.
    public func evaluate(_ configuration: Configuration, _ properties: Properties = .energyAndForces) throws(PotentialError) -> Evaluation {
        var result = Evaluation()
        try evaluate(configuration, properties, into: &result)
        return result
    }

    /// Evaluates into an existing result, reusing its memory. A NaN or infinite energy, force,
    /// virial or per-atom energy is an error, so no driver goes on with garbage.
    public func evaluate(_ configuration: Configuration, _ properties: Properties, into result: inout Evaluation) throws(PotentialError) {
        let missing = properties.subtracting(potential.implementedProperties)
        guard missing.isEmpty else { throw .unsupported(missing, potential: String(describing: type(of: potential))) }
        guard configuration.units == potential.units else {
            throw .unitMismatch(configuration: configuration.units.name, potential: potential.units.name)
        }
        if checkedElements != configuration.elements {
            try potential.check(configuration)
            checkedElements = configuration.elements
        }
        do {
            try neighbors.update(for: configuration)
        } catch {
            throw .configuration(error)
        }
        potential.evaluate(configuration, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
        if let what = result.nonFiniteResult(properties) {
            throw .nonFiniteResult(what, potential: String(describing: type(of: potential)))
        }
    }
}
