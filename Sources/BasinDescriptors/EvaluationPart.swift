import BasinAtoms

/// Consecutive local atoms of one chunk of a neighbor list: the unit of work a thread claims in
/// `SymmetryFunctionEvaluator.evaluate(_:neighbors:workspace:forces:measuringStages:weights:)`,
/// with its own force buffer and virial (and, while it runs, one of the threads' neighborhood
/// scratches, `ScratchSlots`).
///
/// A list of T chunks serves T threads. Were each thread to take one chunk, the evaluation
/// would last as long as the slowest thread's chunk, and processors of one machine do not run
/// at one speed (on a two-core virtual machine, two equal chunks took 271 and 365 ms of
/// processor time). So with T ≥ 2 each chunk is cut into parts of halving length — 1/2, 1/4,
/// … of the chunk, the last two equal — which the T threads claim one after another as they
/// become free, the longest first: a faster thread takes more, and what is left when the
/// first thread runs out of parts is at most one short part (guided scheduling with the parts
/// fixed in advance, as deterministic results need). What a part adds to the forces and virial
/// stays in its own buffer, summed over the parts in part order afterwards, so the results do
/// not depend on which thread ran which part.
struct EvaluationPart {
    /// Index of the chunk in `NeighborList.chunks`.
    let chunk: Int
    /// The local atoms, within the chunk's.
    let atoms: Range<Int>

    /// Most halvings of a chunk: its shortest parts hold 1/32 of it.
    static let mostHalvings = 5
    /// The fewest atoms (of an average chunk) worth a part of their own (each part zeroes a
    /// force buffer over all extended atoms).
    static let fewestAtoms = 16

    /// How many times each chunk of `neighbors` is halved: none for a list of one chunk (one
    /// thread), else up to `mostHalvings`, fewer for a small system. It depends only on the
    /// numbers of atoms and chunks, so that it stays the same while the list is rebuilt.
    static func halvings(_ neighbors: NeighborList) -> Int {
        let chunks = neighbors.chunks.count
        guard chunks > 1 else { return 0 }
        let atoms = neighbors.localCount / chunks
        return (0...mostHalvings).last { atoms >> $0 >= fewestAtoms } ?? 0
    }

    /// Replaces `parts` by those of `neighbors`: with h halvings, chunk c's atoms from its start
    /// cut at 1/2, 3/4, …, 1 − 1/2^h of its length (h + 1 parts), listed longest first and, at
    /// each length, chunk by chunk (part `level · chunks + c`).
    static func split(_ neighbors: NeighborList, into parts: inout [EvaluationPart]) {
        let h = halvings(neighbors)
        parts.removeAll(keepingCapacity: true)
        for level in 0...h {
            for (c, chunk) in neighbors.chunks.enumerated() {
                let lower = chunk.atoms.lowerBound, count = chunk.atoms.count
                let end = level == h ? count : count - (count >> (level + 1))
                parts.append(EvaluationPart(chunk: c, atoms: (lower + count - (count >> level))..<(lower + end)))
            }
        }
    }
}

extension SymmetryFunctionEvaluator {
    /// How many parts (`DescriptorWorkspace.forceBuffers`, the `part` of `DescriptorWeights`)
    /// `evaluate(_:neighbors:workspace:forces:measuringStages:weights:)` splits the atoms of
    /// `neighbors` into, once the list is built.
    public func partCount(for neighbors: NeighborList) -> Int {
        neighbors.chunks.count * (EvaluationPart.halvings(neighbors) + 1)
    }
}
