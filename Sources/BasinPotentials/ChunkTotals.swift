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

    /// Fills `result` from the chunks' totals and force (and per-atom energy) buffers: sums the
    /// buffers with ghosts onto owners, adds the totals, and clears what was not computed.
    static func finish(
        _ totals: [ChunkTotals], neighbors: NeighborList, workspace: Workspace, energy: Bool, virial: Bool,
        perAtom: Bool, into result: inout Evaluation
    ) {
        let chunks = totals.count
        neighbors.gather((0..<chunks).map(workspace.forces), into: &result.forces)
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
            neighbors.gather((0..<chunks).map(workspace.energies), into: &result.perAtomEnergies)
        } else {
            result.perAtomEnergies.removeAll(keepingCapacity: true)
        }
    }
}
