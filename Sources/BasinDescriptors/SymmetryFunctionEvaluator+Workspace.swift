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
    /// `weights` gives each atom's row c_i = ∂E_i/∂G_i right after its values
    /// (`DescriptorWeights`). With `measuringStages` the processor time of each stage is summed
    /// per chunk into `workspace.stageTimes`: the chunk's processor time shared out by the
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
        let chunks = neighbors.chunks.count
        workspace.prepareValues(atoms: configuration.count, stride: stride, chunks: chunks)
        workspace.prepareForces(chunks: chunks, extended: forces ? neighbors.extendedCount : 0)
        workspace.atomSet.withUnsafeBufferPointer { atomSet in
        workspace.neighborhoods.withUnsafeMutableBufferPointer { scratch in
        neighbors.positions.withUnsafeBufferPointer { positions in
        neighbors.species.withUnsafeBufferPointer { species in
        withUnsafePointer(to: weights) { weights in
            let pass = AtomByAtomPass(
                chunks: neighbors.chunks, atomSet: atomSet, neighborhoods: scratch, positions: positions,
                species: species, radii: radii, groups: workspace.groups,
                values: UnsafeMutableBufferPointer(mutating: workspace.values), stride: stride,
                forceBuffers: workspace.forceBuffers, virials: workspace.virialStorage, times: workspace.stageStorage,
                forces: forces, measuringStages: measuringStages, weights: UnsafeRawPointer(weights), weightsType: Weights.self)
            concurrentForEach(chunks, body: pass)
        }}}}}
    }
}

/// What an atom's energy makes of its symmetry-function values: the row c_i = ∂E_i/∂G_i that
/// `SymmetryFunctionEvaluator.evaluate(_:neighbors:workspace:forces:measuringStages:weights:)`
/// contracts with the functions' derivatives into forces.
public protocol DescriptorWeights {
    /// c_i for local atom i of `chunk`, called right after its values G_i (`values`, columns as
    /// in `DescriptorWorkspace.values`), concurrently for different chunks; the row (energy
    /// units) must stay valid until the call for the chunk's next atom.
    func weights(chunk: Int, atom i: Int, values: UnsafePointer<Double>) -> UnsafePointer<Double>
}

extension DescriptorWeights {
    /// `weights(chunk:atom:values:)` of the value of this type at `pointer`: how a pass that is
    /// not generic over the type (so that it runs as compiled for its own type on any thread)
    /// reaches the weights, through the metatype.
    static func weights(at pointer: UnsafeRawPointer, chunk: Int, atom i: Int, values: UnsafePointer<Double>) -> UnsafePointer<Double> {
        pointer.assumingMemoryBound(to: Self.self).pointee.weights(chunk: chunk, atom: i, values: values)
    }
}

/// One chunk of the list per iteration: for each of its atoms i in turn, the neighbors within
/// i's function set's r_c into the chunk's neighborhood, the values, the weights, the forces.
/// The weights are reached through their metatype (one call per atom), so that the pass is one
/// concrete type whatever the weights' type.
private struct AtomByAtomPass: ParallelLoopBody {
    let chunks: [NeighborList.Chunk]
    let atomSet: UnsafeBufferPointer<Int>
    let neighborhoods: UnsafeMutableBufferPointer<Neighborhood>
    let positions: UnsafeBufferPointer<SIMD3<Double>>
    let species: UnsafeBufferPointer<Int32>
    let radii: [Double]
    let groups: [FunctionGroups]
    let values: UnsafeMutableBufferPointer<Double>
    let stride: Int
    let forceBuffers: [UnsafeMutableBufferPointer<SIMD3<Double>>]
    let virials: UnsafeMutableBufferPointer<Matrix3>
    let times: UnsafeMutableBufferPointer<ClockReading>
    let forces: Bool
    let measuringStages: Bool
    /// The caller's `DescriptorWeights` value, of type `weightsType`.
    let weights: UnsafeRawPointer
    let weightsType: any DescriptorWeights.Type

    func run(_ c: Int) {
        let chunk = chunks[c]
        let chunkStart = measuringStages ? ClockReading.now() : ClockReading()
        var laps = (0.0, 0.0, 0.0)
        for i in chunk.atoms {
            let row = i - chunk.atoms.lowerBound, set = atomSet[i]
            neighborhoods[c].collect(
                around: i, candidates: chunk.neighbors[Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1])],
                radius: radii[set], positions: positions, species: species)
            let g = values.baseAddress! + i * stride
            var clock = measuringStages ? ClockReading.wallNow() : 0
            neighborhoods[c].addValues(groups[set], to: g)
            if measuringStages { laps.0 += lap(since: &clock) }
            let dEdG = weightsType.weights(at: weights, chunk: c, atom: i, values: g)
            if measuringStages { laps.1 += lap(since: &clock) }
            guard forces else { continue }
            neighborhoods[c].addForces(groups[set], dEdG: dEdG, central: i, into: forceBuffers[c], virial: &virials[c])
            if measuringStages { laps.2 += lap(since: &clock) }
        }
        guard measuringStages else { return }
        // The chunk's processor time, shared out among the stages by their wall laps (reading
        // the processor clocks per atom would cost a system call each); what no lap covers
        // (collecting neighbors) is left out, as the caller accounts for it.
        let whole = ClockReading.now() - chunkStart
        let scale = whole.wall > 0 ? 1 / whole.wall : 0
        times[c * 3] = times[c * 3] + whole.apportioned(laps.0 * scale, wall: laps.0)
        times[c * 3 + 1] = times[c * 3 + 1] + whole.apportioned(laps.1 * scale, wall: laps.1)
        times[c * 3 + 2] = times[c * 3 + 2] + whole.apportioned(laps.2 * scale, wall: laps.2)
    }

    /// Seconds since `start` by the wall clock, and now as the next start.
    @inline(__always)
    private func lap(since start: inout Double) -> Double {
        let now = ClockReading.wallNow()
        defer { start = now }
        return now - start
    }
}
