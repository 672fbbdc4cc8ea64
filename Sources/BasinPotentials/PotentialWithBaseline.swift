import BasinAtoms
import BasinMath

/// A potential plus a fixed baseline: E = E_main + E_baseline, forces, virial and per-atom
/// energies summed likewise — the Δ-learning form of a machine-learned potential trained on
/// the reference minus the baseline (e.g. a short-ranged network over long-ranged fixed-charge
/// electrostatics).
///
/// The main potential uses the calculator's neighbor list (its cutoff and kind); the baseline
/// keeps its own list, with its own cutoff and kind and the same skin and chunk count, in an
/// object attached to the calculator's workspace, so a long-ranged pair baseline costs a half
/// list to its cutoff and never enlarges the main potential's neighborhoods.
public struct PotentialWithBaseline: Potential {
    public let main: any Potential
    public let baseline: any Potential

    /// A `main` that is itself a potential with a baseline is regrouped as its main plus (its
    /// baseline plus `baseline`): each level keeps its own list in the workspace it is handed,
    /// and only the baseline side gets a workspace of its own.
    /// - Throws: `PotentialError.unitMismatch` when the two potentials use different units.
    public init(main: any Potential, baseline: any Potential) throws(PotentialError) {
        guard main.units == baseline.units else {
            throw .unitMismatch(configuration: baseline.units.name, potential: main.units.name)
        }
        if let inner = main as? PotentialWithBaseline {
            self.main = inner.main
            self.baseline = try PotentialWithBaseline(main: inner.baseline, baseline: baseline)
        } else {
            self.main = main
            self.baseline = baseline
        }
    }

    public var cutoff: Double { main.cutoff }
    public var neighborListKind: NeighborListKind { main.neighborListKind }
    public var units: UnitSystem { main.units }
    /// What both compute, Hessians aside.
    public var implementedProperties: Properties {
        main.implementedProperties.intersection(baseline.implementedProperties).subtracting(.hessian)
    }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        try main.check(configuration)
        try baseline.check(configuration)
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        main.evaluate(configuration, neighbors: neighbors, properties: properties, into: &result, workspace: workspace)
        let part = workspace.attached {
            BaselinePart(NeighborList(cutoff: baseline.cutoff, skin: neighbors.skin, kind: baseline.neighborListKind, chunkCount: neighbors.chunkCount))
        }
        do {
            try part.neighbors.update(for: configuration)
        } catch {
            // The main list accepted these positions and cell, so only a cell too thin for the
            // baseline's longer list gets here; the calculator reports the NaN as an error.
            result.energy = .nan
            for i in result.forces.indices { result.forces[i] = SIMD3(repeating: .nan) }
            return
        }
        baseline.evaluate(configuration, neighbors: part.neighbors, properties: properties, into: &part.evaluation, workspace: part.workspace)
        let added = part.evaluation
        result.energy += added.energy
        for i in result.forces.indices { result.forces[i] += added.forces[i] }
        for i in result.perAtomEnergies.indices { result.perAtomEnergies[i] += added.perAtomEnergies[i] }
        result.virial += added.virial
    }
}

/// The baseline's own neighbor list, scratch memory and result, kept with a workspace.
private final class BaselinePart {
    let neighbors: NeighborList
    let workspace = Workspace()
    var evaluation = Evaluation()

    init(_ neighbors: NeighborList) {
        self.neighbors = neighbors
    }
}
