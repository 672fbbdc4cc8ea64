import BasinAtoms
import BasinMath

/// Evaluation in two passes over a reused workspace, for inference, where the derivatives
/// ∂G_is/∂x are needed only contracted with ∂E/∂G:
///
///     pass 1 (`values`):     G_is of every atom;
///     pass 2 (`addForces`):  F_a = −Σ_i Σ_s c_is ∂G_is/∂x_a, each term's derivative formed
///                            and contracted at once, so that no derivative is stored.
///
/// Pass 2 repeats the distances, cutoffs and Gaussians of pass 1 but replaces the per-function
/// derivative storage (neighbors × functions × 3 numbers per atom) and its second reading by a
/// few numbers per neighbor pair.
extension SymmetryFunctionEvaluator {
    /// Pass 1: the values of every atom into `workspace.values`.
    public func values(
        of configuration: Configuration, neighbors: NeighborList, workspace: DescriptorWorkspace
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
        let stride = self.stride, groups = workspace.groups
        workspace.prepareValues(atoms: configuration.count, stride: stride, chunks: neighbors.chunks.count)
        let values = UnsafeMutableBufferPointer(mutating: workspace.values)
        forEachAtom(neighbors, workspace) { _, i, set, neighborhood in
            neighborhood.addValues(groups[set], to: values.baseAddress! + i * stride)
        }
    }

    /// Pass 2, after `values` with the same list: each chunk's forces −Σ_i Σ_s c_is ∂G_is/∂x_a
    /// on the extended atoms a into `workspace.forceBuffers` and its virial
    /// Σ_i Σ_a (x_a − x_i) ⊗ F_a^(i) into `workspace.virials`, for c = ∂E/∂G (energy units)
    /// in the layout of `workspace.values`.
    public func addForces(dEdG c: UnsafeBufferPointer<Double>, neighbors: NeighborList, workspace: DescriptorWorkspace) {
        let stride = workspace.stride
        precondition(c.count >= workspace.atomCount * stride && neighbors.localCount == workspace.atomCount, "the values' atoms")
        workspace.prepareForces(chunks: neighbors.chunks.count, extended: neighbors.extendedCount)
        let groups = workspace.groups, forceBuffers = workspace.forceBuffers, virials = workspace.virialStorage
        forEachAtom(neighbors, workspace) { chunk, i, set, neighborhood in
            neighborhood.addForces(
                groups[set], dEdG: c.baseAddress! + i * stride, central: i, into: forceBuffers[chunk], virial: &virials[chunk])
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
