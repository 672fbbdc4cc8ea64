import BasinAtoms
import BasinMath
import Foundation

/// The Stillinger–Weber force loop over a full neighbor list, chunk by chunk on separate threads.
///
/// For each local atom i it first gathers the neighbors within their pair cutoff into a short
/// list of *legs*, computing each leg's three-body radial factor once (LAMMPS `neighshort`, but
/// LAMMPS recomputes the factors per triplet). The two-body term of a pair is computed from the
/// end the LAMMPS atom-ID parity rule picks; the three-body term runs over leg pairs j < k.
enum StillingerWeberKernel {
    /// One neighbor j of the central atom i inside the pair cutoff, with what every triplet
    /// through it needs.
    struct Leg {
        /// r_j − r_i (Å) and its square (Å²).
        var d: SIMD3<Double>
        var distanceSquared: Double
        /// Extended-atom index of j and its species.
        var atom: Int
        var species: Int
        /// 1/r and 1/r² (Å⁻¹, Å⁻²).
        var inverse: Double
        var inverseSquared: Double
        /// exp(γσ / (r − aσ)), the leg's radial factor, and γσ / ((r − aσ)² r) (Å⁻²), minus its
        /// logarithmic derivative divided by r.
        var exponential: Double
        var radialDerivative: Double
    }

    /// A chunk's rows as raw views, so threads touch no reference counts.
    private struct ChunkView: @unchecked Sendable {
        let atoms: Range<Int>
        let offsets: UnsafeBufferPointer<Int32>
        let neighbors: UnsafeBufferPointer<Int32>
    }

    static func evaluate(
        _ constants: StillingerWeberConstants, neighbors: NeighborList, properties: Properties,
        into result: inout Evaluation, workspace: Workspace
    ) {
        let wantsEnergy = properties.contains(.energy) || properties.contains(.perAtomEnergies)
        switch (wantsEnergy, properties.contains(.virial), properties.contains(.perAtomEnergies), constants.speciesCount == 1) {
        case (false, false, _, true): run(constants, neighbors, &result, workspace, SwitchOff.self, SwitchOff.self, SwitchOff.self, SwitchOn.self)
        case (false, false, _, false): run(constants, neighbors, &result, workspace, SwitchOff.self, SwitchOff.self, SwitchOff.self, SwitchOff.self)
        case (true, false, false, true): run(constants, neighbors, &result, workspace, SwitchOn.self, SwitchOff.self, SwitchOff.self, SwitchOn.self)
        case (true, false, false, false): run(constants, neighbors, &result, workspace, SwitchOn.self, SwitchOff.self, SwitchOff.self, SwitchOff.self)
        case (_, true, false, true): run(constants, neighbors, &result, workspace, SwitchOn.self, SwitchOn.self, SwitchOff.self, SwitchOn.self)
        case (_, true, false, false): run(constants, neighbors, &result, workspace, SwitchOn.self, SwitchOn.self, SwitchOff.self, SwitchOff.self)
        case (_, _, true, true): run(constants, neighbors, &result, workspace, SwitchOn.self, SwitchOn.self, SwitchOn.self, SwitchOn.self)
        case (_, _, true, false): run(constants, neighbors, &result, workspace, SwitchOn.self, SwitchOn.self, SwitchOn.self, SwitchOff.self)
        }
    }

    /// True when the pair (i, j) is computed from i: LAMMPS's rule on atom IDs (owner + 1), which
    /// takes each pair from one end only; an atom and its own image compare positions (z, y, x).
    @inline(__always)
    private static func takesPair(_ oi: Int, _ oj: Int, _ xi: SIMD3<Double>, _ xj: SIMD3<Double>) -> Bool {
        if oi > oj { return (oi &+ oj) & 1 == 1 }
        if oi < oj { return (oi &+ oj) & 1 == 0 }
        if xj.z != xi.z { return xj.z > xi.z }
        if xj.y != xi.y { return xj.y > xi.y }
        return xj.x > xi.x
    }

    /// The kernel: E, V, A switch energy, virial and per-atom energies on; S (single species)
    /// fetches the constants once instead of per pair and triplet.
    private static func run<E: KernelSwitch, V: KernelSwitch, A: KernelSwitch, S: KernelSwitch>(
        _ constants: StillingerWeberConstants, _ neighbors: NeighborList, _ result: inout Evaluation,
        _ workspace: Workspace, _: E.Type, _: V.Type, _: A.Type, _: S.Type
    ) {
        let chunkCount = neighbors.chunks.count
        workspace.prepare(chunks: chunkCount, size: neighbors.extendedCount)
        let views = workspace.scratch(slot: 0, ChunkView.self, count: chunkCount)
        // The longest neighbor row of any chunk sizes each chunk's legs.
        var longest = 1
        for (c, chunk) in neighbors.chunks.enumerated() {
            views[c] = ChunkView(atoms: chunk.atoms, offsets: chunk.offsets, neighbors: chunk.neighbors)
            for row in 0..<chunk.atoms.count { longest = max(longest, Int(chunk.offsets[row &+ 1] &- chunk.offsets[row])) }
        }
        let allLegs = workspace.scratch(slot: 1, Leg.self, count: chunkCount * longest)
        let allInside = workspace.scratch(slot: 2, Int32.self, count: chunkCount * longest)
        let forceBuffers = workspace.forceBuffers, energyBuffers = workspace.energyBuffers, extended = neighbors.extendedCount
        let totalsBuffer = workspace.chunkTotals
        let n = constants.speciesCount
        forceBuffers.withUnsafeBufferPointer { forceBuffers in
        energyBuffers.withUnsafeBufferPointer { energyBuffers in
        neighbors.positions.withUnsafeBufferPointer { x in
        neighbors.species.withUnsafeBufferPointer { species in
        neighbors.owners.withUnsafeBufferPointer { owners in
        constants.pairs.withUnsafeBufferPointer { pairs in
        constants.triplets.withUnsafeBufferPointer { triplets in
            concurrentForEach(chunkCount, body: ChunkPass<E, V, A, S>(views: views, forceBuffers: forceBuffers, energyBuffers: energyBuffers, extended: extended, allLegs: allLegs, allInside: allInside, longest: longest, totalsBuffer: totalsBuffer, n: n, x: x, species: species, owners: owners, pairs: pairs, triplets: triplets))
        }}}}}}}
        ChunkTotals.finish(neighbors: neighbors, workspace: workspace, energy: E.isOn, virial: V.isOn, perAtom: A.isOn, into: &result)
    }
}

extension StillingerWeberKernel {
    /// One chunk of the neighbor list per iteration (`ParallelLoopBody`: nothing allocated per call).
    private struct ChunkPass<E: KernelSwitch, V: KernelSwitch, A: KernelSwitch, S: KernelSwitch>: ParallelLoopBody {
        let views: UnsafeMutableBufferPointer<ChunkView>
        let forceBuffers: UnsafeBufferPointer<UnsafeMutableBufferPointer<SIMD3<Double>>>
        let energyBuffers: UnsafeBufferPointer<UnsafeMutableBufferPointer<Double>>
        let extended: Int
        let allLegs: UnsafeMutableBufferPointer<Leg>
        let allInside: UnsafeMutableBufferPointer<Int32>
        let longest: Int
        let totalsBuffer: UnsafeMutableBufferPointer<ChunkTotals>
        let n: Int
        let x: UnsafeBufferPointer<SIMD3<Double>>
        let species: UnsafeBufferPointer<Int32>
        let owners: UnsafeBufferPointer<Int32>
        let pairs: UnsafeBufferPointer<StillingerWeberConstants.Pair>
        let triplets: UnsafeBufferPointer<StillingerWeberConstants.Triplet>

        func run(_ c: Int) {
            let view = views[c]
            let f = UnsafeMutableBufferPointer(rebasing: forceBuffers[c][0..<extended])
            f.update(repeating: .zero)
            let perAtom = UnsafeMutableBufferPointer(rebasing: energyBuffers[c][0..<extended])
            if A.isOn { perAtom.update(repeating: 0) }
            let legs = allLegs.baseAddress! + c * longest
            let inside = allInside.baseAddress! + c * longest
            var sum = ChunkTotals()
            let onlyPair = pairs[0], onlyTriplet = triplets[0]
            let first = view.atoms.lowerBound
            for i in view.atoms {
                let xi = x[i]
                let si = Int(species[i])
                let oi = Int(owners[i])
                var fi = SIMD3<Double>.zero
                var count = 0
                // The neighbors inside their pair cutoff, kept without a branch (about one
                // listed neighbor in ten is, unpredictably): only the index is written per
                // candidate, and the legs are filled for the few that count.
                for entry in Int(view.offsets[i &- first])..<Int(view.offsets[i &- first &+ 1]) {
                    let j = view.neighbors[entry]
                    let d = x[Int(j)] - xi
                    let r2 = (d * d).sum()
                    let cutSquared = S.isOn ? onlyPair.cutSquared : pairs[si &* n &+ Int(species[Int(j)])].cutSquared
                    inside[count] = j
                    // The sign bit of r² − r_c²: 1 inside the cutoff.
                    count &+= Int(truncatingIfNeeded: (r2 - cutSquared).bitPattern >> 63)
                }
                for a in 0..<count {
                    let j = Int(inside[a])
                    let sj = S.isOn ? 0 : Int(species[j])
                    let pc = S.isOn ? onlyPair : pairs[si &* n &+ sj]
                    let d = x[j] - xi
                    let r2 = (d * d).sum()
                    let r = r2.squareRoot()
                    let inverse = 1 / r
                    let rainv = 1 / (r - pc.cut)
                    let gsrainv = pc.sigmaGamma * rainv
                    legs[a] = Leg(
                        d: d, distanceSquared: r2, atom: j, species: sj, inverse: inverse, inverseSquared: 1 / r2,
                        exponential: exp(gsrainv), radialDerivative: gsrainv * rainv * inverse)
                    guard takesPair(oi, Int(owners[j]), xi, x[j]) else { continue }
                    // Two-body term: fpair = −φ₂′/r, so the force on i is −fpair·d.
                    let rp = StillingerWeberConstants.Pair.inversePower(r: r, inverse: inverse, pc.p, integer: pc.pInteger)
                    let rq = StillingerWeberConstants.Pair.inversePower(r: r, inverse: inverse, pc.q, integer: pc.qInteger)
                    let expsrainv = exp(pc.sigma * rainv)
                    let rainvsq = rainv * rainv * r
                    let fpair = (pc.c1 * rp - pc.c2 * rq + (pc.c3 * rp - pc.c4 * rq) * rainvsq) * expsrainv / r2
                    let fij = fpair * d
                    fi -= fij
                    f[j] += fij
                    if E.isOn {
                        let e = (pc.c5 * rp - pc.c6 * rq) * expsrainv
                        sum.energy += e
                        if A.isOn {
                            perAtom[i] += 0.5 * e
                            perAtom[j] += 0.5 * e
                        }
                    }
                    if V.isOn {
                        sum.virialDiagonal += d * fij
                        sum.virialOffDiagonal += SIMD3(d.x * fij.y, d.x * fij.z, d.y * fij.z)
                    }
                }
                // Three-body terms over leg pairs (j, k), j before k.
                var a = 0
                while a &+ 1 < count {
                    let l1 = legs[a]
                    var fjSum = SIMD3<Double>.zero
                    let tripletRow = (si &* n &+ l1.species) &* n
                    var b = a &+ 1
                    while b < count {
                        let l2 = legs[b]
                        let tc = S.isOn ? onlyTriplet : triplets[tripletRow &+ l2.species]
                        let inverse12 = l1.inverse * l2.inverse
                        let cs = (l1.d * l2.d).sum() * inverse12
                        let delcs = cs - tc.cosTheta0
                        let facexp = l1.exponential * l2.exponential
                        let facrad = tc.lambdaEpsilon * facexp * delcs * delcs
                        let facang = tc.twoLambdaEpsilon * facexp * delcs
                        let facang12 = inverse12 * facang
                        let csfacang = cs * facang
                        let fj = l1.d * (facrad * l1.radialDerivative + l1.inverseSquared * csfacang) - l2.d * facang12
                        let fk = l2.d * (facrad * l2.radialDerivative + l2.inverseSquared * csfacang) - l1.d * facang12
                        fi -= fj + fk
                        fjSum += fj
                        f[l2.atom] += fk
                        sum.addTriplet(energy: facrad, i: i, j: l1.atom, k: l2.atom, perAtom: perAtom,
                                       dj: l1.d, fj: fj, dk: l2.d, fk: fk, E.self, V.self, A.self)
                        b &+= 1
                    }
                    f[l1.atom] += fjSum
                    a &+= 1
                }
                f[i] += fi
            }
            totalsBuffer[c] = sum
        }
    }
}
