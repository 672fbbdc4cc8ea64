import BasinAtoms
import BasinMath

/// Compile-time switches that let one generic pair kernel specialise into lean variants
/// (forces only on most MD steps; energy and virial only when a log asks for them).
protocol KernelSwitch { static var isOn: Bool { get } }
enum SwitchOn: KernelSwitch { static var isOn: Bool { true } }
enum SwitchOff: KernelSwitch { static var isOn: Bool { false } }

/// The pair loop shared by all pair potentials: energy, forces, virial and per-atom energies
/// over a half neighbor list, chunk by chunk on separate threads, plus a dense Hessian.
enum PairLoop {
    static func evaluate<F: PairFunction>(
        _ function: F, neighbors: NeighborList, properties: Properties, into result: inout Evaluation, workspace: Workspace
    ) {
        precondition(neighbors.kind == .half, "pair potentials need a half neighbor list")
        let wantsEnergy = properties.contains(.energy) || properties.contains(.perAtomEnergies)
        let wantsVirial = properties.contains(.virial)
        let wantsPerAtom = properties.contains(.perAtomEnergies)
        if function.speciesCount == 1 {
            dispatch(function, neighbors, &result, workspace, wantsEnergy, wantsVirial, wantsPerAtom, SwitchOn.self)
        } else {
            dispatch(function, neighbors, &result, workspace, wantsEnergy, wantsVirial, wantsPerAtom, SwitchOff.self)
        }
        if !properties.contains(.forces) { result.forces.removeAll(keepingCapacity: true) }
        if properties.contains(.hessian) {
            result.hessian = hessian(function, neighbors: neighbors)
        } else {
            result.hessian = nil
        }
    }

    private static func dispatch<F: PairFunction, S: KernelSwitch>(
        _ function: F, _ neighbors: NeighborList, _ result: inout Evaluation, _ workspace: Workspace,
        _ wantsEnergy: Bool, _ wantsVirial: Bool, _ wantsPerAtom: Bool, _: S.Type
    ) {
        switch (wantsEnergy, wantsVirial, wantsPerAtom) {
        case (false, false, _):
            run(function, neighbors, &result, workspace, SwitchOff.self, SwitchOff.self, SwitchOff.self, S.self)
        case (true, false, false):
            run(function, neighbors, &result, workspace, SwitchOn.self, SwitchOff.self, SwitchOff.self, S.self)
        case (_, true, false):
            run(function, neighbors, &result, workspace, SwitchOn.self, SwitchOn.self, SwitchOff.self, S.self)
        default:
            run(function, neighbors, &result, workspace, SwitchOn.self, SwitchOn.self, SwitchOn.self, S.self)
        }
    }

    /// The kernel: E, V, A switch energy, virial and per-atom energies on; S (single species)
    /// fetches the pair constants once instead of per pair.
    ///
    /// Each row of the half list is taken two neighbors at a time, one per SIMD lane (the two
    /// doubles of a baseline x86-64 vector register, so nothing spills): gather their positions,
    /// evaluate both pairs at once, scatter both reactions. A row of odd length ends with one
    /// pair whose second lane repeats the first and is masked off.
    private static func run<F: PairFunction, E: KernelSwitch, V: KernelSwitch, A: KernelSwitch, S: KernelSwitch>(
        _ function: F, _ neighbors: NeighborList, _ result: inout Evaluation, _ workspace: Workspace,
        _: E.Type, _: V.Type, _: A.Type, _: S.Type
    ) {
        let chunkCount = neighbors.chunks.count
        let size = neighbors.extendedCount
        workspace.prepare(chunks: chunkCount, size: size)
        let totalsBuffer = workspace.chunkTotals
        let speciesCount = function.speciesCount
        concurrentForEach(chunkCount, body: PairChunkPass<F, E, V, A, S>(function: function, neighbors: neighbors, workspace: workspace, totalsBuffer: totalsBuffer, speciesCount: speciesCount))
        ChunkTotals.finish(neighbors: neighbors, workspace: workspace, energy: E.isOn, virial: V.isOn, perAtom: A.isOn, into: &result)
    }

    /// The dense Hessian of a pair potential, rows and columns in the configuration's atom order.
    /// Each pair (i, j) at separation d, r = |d|, adds
    /// K = φ″ d̂d̂ᵀ + (φ′/r)(I − d̂d̂ᵀ) to blocks ii and jj and −K to ij and ji; a pair of an atom
    /// with its own periodic image cancels, as it must.
    static func hessian<F: PairFunction>(_ function: F, neighbors: NeighborList) -> DenseMatrix {
        let n = neighbors.localCount
        var h = DenseMatrix(rows: 3 * n, columns: 3 * n)
        let speciesCount = function.speciesCount
        for chunk in neighbors.chunks {
            for site in chunk.atoms {
                let row = site - chunk.atoms.lowerBound
                let i = Int(neighbors.owners[site])
                for k in Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1]) {
                    let a = Int(chunk.neighbors[k])
                    let d = neighbors.positions[site] - neighbors.positions[a]
                    let r2 = dot(d, d)
                    let c = function.constants(Int(neighbors.species[site]) * speciesCount + Int(neighbors.species[a]))
                    guard r2 < c[7] else { continue }
                    let r = r2.squareRoot()
                    let u = d / r
                    let (g1, g2) = function.derivatives(r: r, c)
                    let j = Int(neighbors.owners[a])
                    for x in 0..<3 {
                        for y in 0..<3 {
                            let k = (g2 - g1 / r) * u[x] * u[y] + (x == y ? g1 / r : 0)
                            h[3 * i + x, 3 * i + y] += k
                            h[3 * j + x, 3 * j + y] += k
                            h[3 * i + x, 3 * j + y] -= k
                            h[3 * j + x, 3 * i + y] -= k
                        }
                    }
                }
            }
        }
        return h
    }
}

extension PairLoop {
    /// One chunk of the neighbor list per iteration (`ParallelLoopBody`: nothing allocated per call).
    private struct PairChunkPass<F: PairFunction, E: KernelSwitch, V: KernelSwitch, A: KernelSwitch, S: KernelSwitch>: ParallelLoopBody {
        let function: F
        let neighbors: NeighborList
        let workspace: Workspace
        let totalsBuffer: UnsafeMutableBufferPointer<ChunkTotals>
        let speciesCount: Int

        func run(_ c: Int) {
            let chunk = neighbors.chunks[c]
            var sum = ChunkTotals()
            neighbors.positions.withUnsafeBufferPointer { x in
            neighbors.species.withUnsafeBufferPointer { species in
                let offsets = chunk.offsets, list = chunk.neighbors
                let f = workspace.forces(c)
                f.update(repeating: .zero)
                let perAtom = workspace.energies(c)
                if A.isOn { perAtom.update(repeating: 0) }
                let first = chunk.atoms.lowerBound
                let only = PairLanes(function.constants(0))
                let bothLanes = SIMDMask<SIMD2<Int64>>(repeating: true)
                let firstLane = SIMD2<Int64>(0, 1) .== SIMD2.zero
                // Lane sums: energy; virial xx, yy, zz, xy, xz, yz.
                var energy = PairVector.zero
                var vxx = PairVector.zero, vyy = PairVector.zero, vzz = PairVector.zero
                var vxy = PairVector.zero, vxz = PairVector.zero, vyz = PairVector.zero
                for i in chunk.atoms {
                    let xi = x[i]
                    let xix = PairVector(repeating: xi.x), xiy = PairVector(repeating: xi.y), xiz = PairVector(repeating: xi.z)
                    let row = Int(species[i]) &* speciesCount
                    var fix = PairVector.zero, fiy = PairVector.zero, fiz = PairVector.zero
                    var ei = PairVector.zero
                    /// Atom i with neighbors j0 and j1, the lanes `valid` counting.
                    @inline(__always) func pairs(_ j0: Int, _ j1: Int, _ valid: SIMDMask<SIMD2<Int64>>) {
                        let a0 = x[j0], a1 = x[j1]
                        let dx = xix - PairVector(a0.x, a1.x)
                        let dy = xiy - PairVector(a0.y, a1.y)
                        let dz = xiz - PairVector(a0.z, a1.z)
                        let r2 = dx * dx + dy * dy + dz * dz
                        let constants = S.isOn ? only : PairLanes(
                            function.constants(row &+ Int(species[j0])), function.constants(row &+ Int(species[j1])))
                        // Masks, not branches: about a third of listed pairs lie in the skin,
                        // unpredictably. Masked lanes get r² = 1 so that nothing overflows.
                        let inside = valid .& (r2 .< constants.cutoffSquared)
                        let (pairEnergy, pairForce) = function.energyAndForceOverDistance(
                            r2: PairVector(repeating: 1).replacing(with: r2, where: inside), constants)
                        let force = PairVector.zero.replacing(with: pairForce, where: inside)
                        let fx = force * dx, fy = force * dy, fz = force * dz
                        fix += fx
                        fiy += fy
                        fiz += fz
                        f[j0] -= SIMD3(fx[0], fy[0], fz[0])
                        f[j1] -= SIMD3(fx[1], fy[1], fz[1])
                        if E.isOn {
                            let e = PairVector.zero.replacing(with: pairEnergy, where: inside)
                            energy += e
                            if A.isOn {
                                ei += e
                                perAtom[j0] += 0.5 * e[0]
                                perAtom[j1] += 0.5 * e[1]
                            }
                        }
                        if V.isOn {
                            vxx += dx * fx
                            vyy += dy * fy
                            vzz += dz * fz
                            vxy += dx * fy
                            vxz += dx * fz
                            vyz += dy * fz
                        }
                    }
                    let end = Int(offsets[i &- first &+ 1])
                    var k = Int(offsets[i &- first])
                    while k &+ 1 < end {
                        pairs(Int(list[k]), Int(list[k &+ 1]), bothLanes)
                        k &+= 2
                    }
                    if k < end {
                        let j = Int(list[k])
                        pairs(j, j, firstLane)
                    }
                    f[i] += SIMD3(fix.sum(), fiy.sum(), fiz.sum())
                    if A.isOn { perAtom[i] += 0.5 * ei.sum() }
                }
                sum.energy = energy.sum()
                sum.virialDiagonal = SIMD3(vxx.sum(), vyy.sum(), vzz.sum())
                sum.virialOffDiagonal = SIMD3(vxy.sum(), vxz.sum(), vyz.sum())
            }}
            totalsBuffer[c] = sum
        }
    }
}
