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
                let only = function.constants(0)
                for i in chunk.atoms {
                    let xi = x[i]
                    let row = Int(species[i]) &* speciesCount
                    var fi = SIMD3<Double>.zero
                    let start = Int(offsets[i &- first]), end = Int(offsets[i &- first &+ 1])
                    for k in start..<end {
                        let j = Int(list[k])
                        let d = xi - x[j]
                        let r2 = (d * d).sum()
                        let c = S.isOn ? only : function.constants(row &+ Int(species[j]))
                        // Branch-free cutoff: about a third of listed pairs lie in the skin,
                        // unpredictably, so masking beats a mispredicted branch.
                        let inside: Double = r2 < function.cutoffSquared(c) ? 1 : 0
                        let (pairEnergy, pairForce) = function.energyAndForceOverDistance(r2: r2, c)
                        let e = inside * pairEnergy
                        let fij = (inside * pairForce) * d
                        fi += fij
                        f[j] -= fij
                        if E.isOn { sum.energy += e }
                        if A.isOn {
                            perAtom[i] += 0.5 * e
                            perAtom[j] += 0.5 * e
                        }
                        if V.isOn { sum.addVirial(d, fij) }
                    }
                    f[i] += fi
                }
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
                    guard r2 < function.cutoffSquared(c) else { continue }
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
