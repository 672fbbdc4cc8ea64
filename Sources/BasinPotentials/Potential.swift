import BasinAtoms

/// An interatomic potential: the one seam through which every driver (dynamics, minimization,
/// sampling, …) gets energies and forces.
///
/// A potential states its cutoff and the neighbor list it needs; it never builds the list
/// itself. `Calculator` owns the list and keeps it current. `evaluate` fills only the
/// requested properties and is called with a list already up to date for `configuration`.
public protocol Potential: Sendable {
    /// Interaction range (length units); `infinity` for a potential over all pairs of a cluster.
    var cutoff: Double { get }
    /// Half lists for pair potentials, full lists for many-body potentials.
    var neighborListKind: NeighborListKind { get }
    /// What `evaluate` can compute.
    var implementedProperties: Properties { get }
    /// The unit system the parameters are expressed in.
    var units: UnitSystem { get }

    /// Checks that the potential can serve `configuration`'s elements (e.g. has parameters for
    /// every species). The answer must depend only on `configuration.elements`: `Calculator`
    /// calls it when a configuration's element table differs from the last one accepted.
    func check(_ configuration: Configuration) throws(PotentialError)

    /// Computes `properties` of `configuration` into `result`, overwriting what was there.
    /// `result`'s arrays keep their capacity, so repeated calls do not allocate.
    func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    )
}
