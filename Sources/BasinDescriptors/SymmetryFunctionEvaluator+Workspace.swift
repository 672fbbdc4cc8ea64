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

    /// Values of every atom into `workspace.values`; then, when `forces`, each chunk's forces
    /// −Σ_i Σ_s c_is ∂G_is/∂x_a on the extended atoms a into `workspace.forceBuffers` and its
    /// virial Σ_i Σ_a (x_a − x_i) ⊗ F_a^(i) into `workspace.virials`.
    ///
    /// `weights(chunk, i, G_i)` is called for each atom right after its values (concurrently
    /// for different chunks) and returns its row c_i = ∂E_i/∂G_i (energy units, columns as in
    /// `values`), which must stay valid until the call returns for the next atom of the chunk.
    /// With `measuringStages` the processor time of each stage is summed per chunk into
    /// `workspace.stageTimes` (two clock readings per atom and stage).
    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList, workspace: DescriptorWorkspace, forces: Bool,
        measuringStages: Bool = false, weights: (Int, Int, UnsafePointer<Double>) -> UnsafePointer<Double>
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
        let stride = self.stride, groups = workspace.groups, chunks = neighbors.chunks.count
        workspace.prepareValues(atoms: configuration.count, stride: stride, chunks: chunks)
        workspace.prepareForces(chunks: chunks, extended: forces ? neighbors.extendedCount : 0)
        let values = UnsafeMutableBufferPointer(mutating: workspace.values), forceBuffers = workspace.forceBuffers
        let virials = workspace.virialStorage, times = workspace.stageStorage
        forEachAtom(neighbors, workspace) { chunk, i, set, neighborhood in
            let row = values.baseAddress! + i * stride
            var clock = measuringStages ? ClockReading.now() : ClockReading()
            neighborhood.addValues(groups[set], to: row)
            if measuringStages { times[chunk * 3] = times[chunk * 3] + ClockReading.lap(since: &clock) }
            let c = weights(chunk, i, row)
            if measuringStages { times[chunk * 3 + 1] = times[chunk * 3 + 1] + ClockReading.lap(since: &clock) }
            guard forces else { return }
            neighborhood.addForces(groups[set], dEdG: c, central: i, into: forceBuffers[chunk], virial: &virials[chunk])
            if measuringStages { times[chunk * 3 + 2] = times[chunk * 3 + 2] + ClockReading.lap(since: &clock) }
        }
    }

    /// Runs `body(chunk, i, set, neighborhood)` for every local atom i, the list's chunks on
    /// separate threads, once i's neighbors within its function set's r_c are collected into the
    /// chunk's neighborhood.
    private func forEachAtom(
        _ neighbors: NeighborList, _ workspace: DescriptorWorkspace, _ body: (Int, Int, Int, inout Neighborhood) -> Void
    ) {
        workspace.atomSet.withUnsafeBufferPointer { atomSet in
        workspace.neighborhoods.withUnsafeMutableBufferPointer { scratch in
        neighbors.positions.withUnsafeBufferPointer { x in
        neighbors.species.withUnsafeBufferPointer { kind in
            nonisolated(unsafe) let scratch = scratch
            concurrentForEach(neighbors.chunks.count) { c in
                let chunk = neighbors.chunks[c]
                for i in chunk.atoms {
                    let row = i - chunk.atoms.lowerBound, set = atomSet[i]
                    scratch[c].collect(
                        around: i, candidates: chunk.neighbors[Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1])],
                        radius: radii[set], positions: x, species: kind)
                    body(c, i, set, &scratch[c])
                }
            }
        }}}}
    }
}
