extension NeighborList {
    /// Takes over another program's atoms and neighbor lists, as a simulator hands them to a
    /// potential on its part of a domain-decomposed system: `localCount` atoms whose energy
    /// counts, followed by halo atoms the simulator placed (periodic images and other ranks'
    /// atoms), with full neighbor lists of the local atoms only.
    ///
    /// Unlike a built list, an adopted one does not know which local atom a halo atom images:
    /// every halo atom is its own owner and `ghostsHaveOwners` is false, so its forces must be
    /// returned to the simulator unfolded (`SymmetryFunctionValues.extendedForces`), which sums
    /// them onto their owners. The list is refilled by the next `adopt`, never by `update`.
    ///
    /// - Parameters:
    ///   - positions: the extended atoms, local atoms first (length units).
    ///   - species: the species index of each extended atom.
    ///   - localCount: how many of the atoms are local; they are split over `chunkCount` chunks.
    ///   - neighbors: for local atom i, its neighbors as extended-atom indices, each < positions.count.
    ///     Entries beyond `cutoff + skin` are allowed; users of the list filter by distance.
    public func adopt(
        positions: UnsafeBufferPointer<SIMD3<Double>>, species: UnsafeBufferPointer<Int32>, localCount: Int,
        neighbors: (Int) -> UnsafeBufferPointer<Int32>
    ) {
        precondition(kind == .full, "a simulator's lists are adopted as full lists")
        precondition(species.count == positions.count && localCount <= positions.count, "one species per atom, locals first")
        let total = positions.count
        self.localCount = localCount
        extendedCount = total
        resize(&self.positions, to: total, filling: .zero)
        resize(&self.species, to: total, filling: 0)
        resize(&owners, to: total, filling: 0)
        resize(&ghostStart, to: localCount + 1, filling: 0)
        for a in 0..<total {
            self.positions[a] = positions[a]
            self.species[a] = species[a]
            owners[a] = Int32(a)
        }
        for i in 0...localCount { ghostStart[i] = Int32(localCount) }
        chunks.removeAll(keepingCapacity: true)
        for c in 0..<chunkCount {
            let range = (localCount * c / chunkCount)..<(localCount * (c + 1) / chunkCount)
            let rows = storage(c)
            rows.start(rows: range.count, capacity: 0)
            for i in range {
                let row = neighbors(i)
                rows.reserve(row.count)
                for a in row {
                    precondition(a >= 0 && Int(a) < total, "a neighbor index outside the atoms")
                    rows.append(a, if: 1)
                }
                rows.endRow(i - range.lowerBound)
            }
            chunks.append(Chunk(atoms: range, rows: rows))
        }
        referenceCell = nil
        ghostsHaveOwners = false
        buildCount += 1
    }
}
