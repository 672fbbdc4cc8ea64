import BasinAtoms
import BasinDescriptors
import BasinPotentials

/// A committee of neural-network potentials that share their symmetry functions (M models of
/// the same data differing in seed or architecture): a `Potential` whose energy and forces are
/// the members' means, and which records their spread (`deviations`: per-atom force deviation
/// and energy deviation per atom, the query-by-committee measures of DP-GEN).
///
/// The symmetry functions and their derivatives are computed once for all members; each member
/// then runs its own scaling and networks, and one pass over the derivatives assembles every
/// member's forces. Units and conversion factors as `NeuralNetworkPotential`, shared by all.
public struct NNPCommittee: Potential {
    public let members: [NNPModel]
    public let units: UnitSystem
    /// Configuration length × `lengthFactor` = model length.
    public let lengthFactor: Double
    /// Model energy / `energyFactor` = configuration energy.
    public let energyFactor: Double
    /// Counts values outside the first member's scaling.data ranges, when given.
    public let extrapolation: ExtrapolationMonitor?
    /// The spread of every evaluation made through `evaluate(_:neighbors:properties:into:workspace:)`.
    public let deviations = CommitteeDeviationLog()
    private let evaluator: SymmetryFunctionEvaluator
    private let kernels: [NNPForwardKernel]

    /// - Throws: `PotentialError.invalidParameters` for no members, or a member whose elements
    ///   or symmetry functions differ from the first's.
    public init(
        members: [NNPModel], units: UnitSystem, lengthFactor: Double = 1, energyFactor: Double = 1,
        extrapolation: ExtrapolationMonitor? = nil
    ) throws(PotentialError) {
        guard let first = members.first else { throw .invalidParameters("a committee needs at least one member") }
        for (m, member) in members.enumerated().dropFirst() {
            guard member.settings.elements == first.settings.elements else {
                throw .invalidParameters("committee member \(m + 1) has elements \(member.settings.elements.map(\.symbol)), member 1 \(first.settings.elements.map(\.symbol))")
            }
            guard member.settings.symmetryFunctions == first.settings.symmetryFunctions else {
                throw .invalidParameters("committee member \(m + 1) has other symmetry functions than member 1 (a committee shares one set)")
            }
        }
        let single = NeuralNetworkPotential(model: first, units: units, lengthFactor: lengthFactor, energyFactor: energyFactor)
        self.members = members
        self.units = units
        self.lengthFactor = lengthFactor
        self.energyFactor = energyFactor
        self.extrapolation = extrapolation
        evaluator = single.evaluator
        kernels = members.map(NNPForwardKernel.init)
    }

    public var cutoff: Double { evaluator.cutoffRadius }

    public var neighborListKind: NeighborListKind { .full }

    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies] }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        _ = try ElementMap.indices(of: configuration, in: members[0].settings.elements.map(\.symbol), potential: "the committee")
    }

    /// Every member's energy and (with `forces`) forces, from one descriptor pass.
    /// `neighbors` must be a full list current for `configuration`, whose elements `check` accepted.
    public func evaluateMembers(_ configuration: Configuration, neighbors: NeighborList, forces: Bool = true) -> CommitteeEvaluation {
        let values: SymmetryFunctionValues
        do {
            values = try evaluator.evaluate(configuration, neighbors: neighbors)
        } catch {
            preconditionFailure("check() accepted a configuration the descriptors reject: \(error)")
        }
        let element = NeuralNetworkPotential.elementOfAtoms(configuration, model: members[0])
        values.values.withUnsafeBufferPointer {
            extrapolation?.scan($0, stride: values.stride, element: element, configuration: configuration)
        }
        let n = configuration.count, share = 1 / Double(members.count)
        var perAtom = [Double](repeating: 0, count: n)
        var energies: [Double] = [], coefficients: [[Double]] = []
        for (member, kernel) in zip(members, kernels) {
            let (atomEnergies, dEdG) = kernel.atomicEnergies(
                networks: member.networks, element: element, values: values, parts: neighbors.chunkCount, energyFactor: energyFactor)
            energies.append(atomEnergies.reduce(0, +))
            for i in 0..<n { perAtom[i] += share * atomEnergies[i] }
            coefficients.append(dEdG)
        }
        guard forces else { return CommitteeEvaluation(energies: energies, forces: [], perAtomEnergies: perAtom, virial: .zero) }
        let (memberForces, virial) = values.forces(dEdG: coefficients, neighbors: neighbors)
        return CommitteeEvaluation(energies: energies, forces: memberForces, perAtomEnergies: perAtom, virial: virial)
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        let members = evaluateMembers(configuration, neighbors: neighbors, forces: !properties.isDisjoint(with: [.forces, .virial]))
        deviations.record(members)
        result.energy = members.meanEnergy
        result.perAtomEnergies = properties.contains(.perAtomEnergies) ? members.perAtomEnergies : []
        result.forces = properties.contains(.forces) ? members.meanForces : []
        result.virial = properties.contains(.virial) ? members.virial : .zero
        result.hessian = nil
    }
}
