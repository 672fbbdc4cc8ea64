import BasinAtoms
import BasinMath

/// Evaluates element-resolved symmetry functions and their analytic derivatives for every atom
/// of a configuration, from a full neighbor list whose cutoff covers the largest r_c
/// (the list's ghosts supply the periodic images). Chunks of the list run concurrently, each
/// with its own scratch memory.
public struct SymmetryFunctionEvaluator: Sendable {
    /// One set per central element.
    public let sets: [SymmetryFunctionSet]
    /// r_c of each set (length units).
    let radii: [Double]
    /// Largest r_c over all functions (length units): the cutoff the neighbor list needs.
    public let cutoffRadius: Double
    /// The largest function count of a set: the row length of the values.
    public let stride: Int

    public init(sets: [SymmetryFunctionSet]) {
        self.sets = sets
        radii = sets.map(\.cutoffRadius)
        cutoffRadius = radii.max() ?? 0
        stride = sets.map(\.functions.count).max() ?? 0
    }

    public func evaluate(
        _ configuration: Configuration, neighbors: NeighborList
    ) throws(DescriptorError) -> SymmetryFunctionValues {
        guard neighbors.kind == .full else { throw .halfNeighborList }
        guard neighbors.cutoff >= cutoffRadius else {
            throw .neighborListTooShort(listCutoff: neighbors.cutoff, required: cutoffRadius)
        }
        precondition(neighbors.localCount == configuration.count, "a neighbor list built for this configuration")
        func species(_ e: Element) -> Int32 { Int32(configuration.elements.firstIndex(of: e) ?? -1) }
        var setOfSpecies: [Int] = []
        for element in configuration.elements {
            // An element without a set is an error only if some atom has it.
            setOfSpecies.append(sets.firstIndex { $0.central == element } ?? -1)
        }
        for s in configuration.species where setOfSpecies[s] < 0 {
            throw .missingElement(configuration.elements[s].symbol)
        }
        let groups = sets.map { FunctionGroups($0, species: species) }
        let n = configuration.count
        let atomSet = configuration.species.map { setOfSpecies[$0] }
        // Pass 1: neighborhood sizes, to lay the derivatives out.
        var start = [Int](repeating: 0, count: n + 1)
        neighbors.positions.withUnsafeBufferPointer { x in
        start.withUnsafeMutableBufferPointer { start in
            nonisolated(unsafe) let start = start
            concurrentForEach(neighbors.chunks.count) { c in
                let chunk = neighbors.chunks[c]
                for i in chunk.atoms {
                    let row = i - chunk.atoms.lowerBound, r2 = radii[atomSet[i]] * radii[atomSet[i]]
                    var count = 1
                    for e in Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1]) {
                        let d = x[Int(chunk.neighbors[e])] - x[i]
                        if (d * d).sum() < r2 { count += 1 }
                    }
                    start[i + 1] = count
                }
            }
        }}
        for i in 0..<n { start[i + 1] += start[i] }
        var values = [Double](repeating: 0, count: n * stride)
        var neighborhood = [Int32](repeating: 0, count: start[n])
        var derivatives = [SIMD3<Double>](repeating: .zero, count: start[n] * stride)
        // Pass 2: values and derivatives, atom by atom.
        neighbors.positions.withUnsafeBufferPointer { x in
        neighbors.species.withUnsafeBufferPointer { kind in
        values.withUnsafeMutableBufferPointer { values in
        neighborhood.withUnsafeMutableBufferPointer { neighborhood in
        derivatives.withUnsafeMutableBufferPointer { derivatives in
            nonisolated(unsafe) let values = values, neighborhood = neighborhood, derivatives = derivatives
            concurrentForEach(neighbors.chunks.count) { c in
                let chunk = neighbors.chunks[c]
                var scratch = Neighborhood()
                for i in chunk.atoms {
                    let row = i - chunk.atoms.lowerBound, radius = radii[atomSet[i]]
                    scratch.collect(
                        around: i, candidates: chunk.neighbors[Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1])],
                        radius: radius, positions: x, species: kind)
                    let first = start[i]
                    neighborhood[first] = Int32(i)
                    for m in 0..<scratch.count { neighborhood[first + 1 + m] = scratch.atoms[m] }
                    scratch.evaluate(
                        groups[atomSet[i]], values: values.baseAddress! + i * stride,
                        derivatives: derivatives.baseAddress! + first * stride, stride: stride)
                }
            }
        }}}}}
        return SymmetryFunctionValues(
            atomCount: n, stride: stride, functionCounts: atomSet.map { sets[$0].functions.count },
            values: values, neighborhoodStart: start, neighborhood: neighborhood, derivatives: derivatives)
    }
}
