import BasinAtoms

/// Consecutive local atoms of one chunk of a neighbor list: the unit of work a thread claims in
/// `SymmetryFunctionEvaluator.evaluate(_:neighbors:workspace:forces:measuringStages:weights:)`,
/// with its own neighborhood scratch, force buffer and virial.
///
/// A list of T chunks serves T threads. Were each thread to take one chunk, the evaluation
/// would last as long as the slowest thread's chunk, and processors of one machine do not run
/// at one speed (on a two-core virtual machine, two equal chunks took 271 and 365 ms of
/// processor time). So with T ≥ 2 each chunk is cut into several parts, which the T threads
/// claim one after another as they become free: a faster thread takes more. What a part adds
/// to the forces and virial stays in its own buffer, summed over the parts in part order
/// afterwards, so the results do not depend on which thread ran which part.
struct EvaluationPart {
    /// Index of the chunk in `NeighborList.chunks`.
    let chunk: Int
    /// The local atoms, within the chunk's.
    let atoms: Range<Int>

    /// Parts per chunk of a list with several chunks (threads): enough that the last part to
    /// finish costs little of the whole whatever the speeds of the threads.
    static let partsPerThread = 8
    /// The fewest atoms worth a part of their own (each part zeroes a force buffer over all
    /// extended atoms and fills its own neighborhood scratch).
    static let fewestAtoms = 32

    /// How many parts each chunk of `neighbors` is cut into: 1 for a list of one chunk (one
    /// thread), else `partsPerThread`, fewer for a small system. It depends only on the number
    /// of atoms and chunks, so that it stays the same while the list is rebuilt.
    static func perChunk(_ neighbors: NeighborList) -> Int {
        let chunks = neighbors.chunks.count
        guard chunks > 1 else { return 1 }
        return max(1, min(partsPerThread, neighbors.localCount / (fewestAtoms * chunks)))
    }

    /// Replaces `parts` by those of `neighbors`, in order: chunk by chunk, each chunk's atoms
    /// cut into `perChunk(neighbors)` runs of nearly equal length.
    static func split(_ neighbors: NeighborList, into parts: inout [EvaluationPart]) {
        let k = perChunk(neighbors)
        parts.removeAll(keepingCapacity: true)
        for (c, chunk) in neighbors.chunks.enumerated() {
            let lower = chunk.atoms.lowerBound, count = chunk.atoms.count
            for p in 0..<k {
                parts.append(EvaluationPart(chunk: c, atoms: (lower + count * p / k)..<(lower + count * (p + 1) / k)))
            }
        }
    }
}

extension SymmetryFunctionEvaluator {
    /// How many parts (`DescriptorWorkspace.forceBuffers`, the `part` of `DescriptorWeights`)
    /// `evaluate(_:neighbors:workspace:forces:measuringStages:weights:)` splits the atoms of
    /// `neighbors` into, once the list is built.
    public func partCount(for neighbors: NeighborList) -> Int {
        neighbors.chunks.count * EvaluationPart.perChunk(neighbors)
    }
}
