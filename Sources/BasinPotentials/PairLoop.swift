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
    /// Each row of the half list is taken four neighbors at a time, one per SIMD lane: gather
    /// their positions, evaluate the four pairs at once, scatter the four reactions. The lanes
    /// past a row's end hold atom i itself with a zero force, so the loop has no branch.
    private static func run<F: PairFunction, E: KernelSwitch, V: KernelSwitch, A: KernelSwitch, S: KernelSwitch>(
        _ function: F, _ neighbors: NeighborList, _ result: inout Evaluation, _ workspace: Workspace,
        _: E.Type, _: V.Type, _: A.Type, _: S.Type
    ) {
        let chunkCount = neighbors.chunks.count
        let size = neighbors.extendedCount
        workspace.prepare(chunks: chunkCount, size: size)
        let totalsBuffer = workspace.chunkTotals
        let speciesCount = function.speciesCount
        concurrentForEach(chunkCount) { c in
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
                let lane = SIMD4<Int64>(0, 1, 2, 3)
                // Lane sums: energy; virial xx, yy, zz, xy, xz, yz.
                var energy = SIMD4<Double>.zero
                var vxx = SIMD4<Double>.zero, vyy = SIMD4<Double>.zero, vzz = SIMD4<Double>.zero
                var vxy = SIMD4<Double>.zero, vxz = SIMD4<Double>.zero, vyz = SIMD4<Double>.zero
                for i in chunk.atoms {
                    let xi = x[i]
                    let xix = SIMD4(repeating: xi.x), xiy = SIMD4(repeating: xi.y), xiz = SIMD4(repeating: xi.z)
                    let row = Int(species[i]) &* speciesCount
                    var fix = SIMD4<Double>.zero, fiy = SIMD4<Double>.zero, fiz = SIMD4<Double>.zero
                    var ei = SIMD4<Double>.zero
                    let end = Int(offsets[i &- first &+ 1])
                    var k = Int(offsets[i &- first])
                    while k < end {
                        let valid = lane .< SIMD4(repeating: Int64(end &- k))
                        let j0 = Int(list[k])
                        let j1 = k &+ 1 < end ? Int(list[k &+ 1]) : i
                        let j2 = k &+ 2 < end ? Int(list[k &+ 2]) : i
                        let j3 = k &+ 3 < end ? Int(list[k &+ 3]) : i
                        let a0 = x[j0], a1 = x[j1], a2 = x[j2], a3 = x[j3]
                        let dx = xix - SIMD4(a0.x, a1.x, a2.x, a3.x)
                        let dy = xiy - SIMD4(a0.y, a1.y, a2.y, a3.y)
                        let dz = xiz - SIMD4(a0.z, a1.z, a2.z, a3.z)
                        let r2 = dx * dx + dy * dy + dz * dz
                        let constants = S.isOn ? only : PairLanes(
                            function.constants(row &+ Int(species[j0])), function.constants(row &+ Int(species[j1])),
                            function.constants(row &+ Int(species[j2])), function.constants(row &+ Int(species[j3])))
                        // Masks, not branches: about a third of listed pairs lie in the skin,
                        // unpredictably. Masked lanes get r² = 1 so that nothing overflows.
                        let inside = valid .& (r2 .< constants.cutoffSquared)
                        let (pairEnergy, pairForce) = function.energyAndForceOverDistance(
                            r2: SIMD4(repeating: 1).replacing(with: r2, where: inside), constants)
                        let force = SIMD4<Double>.zero.replacing(with: pairForce, where: inside)
                        let fx = force * dx, fy = force * dy, fz = force * dz
                        fix += fx
                        fiy += fy
                        fiz += fz
                        f[j0] -= SIMD3(fx[0], fy[0], fz[0])
                        f[j1] -= SIMD3(fx[1], fy[1], fz[1])
                        f[j2] -= SIMD3(fx[2], fy[2], fz[2])
                        f[j3] -= SIMD3(fx[3], fy[3], fz[3])
                        if E.isOn {
                            let e = SIMD4<Double>.zero.replacing(with: pairEnergy, where: inside)
                            energy += e
                            if A.isOn {
                                ei += e
                                perAtom[j0] += 0.5 * e[0]
                                perAtom[j1] += 0.5 * e[1]
                                perAtom[j2] += 0.5 * e[2]
                                perAtom[j3] += 0.5 * e[3]
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
                        k &+= 4
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
        ChunkTotals.finish(neighbors: neighbors, workspace: workspace, energy: E.isOn, virial: V.isOn, perAtom: A.isOn, into: &result)
    }

    /// The dense Hessian of a pair potential. Each pair (i, j) at separation d, r = |d|, adds
    /// K = φ″ d̂d̂ᵀ + (φ′/r)(I − d̂d̂ᵀ) to blocks ii and jj and −K to ij and ji; a pair of an atom
    /// with its own periodic image cancels, as it must.
    static func hessian<F: PairFunction>(_ function: F, neighbors: NeighborList) -> DenseMatrix {
        let n = neighbors.localCount
        var h = DenseMatrix(rows: 3 * n, columns: 3 * n)
        let speciesCount = function.speciesCount
        for chunk in neighbors.chunks {
            for i in chunk.atoms {
                let row = i - chunk.atoms.lowerBound
                for k in Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1]) {
                    let a = Int(chunk.neighbors[k])
                    let d = neighbors.positions[i] - neighbors.positions[a]
                    let r2 = dot(d, d)
                    let c = function.constants(Int(neighbors.species[i]) * speciesCount + Int(neighbors.species[a]))
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
