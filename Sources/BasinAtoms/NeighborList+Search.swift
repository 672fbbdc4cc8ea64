import BasinMath

extension NeighborList {
    /// Number of neighbors of each local atom in the current list, if it covers the same atoms.
    func previousRowCounts() -> [Int32]? {
        guard chunkCount > 1, !chunks.isEmpty else { return nil }
        var counts = rowCountScratch
        rowCountScratch = []
        counts.removeAll(keepingCapacity: true)
        counts.append(contentsOf: repeatElement(0, count: localCount))
        for chunk in chunks {
            for row in 0..<chunk.atoms.count {
                counts[chunk.atoms.lowerBound + row] = chunk.offsets[row + 1] - chunk.offsets[row]
            }
        }
        return counts
    }

    func chunkRanges(weights: (Int) -> Double) -> [Range<Int>] {
        let n = localCount
        let count = max(1, min(chunkCount, n))
        var total = 0.0
        for i in 0..<n { total += weights(i) }
        var ranges = chunkRangeScratch
        chunkRangeScratch = []
        ranges.removeAll(keepingCapacity: true)
        var start = 0
        var accumulated = 0.0
        for i in 0..<n {
            accumulated += weights(i)
            if ranges.count < count - 1 && accumulated >= total * Double(ranges.count + 1) / Double(count) {
                ranges.append(start..<(i + 1))
                start = i + 1
            }
        }
        ranges.append(start..<n)
        while ranges.count < chunkCount { ranges.append(n..<n) }
        return ranges
    }

    func buildAllPairs() {
        let n = localCount
        let half = kind == .half
        let ranges = chunkRanges { i in half ? Double(n - 1 - i) : Double(n - 1) }
        chunks.removeAll(keepingCapacity: true)
        for (c, range) in ranges.enumerated() {
            let rows = storage(c)
            rows.start(rows: range.count, capacity: range.count * n)
            for i in range {
                for j in (half ? i + 1 : 0)..<n where j != i { rows.append(Int32(j), if: 1) }
                rows.endRow(i - range.lowerBound)
            }
            chunks.append(Chunk(atoms: range, rows: rows))
        }
        chunkRangeScratch = ranges
    }

    func buildByBinning(previousRowCounts previous: [Int32]?) {
        guard let grid else { return }
        let half = kind == .half
        keys.withUnsafeBufferPointer { keys in
            sortedBins.sort(grid: grid, bins: bins, positions: positions) { a in half ? keys[a] : Int32(truncatingIfNeeded: a) }
        }
        let sorted = sortedBins
        // Balance the chunks by each atom's neighbor count in the previous list when it covers
        // the same atoms (the half-list rule gives some atoms more partners than others).
        let weights = previous.flatMap { $0.count == localCount ? $0 : nil }
        let ranges = chunkRanges { i in weights.map { Double($0[i]) + 1 } ?? 1 }
        let expected = max(16, 2 * entryCount / max(1, localCount))
        _ = storage(ranges.count - 1)
        let storages = rowStorage
        concurrentForEach(
            ranges.count, body: ChunkSearch(list: self, bins: sorted, ranges: ranges, storages: storages, expected: expected))
        chunks.removeAll(keepingCapacity: true)
        for (c, range) in ranges.enumerated() { chunks.append(Chunk(atoms: range, rows: storages[c])) }
        chunkRangeScratch = ranges
        if let previous { rowCountScratch = previous }
    }

    // The inner loops below are branch-free: every candidate is written, and the count advances
    // only for accepted ones, since which candidates pass is unpredictable to the processor (a
    // mispredicted branch per candidate would cost more than the distance). Acceptance tests are
    // sign bits: r² − r_list² < 0, and so on.

    /// Full list: every extended atom a ≠ i within the radius, over the whole stencil.
    fileprivate func searchFull(_ bins: Bins, atoms: Range<Int>, into output: NeighborRows) {
        let radiusSquared = listRadius * listRadius
        positions.withUnsafeBufferPointer { x in
        self.bins.withUnsafeBufferPointer { binOf in
        bins.sortedPositions.withUnsafeBufferPointer { sorted in
        bins.sortedIndex.withUnsafeBufferPointer { index in
        bins.withStencil { stencil in
            for i in atoms {
                let xi = x[i]
                let me = UInt64(UInt32(truncatingIfNeeded: i))
                stencil.forEachCandidateRange(ofBin: binOf[i]) { first, end in
                    output.reserve(end &- first)
                    for m in first..<end {
                        let d = sorted[m] - xi
                        let inRange = ((d * d).sum() - radiusSquared).bitPattern >> 63
                        let difference = UInt64(UInt32(bitPattern: index[m])) ^ me
                        output.append(index[m], if: inRange & ((difference | (0 &- difference)) >> 63))
                    }
                }
                output.endRow(i - atoms.lowerBound)
            }
        }}}}}
    }

    /// Half list over the half stencil. The binning is covariant under lattice translations,
    /// so a pair met from i at a bin offset outside i's own bin is never met from the other
    /// end (its mirror lies at the opposite offset), and is kept. Pairs within one bin are met
    /// from both ends and kept once by the key rule: from the lower owner index, and for an
    /// atom's own images only the positive translations.
    fileprivate func searchHalf(_ bins: Bins, atoms: Range<Int>, into output: NeighborRows) {
        let radiusSquared = listRadius * listRadius
        positions.withUnsafeBufferPointer { x in
        self.bins.withUnsafeBufferPointer { binOf in
        bins.sortedPositions.withUnsafeBufferPointer { sorted in
        bins.sortedIndex.withUnsafeBufferPointer { index in
        bins.sortedKeys.withUnsafeBufferPointer { keys in
        bins.withStencil { stencil in
            for i in atoms {
                let xi = x[i]
                let bin = binOf[i]
                let ownBinEnd = stencil.end(ofBin: bin)
                let threshold = Int64(2 &* i)
                stencil.forEachHalfCandidateRange(ofBin: bin) { first, end in
                    output.reserve(end &- first)
                    for m in first..<end {
                        let d = sorted[m] - xi
                        let inRange = ((d * d).sum() - radiusSquared).bitPattern >> 63
                        let elsewhere = UInt64(bitPattern: Int64(ownBinEnd &- 1 &- m)) >> 63
                        let above = UInt64(bitPattern: threshold &- Int64(keys[m])) >> 63
                        output.append(index[m], if: inRange & (elsewhere | above))
                    }
                }
                output.endRow(i - atoms.lowerBound)
            }
        }}}}}}
    }
}

/// One chunk's rows per iteration: the neighbors of its atoms, found through the sorted bins
/// (a `ParallelLoopBody`, so that a rebuild on several threads allocates nothing).
private struct ChunkSearch: ParallelLoopBody {
    let list: NeighborList
    let bins: Bins
    let ranges: [Range<Int>]
    let storages: [NeighborRows]
    /// Neighbors expected per atom, for the rows' first capacity.
    let expected: Int

    func run(_ c: Int) {
        let rows = storages[c]
        rows.start(rows: ranges[c].count, capacity: ranges[c].count * expected)
        if list.kind == .half {
            list.searchHalf(bins, atoms: ranges[c], into: rows)
        } else {
            list.searchFull(bins, atoms: ranges[c], into: rows)
        }
    }
}
