import BasinAtoms
import BasinDescriptors
import BasinMath
import BasinPotentials

/// A Behler–Parrinello high-dimensional neural-network potential (Behler & Parrinello,
/// Phys. Rev. Lett. 98, 146401 (2007); Behler, J. Chem. Phys. 134, 074106 (2011)), evaluated
/// as n2p2 and LAMMPS `pair_style hdnnp` do:
///
///     E = Σ_i E_i,   E_i = NN_el(i)(scaled G_i) / conv_energy + mean_energy + E_atom(el(i))
///     F_k = −Σ_i Σ_s (∂E_i/∂G_is)(∂G_is/∂x_k)
///
/// where G_i are the symmetry functions of atom i's element over its neighbors within r_c, so
/// forces reach atoms up to 2 r_c away. Per-atom energies are the E_i; the virial is
/// Σ_i Σ_a (x_a − x_i) ⊗ F_a^(i) over each atom's neighborhood.
///
/// Units: like LAMMPS's `cflength`/`cfenergy`, a configuration length ℓ is ℓ·`lengthFactor` in
/// model units and a model energy e is e/`energyFactor` in the configuration's units (a
/// Bohr/Hartree model driven in metal units has 1.8897261328 and 0.0367493254). The factors
/// are folded into the symmetry-function parameters (η·f², r_s/f, r_c/f), which leaves every G
/// unchanged, so configurations are used as they are. Needs a full neighbor list.
public struct NeuralNetworkPotential: Potential {
    public let model: NNPModel
    public let units: UnitSystem
    /// Configuration length × `lengthFactor` = model length.
    public let lengthFactor: Double
    /// Model energy / `energyFactor` = configuration energy.
    public let energyFactor: Double
    /// The symmetry functions in configuration length units.
    let evaluator: SymmetryFunctionEvaluator
    /// Input scaling, atomic energies and ∂E/∂G around the networks.
    let kernel: NNPForwardKernel
    /// Counts symmetry-function values outside the scaling.data ranges, when given.
    public let extrapolation: ExtrapolationMonitor?
    /// Receives the time of each stage of every evaluation, when set (benchmarks).
    public var stageTimes: NNPStageTimes?

    /// - Parameters:
    ///   - model: the networks, functions and scaling, in model units.
    ///   - units: the unit system of the configurations it will serve.
    ///   - lengthFactor: model length per configuration length (LAMMPS `cflength`), > 0.
    ///   - energyFactor: model energy per configuration energy (LAMMPS `cfenergy`), > 0.
    ///   - extrapolation: a monitor of `model`'s ranges that every evaluation reports to.
    public init(
        model: NNPModel, units: UnitSystem, lengthFactor: Double = 1, energyFactor: Double = 1, extrapolation: ExtrapolationMonitor? = nil
    ) {
        precondition(lengthFactor > 0 && energyFactor > 0, "conversion factors must be positive")
        self.model = model
        self.units = units
        self.lengthFactor = lengthFactor
        self.energyFactor = energyFactor
        self.extrapolation = extrapolation
        let settings = model.settings
        evaluator = SymmetryFunctionEvaluator(sets: settings.symmetryFunctions.map {
            SymmetryFunctionSet(central: $0.central, functions: $0.functions.map {
                lengthFactor == 1 ? $0 : $0.changingLengthUnit(by: 1 / lengthFactor)
            })
        })
        kernel = NNPForwardKernel(model: model)
    }

    /// The largest symmetry-function cutoff, in configuration length units.
    public var cutoff: Double { evaluator.cutoffRadius }

    public var neighborListKind: NeighborListKind { .full }

    public var implementedProperties: Properties { [.energy, .forces, .virial, .perAtomEnergies] }

    public func check(_ configuration: Configuration) throws(PotentialError) {
        _ = try ElementMap.indices(of: configuration, in: model.settings.elements.map(\.symbol), potential: "the neural-network potential")
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        evaluate(configuration, neighbors: neighbors, properties: properties, into: &result, workspace: workspace, ghostForces: false)
    }

    /// As `evaluate`, for a list adopted from a simulator (`NeighborList.adopt`): the energy and
    /// per-atom energies of the local atoms, and forces −∂E/∂x on every extended atom, halo atoms
    /// included and unfolded (`result.forces` has `neighbors.extendedCount` entries), which the
    /// simulator sums onto their owners. The virial Σ_i Σ_a (x_a − x_i) ⊗ F_a^(i) is the whole
    /// system's once every rank's part is summed.
    public func evaluateWithGhostForces(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties, into result: inout Evaluation,
        workspace: Workspace = Workspace()
    ) {
        evaluate(configuration, neighbors: neighbors, properties: properties, into: &result, workspace: workspace, ghostForces: true)
    }

    /// Atom by atom: its symmetry-function values, its network's energy and ∂E/∂G, then its
    /// function derivatives contracted with ∂E/∂G into forces and virial, from what the values
    /// left in the part's records (`SymmetryFunctionEvaluator.evaluate(_:neighbors:workspace:forces:measuringStages:weights:)`);
    /// all in memory kept in `workspace` from one call to the next.
    private func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace, ghostForces: Bool
    ) {
        let ws = workspace.prepared(for: configuration.elements) { NNPWorkspace(networks: model.networks, kernel: kernel) }
        let start = stageTimes == nil ? ClockReading() : ClockReading.now()
        let stride = evaluator.stride, parts = evaluator.partCount(for: neighbors)
        let wantsForces = properties.contains(.forces) || properties.contains(.virial)
        ws.prepare(configuration, modelElements: model.settings.elements, stride: stride, parts: parts)
        ws.withEnergies { energies in
        ws.partNetworks.withUnsafeBufferPointer { partNetworks in
        ws.element.withUnsafeBufferPointer { element in
            do {
                try evaluator.evaluate(
                    configuration, neighbors: neighbors, workspace: ws.descriptors, forces: wantsForces,
                    measuringStages: stageTimes != nil,
                    weights: AtomicNetworkWeights(
                        workspace: ws, parts: partNetworks, element: element, stride: stride, energyFactor: energyFactor, energies: energies))
            } catch {
                preconditionFailure("check() accepted a configuration the descriptors reject: \(error)")
            }
        }}}
        extrapolation?.scan(ws.descriptors.values, stride: stride, element: ws.element, configuration: configuration)
        result.energy = ws.energies.reduce(0, +)
        result.perAtomEnergies.removeAll(keepingCapacity: true)
        if properties.contains(.perAtomEnergies) { result.perAtomEnergies.append(contentsOf: ws.energies) }
        result.virial = .zero
        if wantsForces {
            let buffers = ws.descriptors.forceBuffers
            if !properties.contains(.forces) {
                result.forces.removeAll(keepingCapacity: true)
            } else if ghostForces {
                result.forces.removeAll(keepingCapacity: true)
                for a in 0..<neighbors.extendedCount { result.forces.append(buffers.reduce(.zero) { $0 + $1[a] }) }
            } else {
                neighbors.gather(buffers, into: &result.forces)
            }
            if properties.contains(.virial) { result.virial = ws.descriptors.virials.reduce(.zero, +) }
        } else {
            result.forces.removeAll(keepingCapacity: true)
        }
        result.hessian = nil
        if let stageTimes { stageTimes.add(ws.descriptors.stageTimes, total: ClockReading.now() - start) }
    }

    /// Each atom's element as an index into `model`'s elements (which `check` has vouched for).
    static func elementOfAtoms(_ configuration: Configuration, model: NNPModel) -> [Int] {
        let index = configuration.elements.map { model.settings.elements.firstIndex(of: $0)! }
        return configuration.species.map { index[$0] }
    }
}
