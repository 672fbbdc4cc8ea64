import BasinAtoms
import BasinMath

/// Evaluation atom by atom over a reused workspace, for inference, where the derivatives
/// ∂G_is/∂x are needed only contracted with ∂E/∂G. For each atom i in turn:
///
///     values:    G_is, recording per neighbor pair what the derivatives need (cos θ, r_jk,
///                cutoffs and Gaussians, `NeighborhoodRecords`);
///     weights:   the caller's c_is = ∂E_i/∂G_is (an atomic network depends on G_i alone);
///     forces:    F_a = −Σ_s c_is ∂G_is/∂x_a from the records, each term's derivative formed
///                and contracted at once, so that no derivative is stored.
///
/// The records of one atom (some 200 kB for liquid water at r_c = 6.35 Å) stay in the core's
/// cache between its values and its forces, so that nothing is computed twice and nothing
/// grows with the number of atoms but the values and forces themselves.
extension SymmetryFunctionEvaluator {
    /// The stages of `evaluate(_:neighbors:workspace:forces:measuringStages:weights:)`, in
    /// `DescriptorWorkspace.stageTimes`.
    public enum Stage: Int, CaseIterable, Sendable { case values, weights, forces }

    /// Values of every atom into `workspace.values`; then, when `forces`, each part's forces
    /// −Σ_i Σ_s c_is ∂G_is/∂x_a on the extended atoms a into `workspace.forceBuffers` and its
    /// virial Σ_i Σ_a (x_a − x_i) ⊗ F_a^(i) into `workspace.virials`.
    ///
    /// The atoms are split into `partCount(for:)` parts (`EvaluationPart`), claimed by at most
    /// as many threads as the list has chunks; a part's results depend only on its atoms, so
    /// that summing the buffers in part order gives the same forces whatever thread ran which
    /// part. `weights` gives each atom's row c_i = ∂E_i/∂G_i right after its values
    /// (`DescriptorWeights`). With `measuringStages` the processor time of each stage is summed
    /// per part into `workspace.stageTimes`: the part's processor time shared out by the
    /// stages' wall-clock laps, read per atom and stage. Once the workspace has its sizes, a
    /// call allocates nothing, on any number of threads.
    public func evaluate<Weights: DescriptorWeights>(
        _ configuration: Configuration, neighbors: NeighborList, workspace: DescriptorWorkspace, forces: Bool,
        measuringStages: Bool = false, weights: Weights
    ) throws(DescriptorError) {
        guard neighbors.kind == .full else { throw .halfNeighborList }
        guard neighbors.cutoff >= cutoffRadius else {
            throw .neighborListTooShort(listCutoff: neighbors.cutoff, required: cutoffRadius)
        }
        precondition(neighbors.localCount == configuration.count, "a neighbor list built for this configuration")
        workspace.prepareGroups(sets, elements: configuration.elements)
        workspace.atomSet.removeAll(keepingCapacity: true)
        for s in configuration.species {
            let set = workspace.setOfSpecies[s]
            guard set >= 0 else { throw .missingElement(configuration.elements[s].symbol) }
            workspace.atomSet.append(set)
        }
        EvaluationPart.split(neighbors, into: &workspace.parts)
        let parts = workspace.parts.count, threads = neighbors.chunks.count
        workspace.prepareValues(atoms: configuration.count, stride: stride, threads: threads)
        workspace.prepareForces(parts: parts, extended: forces ? neighbors.extendedCount : 0)
        workspace.atomSet.withUnsafeBufferPointer { atomSet in
        workspace.neighborhoods.withUnsafeMutableBufferPointer { scratch in
        neighbors.positions.withUnsafeBufferPointer { positions in
        neighbors.species.withUnsafeBufferPointer { species in
        withUnsafePointer(to: weights) { weights in
            let pass = AtomByAtomPass(
                parts: workspace.parts, chunks: neighbors.chunks, atomSet: atomSet, neighborhoods: scratch,
                slots: workspace.scratchSlots, positions: positions,
                species: species, radii: radii, groups: workspace.groups,
                values: UnsafeMutableBufferPointer(mutating: workspace.values), stride: stride,
                forceBuffers: workspace.forceBuffers, extended: neighbors.extendedCount, virials: workspace.virialStorage,
                times: workspace.stageStorage, forces: forces, measuringStages: measuringStages,
                weights: UnsafeRawPointer(weights), weightsType: Weights.self)
            concurrentForEach(parts, threads: threads, body: pass)
        }}}}}
    }
}

/// What an atom's energy makes of its symmetry-function values: the row c_i = ∂E_i/∂G_i that
/// `SymmetryFunctionEvaluator.evaluate(_:neighbors:workspace:forces:measuringStages:weights:)`
/// contracts with the functions' derivatives into forces.
public protocol DescriptorWeights {
    /// c_i for local atom i of `part` (below `SymmetryFunctionEvaluator.partCount(for:)`),
    /// called right after its values G_i (`values`, columns as in `DescriptorWorkspace.values`),
    /// concurrently for different parts, the atoms of a part in order on one thread; the row
    /// (energy units) must stay valid until the call for the part's next atom.
    func weights(part: Int, atom i: Int, values: UnsafePointer<Double>) -> UnsafePointer<Double>
}

extension DescriptorWeights {
    /// `weights(part:atom:values:)` of the value of this type at `pointer`: how a pass that is
    /// not generic over the type (so that it runs as compiled for its own type on any thread)
    /// reaches the weights, through the metatype.
    static func weights(at pointer: UnsafeRawPointer, part: Int, atom i: Int, values: UnsafePointer<Double>) -> UnsafePointer<Double> {
        pointer.assumingMemoryBound(to: Self.self).pointee.weights(part: part, atom: i, values: values)
    }
}

/// One part per iteration: its force buffer zeroed, then for each of its atoms i in turn, the
/// neighbors within i's function set's r_c into the running thread's neighborhood, the values,
/// the weights, the forces. The weights are reached through their metatype (one call per
/// atom), so that the pass is one concrete type whatever the weights' type.
private struct AtomByAtomPass: ParallelLoopBody {
    let parts: [EvaluationPart]
    let chunks: [NeighborList.Chunk]
    let atomSet: UnsafeBufferPointer<Int>
    let neighborhoods: UnsafeMutableBufferPointer<Neighborhood>
    let slots: ScratchSlots
    let positions: UnsafeBufferPointer<SIMD3<Double>>
    let species: UnsafeBufferPointer<Int32>
    let radii: [Double]
    let groups: [[FunctionGroups]]
    let values: UnsafeMutableBufferPointer<Double>
    let stride: Int
    let forceBuffers: [UnsafeMutableBufferPointer<SIMD3<Double>>]
    /// Extended atoms: the entries of each force buffer in use.
    let extended: Int
    let virials: UnsafeMutableBufferPointer<Matrix3>
    let times: UnsafeMutableBufferPointer<ClockReading>
    let forces: Bool
    let measuringStages: Bool
    /// The caller's `DescriptorWeights` value, of type `weightsType`.
    let weights: UnsafeRawPointer
    let weightsType: any DescriptorWeights.Type

    func run(_ p: Int) {
        let part = parts[p], chunk = chunks[part.chunk]
        let partStart = measuringStages ? ClockReading.now() : ClockReading()
        if forces { UnsafeMutableBufferPointer(rebasing: forceBuffers[p][0..<extended]).update(repeating: .zero) }
        let slot = slots.take()
        defer { slots.giveBack(slot) }
        let groups = self.groups[slot]
        var laps = (0.0, 0.0, 0.0)
        for i in part.atoms {
            let row = i - chunk.atoms.lowerBound, set = atomSet[i]
            neighborhoods[slot].collect(
                around: i, candidates: chunk.neighbors[Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1])],
                radius: radii[set], positions: positions, species: species)
            let g = values.baseAddress! + i * stride
            var clock = measuringStages ? ClockReading.wallNow() : 0
            neighborhoods[slot].addValues(groups[set], to: g)
            if measuringStages { laps.0 += lap(since: &clock) }
            let dEdG = weightsType.weights(at: weights, part: p, atom: i, values: g)
            if measuringStages { laps.1 += lap(since: &clock) }
            guard forces else { continue }
            neighborhoods[slot].addForces(groups[set], dEdG: dEdG, central: i, into: forceBuffers[p], virial: &virials[p])
            if measuringStages { laps.2 += lap(since: &clock) }
        }
        guard measuringStages else { return }
        // The part's processor time, shared out among the stages by their wall laps (reading
        // the processor clocks per atom would cost a system call each); what no lap covers
        // (collecting neighbors, zeroing the buffer) is left out, as the caller accounts for it.
        let whole = ClockReading.now() - partStart
        let scale = whole.wall > 0 ? 1 / whole.wall : 0
        times[p * 3] = times[p * 3] + whole.apportioned(laps.0 * scale, wall: laps.0)
        times[p * 3 + 1] = times[p * 3 + 1] + whole.apportioned(laps.1 * scale, wall: laps.1)
        times[p * 3 + 2] = times[p * 3 + 2] + whole.apportioned(laps.2 * scale, wall: laps.2)
    }

    /// Seconds since `start` by the wall clock, and now as the next start.
    @inline(__always)
    private func lap(since start: inout Double) -> Double {
        let now = ClockReading.wallNow()
        defer { start = now }
        return now - start
    }
}
