import BasinAtoms
import BasinMath
import Foundation

/// The Vashishta force loop over a full neighbor list, chunk by chunk on separate threads.
///
/// For each local atom i, one branch-free pass over its row sorts the neighbors into two short
/// lists: the pairs this atom computes (LAMMPS's rule over a full list: of the two atoms of a pair
/// the lower index computes it when the indices' sum is even, the higher when it is odd, which
/// balances the work; a pair of an atom with its own image is met from both ends and counted
/// half each time), and the legs within the three-body cutoff r0 (a few neighbors, against about
/// a hundred within rc). The radial factor f(r) of each leg is computed once per leg rather than
/// once per triplet.
enum VashishtaKernel {
    /// A neighbor within the three-body cutoff: d = x_a − x_i, and its leg's radial factor
    /// f = exp(γ/(r − r0)) with fSlope = γ/((r − r0)² r), so that ∂f/∂d = −f · fSlope · d.
    private struct Leg {
        var d: SIMD3<Double>
        var r2Inverse: Double
        var rInverse: Double
        var f: Double
        var fSlope: Double
        var atom: Int
        /// Start of the triplet row (i, this leg's species, ·) in the triplet table.
        var tripletRow: Int
        var species: Int
    }

    static func evaluate(
        _ table: Vashishta.Table, neighbors: NeighborList, properties: Properties, into result: inout Evaluation, workspace: Workspace
    ) {
        if table.twoBody == nil {
            dispatch(table, neighbors, properties, &result, workspace, SwitchOff.self)
        } else {
            dispatch(table, neighbors, properties, &result, workspace, SwitchOn.self)
        }
        if !properties.contains(.forces) { result.forces.removeAll(keepingCapacity: true) }
        result.hessian = nil
    }

    private static func dispatch<T: KernelSwitch>(
        _ table: Vashishta.Table, _ neighbors: NeighborList, _ properties: Properties, _ result: inout Evaluation,
        _ workspace: Workspace, _: T.Type
    ) {
        let wantsEnergy = properties.contains(.energy) || properties.contains(.perAtomEnergies)
        switch (wantsEnergy, properties.contains(.virial), properties.contains(.perAtomEnergies)) {
        case (false, false, _):
            run(table, neighbors, &result, workspace, SwitchOff.self, SwitchOff.self, SwitchOff.self, T.self)
        case (true, false, false):
            run(table, neighbors, &result, workspace, SwitchOn.self, SwitchOff.self, SwitchOff.self, T.self)
        case (_, true, false):
            run(table, neighbors, &result, workspace, SwitchOn.self, SwitchOn.self, SwitchOff.self, T.self)
        default:
            run(table, neighbors, &result, workspace, SwitchOn.self, SwitchOn.self, SwitchOn.self, T.self)
        }
    }

    /// The kernel: E, V, A switch energy, virial and per-atom energies on; T takes the two-body
    /// term from the table (`pair_style vashishta/table`).
    private static func run<E: KernelSwitch, V: KernelSwitch, A: KernelSwitch, T: KernelSwitch>(
        _ table: Vashishta.Table, _ neighbors: NeighborList, _ result: inout Evaluation, _ workspace: Workspace,
        _: E.Type, _: V.Type, _: A.Type, _: T.Type
    ) {
        let chunks = neighbors.chunks
        let chunkCount = chunks.count
        workspace.prepare(chunks: chunkCount, size: neighbors.extendedCount)
        let n = table.speciesCount
        let totalsBuffer = workspace.chunkTotals
        // The longest neighbor row of any chunk sizes each chunk's pair and leg lists.
        var longest = 0
        for chunk in chunks {
            for row in 0..<chunk.atoms.count { longest = max(longest, Int(chunk.offsets[row + 1] &- chunk.offsets[row])) }
        }
        let stride = longest + 1
        let allPairLists = workspace.scratch(slot: 0, Int32.self, count: chunkCount * stride)
        let allLegLists = workspace.scratch(slot: 1, Int32.self, count: chunkCount * stride)
        let allLegs = workspace.scratch(slot: 2, Leg.self, count: chunkCount * stride)
        Vashishta.TwoBodyTable.withLookup(table.twoBody) { twoBody in
        neighbors.positions.withUnsafeBufferPointer { x in
        neighbors.species.withUnsafeBufferPointer { species in
        neighbors.owners.withUnsafeBufferPointer { owners in
        table.pairs.withUnsafeBufferPointer { pairs in
        table.cutoffs.withUnsafeBufferPointer { cutoffs in
        table.triplets.withUnsafeBufferPointer { triplets in
        chunks.withUnsafeBufferPointer { chunks in
            concurrentForEach(chunkCount, body: ChunkPass<E, V, A, T>(chunks: chunks, allPairLists: allPairLists, allLegLists: allLegLists, allLegs: allLegs, stride: stride, twoBody: twoBody, workspace: workspace, x: x, species: species, owners: owners, pairs: pairs, cutoffs: cutoffs, triplets: triplets, totalsBuffer: totalsBuffer, n: n))
        }}}}}}}}
        ChunkTotals.finish(neighbors: neighbors, workspace: workspace, energy: E.isOn, virial: V.isOn, perAtom: A.isOn, into: &result)
    }
}

extension VashishtaKernel {
    /// One chunk of the neighbor list per iteration (`ParallelLoopBody`: nothing allocated per call).
    private struct ChunkPass<E: KernelSwitch, V: KernelSwitch, A: KernelSwitch, T: KernelSwitch>: ParallelLoopBody {
        let chunks: UnsafeBufferPointer<NeighborList.Chunk>
        let allPairLists: UnsafeMutableBufferPointer<Int32>
        let allLegLists: UnsafeMutableBufferPointer<Int32>
        let allLegs: UnsafeMutableBufferPointer<Leg>
        let stride: Int
        let twoBody: Vashishta.TwoBodyTable.Lookup
        let workspace: Workspace
        let x: UnsafeBufferPointer<SIMD3<Double>>
        let species: UnsafeBufferPointer<Int32>
        let owners: UnsafeBufferPointer<Int32>
        let pairs: UnsafeBufferPointer<Vashishta.PairConstants>
        let cutoffs: UnsafeBufferPointer<SIMD2<Double>>
        let triplets: UnsafeBufferPointer<Vashishta.TripletConstants>
        let totalsBuffer: UnsafeMutableBufferPointer<ChunkTotals>
        let n: Int

        func run(_ c: Int) {
            let chunk = chunks[c]
            let offsets = chunk.offsets, list = chunk.neighbors
            let first = chunk.atoms.lowerBound
            // Indices of the pairs atom i computes and of its legs, then the legs themselves.
            let pairList = allPairLists.baseAddress! + c * stride
            let legList = allLegLists.baseAddress! + c * stride
            let legs = allLegs.baseAddress! + c * stride
            let f = workspace.forces(c)
            f.update(repeating: .zero)
            let perAtom = workspace.energies(c)
            if A.isOn { perAtom.update(repeating: 0) }
            var sum = ChunkTotals()
            for i in chunk.atoms {
                let xi = x[i]
                let row = Int(species[i]) &* n
                var pairCount = 0, legCount = 0
                for k in Int(offsets[i &- first])..<Int(offsets[i &- first &+ 1]) {
                    let a = list[k]
                    let d = xi - x[Int(a)]
                    let r2 = (d * d).sum()
                    let cut = cutoffs[row &+ Int(species[Int(a)])]
                    let o = Int(owners[Int(a)])
                    let evenSum = (i ^ o) & 1 == 0
                    let computes = ((i < o) == evenSum) != (i == o)
                    pairList[pairCount] = a
                    pairCount &+= computes && r2 <= cut.x ? 1 : 0
                    legList[legCount] = a
                    legCount &+= r2 < cut.y ? 1 : 0
                }
                // Two-body terms.
                var fi = SIMD3<Double>.zero
                for q in 0..<pairCount {
                    let a = Int(pairList[q])
                    let d = xi - x[a]
                    let weight = Int(owners[a]) == i ? 0.5 : 1
                    let p = row &+ Int(species[a]), r2 = (d * d).sum()
                    let (e, forceOverDistance) = T.isOn
                        ? twoBody.energyAndForceOverDistance(p, r2: r2, exact: pairs[p])
                        : pairs[p].energyAndForceOverDistance(r2: r2)
                    let fij = (weight * forceOverDistance) * d
                    fi += fij
                    f[a] -= fij
                    if E.isOn { sum.energy += weight * e }
                    if A.isOn {
                        perAtom[i] += 0.5 * weight * e
                        perAtom[a] += 0.5 * weight * e
                    }
                    if V.isOn {
                        sum.virialDiagonal += d * fij
                        sum.virialOffDiagonal += SIMD3(d.x * fij.y, d.x * fij.z, d.y * fij.z)
                    }
                }
                // The legs and their radial factors.
                for q in 0..<legCount {
                    let a = Int(legList[q])
                    let sa = Int(species[a])
                    let constants = pairs[row &+ sa]
                    let d = x[a] - xi
                    let r2 = (d * d).sum()
                    let r = r2.squareRoot()
                    let rmr0Inverse = 1 / (r - constants.r0)
                    let exponent = constants.gamma * rmr0Inverse
                    legs[q] = Leg(
                        d: d, r2Inverse: 1 / r2, rInverse: 1 / r, f: exp(exponent), fSlope: exponent * rmr0Inverse / r,
                        atom: a, tripletRow: (row &+ sa) &* n, species: sa)
                }
                // Three-body terms (LAMMPS `threebody`), each pair of legs once.
                for jj in 0..<max(legCount &- 1, 0) {
                    let j = legs[jj]
                    for kk in (jj &+ 1)..<legCount {
                        let k = legs[kk]
                        let t = triplets[j.tripletRow &+ k.species]
                        let rInverse12 = j.rInverse * k.rInverse
                        let cs = (j.d * k.d).sum() * rInverse12
                        let delta = cs - t.cosTheta0
                        let deltaSquared = delta * delta
                        let denominator = t.c * deltaSquared + 1
                        let radial = j.f * k.f
                        let energy = t.b * radial * deltaSquared / denominator
                        let angular = t.twoB * radial * delta / (denominator * denominator)
                        let angular12 = rInverse12 * angular
                        let csAngular = cs * angular
                        let fj = (energy * j.fSlope + j.r2Inverse * csAngular) * j.d - angular12 * k.d
                        let fk = (energy * k.fSlope + k.r2Inverse * csAngular) * k.d - angular12 * j.d
                        fi -= fj + fk
                        f[j.atom] += fj
                        f[k.atom] += fk
                        sum.addTriplet(energy: energy, i: i, j: j.atom, k: k.atom, perAtom: perAtom,
                                       dj: j.d, fj: fj, dk: k.d, fk: fk, E.self, V.self, A.self)
                    }
                }
                f[i] += fi
            }
            totalsBuffer[c] = sum
        }
    }
}
