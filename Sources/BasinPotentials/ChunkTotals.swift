import BasinAtoms
import BasinMath

/// What one chunk (thread) of a force kernel sums besides forces: the energy and the six
/// independent virial components. Kernels fill one per chunk and `finish` combines them.
struct ChunkTotals {
    var energy = 0.0
    var virialDiagonal = SIMD3<Double>.zero
    /// xy, xz, yz.
    var virialOffDiagonal = SIMD3<Double>.zero

    /// Adds the virial of a force `f` acting along the separation `d`: d ⊗ f (symmetric part).
    @inline(__always)
    mutating func addVirial(_ d: SIMD3<Double>, _ f: SIMD3<Double>) {
        virialDiagonal += d * f
        virialOffDiagonal += SIMD3(d.x * f.y, d.x * f.z, d.y * f.z)
    }

    /// Adds a three-body term's energy and virial: `energy` to the total and a third of it to
    /// each of atoms i, j, k in `perAtom` (the LAMMPS `ev_tally3` split), and the virial of
    /// forces `fj`, `fk` on j, k at separations `dj`, `dk` from i.
    @inline(__always)
    mutating func addTriplet<E: KernelSwitch, V: KernelSwitch, A: KernelSwitch>(
        energy: Double, i: Int, j: Int, k: Int, perAtom: UnsafeMutableBufferPointer<Double>,
        dj: SIMD3<Double>, fj: SIMD3<Double>, dk: SIMD3<Double>, fk: SIMD3<Double>, _: E.Type, _: V.Type, _: A.Type
    ) {
        if E.isOn { self.energy += energy }
        if A.isOn {
            let third = energy / 3
            perAtom[i] += third
            perAtom[j] += third
            perAtom[k] += third
        }
        if V.isOn {
            addVirial(dj, fj)
            addVirial(dk, fk)
        }
    }

    /// Fills `result` from the workspace's chunk totals and force (and per-atom energy) buffers: sums the
    /// buffers with ghosts onto owners, adds the totals, and clears what was not computed.
    static func finish(
        neighbors: NeighborList, workspace: Workspace, energy: Bool, virial: Bool, perAtom: Bool, into result: inout Evaluation
    ) {
        let totals = workspace.chunkTotals
        neighbors.gather(workspace.forceBuffers, into: &result.forces)
        var total = ChunkTotals()
        for t in totals {
            total.energy += t.energy
            total.virialDiagonal += t.virialDiagonal
            total.virialOffDiagonal += t.virialOffDiagonal
        }
        result.energy = energy ? total.energy : 0
        if virial {
            let dg = total.virialDiagonal, od = total.virialOffDiagonal
            result.virial = Matrix3(rows: SIMD3(dg.x, od.x, od.y), SIMD3(od.x, dg.y, od.z), SIMD3(od.y, od.z, dg.z))
        } else {
            result.virial = .zero
        }
        if perAtom {
            neighbors.gather(workspace.energyBuffers, into: &result.perAtomEnergies)
        } else {
            result.perAtomEnergies.removeAll(keepingCapacity: true)
        }
    }
}
