import BasinAtoms
import BasinDescriptors
import BasinMath
import Glibc
import Testing

/// The atom-by-atom pass splits the atoms into more parts than threads, claimed by whichever
/// thread is free: each part must run on one thread, no more threads than the list has chunks
/// may run, and the forces and virial must not depend on which thread took which part or when.
@Suite struct PartOrderTests {
    /// 216 O and H atoms on a jittered lattice 1.7 apart in a periodic cube.
    static func liquid() -> Configuration {
        let side = 6, spacing = 1.7
        var positions: [SIMD3<Double>] = [], species: [Int] = []
        for i in 0..<side { for j in 0..<side { for k in 0..<side {
            let n = Double(i * side * side + j * side + k)
            let jitter = SIMD3(sin(12.9898 * n), sin(78.233 * n + 1), sin(37.719 * n + 2)) * 0.25
            positions.append(SIMD3(Double(i), Double(j), Double(k)) * spacing + jitter)
            species.append((i + j + k) % 3 == 0 ? 0 : 1)
        }}}
        let length = Double(side) * spacing
        return Configuration(
            positions: positions, species: species, elements: [Fixtures.oxygen, Fixtures.hydrogen],
            cell: .orthorhombic(SIMD3(repeating: length)))
    }

    /// c_is = 0.5 + G_is / (1 + s), in a row per part, noting the thread that ran each atom
    /// and its part, and pausing at one atom so that the other thread claims the next parts.
    struct Weights: DescriptorWeights {
        let rows: UnsafeMutableBufferPointer<Double>
        let stride: Int
        let threads: UnsafeMutableBufferPointer<pthread_t>
        let parts: UnsafeMutableBufferPointer<Int>
        let pausedAtom: Int

        func weights(part: Int, atom i: Int, values: UnsafePointer<Double>) -> UnsafePointer<Double> {
            if i == pausedAtom { usleep(30_000) }
            threads[i] = pthread_self()
            parts[i] = part
            let row = rows.baseAddress! + part * stride
            for s in 0..<stride { row[s] = 0.5 + values[s] / Double(1 + s) }
            return UnsafePointer(row)
        }
    }

    struct Run {
        var forces: [SIMD3<Double>] = []
        var virial = Matrix3.zero
        var threads: [pthread_t] = []
        var parts: [Int] = []
    }

    /// Forces folded onto the atoms (buffers summed in part order) and virial of one pass.
    static func run(
        _ configuration: Configuration, _ evaluator: SymmetryFunctionEvaluator, _ list: NeighborList, pausedAtom: Int
    ) throws -> Run {
        let workspace = DescriptorWorkspace(), partCount = evaluator.partCount(for: list), n = configuration.count
        var rows = [Double](repeating: 0, count: partCount * evaluator.stride)
        var threads = [pthread_t](repeating: 0, count: n), parts = [Int](repeating: -1, count: n)
        try rows.withUnsafeMutableBufferPointer { rows in
        try threads.withUnsafeMutableBufferPointer { threads in
        try parts.withUnsafeMutableBufferPointer { parts in
            try evaluator.evaluate(
                configuration, neighbors: list, workspace: workspace, forces: true,
                weights: Weights(rows: rows, stride: evaluator.stride, threads: threads, parts: parts, pausedAtom: pausedAtom))
        }}}
        #expect(workspace.forceBuffers.count == partCount)
        var run = Run(threads: threads, parts: parts)
        list.gather(workspace.forceBuffers, into: &run.forces)
        run.virial = workspace.virials.reduce(.zero, +)
        return run
    }

    @Test func resultsDoNotDependOnWhichThreadTookWhichPart() throws {
        let configuration = Self.liquid(), n = configuration.count
        let evaluator = SymmetryFunctionEvaluator(sets: Fixtures.sets())
        let list = NeighborList(cutoff: evaluator.cutoffRadius, kind: .full, chunkCount: 2)
        try list.build(for: configuration)
        #expect(evaluator.partCount(for: list) > 2 * 2, "several parts per thread")
        let first = try Self.run(configuration, evaluator, list, pausedAtom: -1)
        for pausedAtom in [0, n - 1, -1] {
            let again = try Self.run(configuration, evaluator, list, pausedAtom: pausedAtom)
            #expect(again.forces == first.forces, "pausing atom \(pausedAtom) changed the forces")
            #expect(again.virial == first.virial, "pausing atom \(pausedAtom) changed the virial")
            #expect(Set(again.threads).count <= 2, "more threads than chunks")
            for part in Set(again.parts) {
                let threads = Set(zip(again.parts, again.threads).filter { $0.0 == part }.map(\.1))
                #expect(threads.count == 1, "part \(part) ran on \(threads.count) threads")
            }
        }
        for part in Set(first.parts) {
            let atoms = first.parts.indices.filter { first.parts[$0] == part }
            #expect(atoms.last! - atoms.first! + 1 == atoms.count, "part \(part) holds consecutive atoms")
        }
        #expect(Set(first.parts) == Set(0..<evaluator.partCount(for: list)))

        // One thread, one part: the same forces up to rounding.
        let single = NeighborList(cutoff: evaluator.cutoffRadius, kind: .full, chunkCount: 1)
        try single.build(for: configuration)
        #expect(evaluator.partCount(for: single) == 1)
        let alone = try Self.run(configuration, evaluator, single, pausedAtom: -1)
        let scale = first.forces.map { ($0 * $0).sum().squareRoot() }.max()!
        for (a, b) in zip(alone.forces, first.forces) { #expect(((a - b) * (a - b)).sum().squareRoot() <= 1e-12 * scale) }
    }
}
