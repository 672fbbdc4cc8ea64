import BasinMath

/// Which pairs a neighbor list holds.
public enum NeighborListKind: String, Sendable, Codable {
    /// Each pair once, for pair potentials that apply Newton's third law.
    case half
    /// Each pair twice (j in i's list and i in j's), for many-body potentials.
    case full
}

/// A Verlet neighbor list built by cell binning in O(N), with periodic images as ghost atoms.
///
/// The list works on *extended atoms*: the `localCount` atoms of the configuration, wrapped
/// into the cell, followed by ghost atoms, the periodic images within `cutoff + skin` of the
/// cell. Extended atom a sits at `positions[a] = configuration.positions[owners[a]] + shift[a]`,
/// where the shift is a lattice translation. Pair kernels therefore read contiguous positions
/// and never apply minimum-image arithmetic, and a cell smaller than twice the cutoff simply
/// has several images of the same atom within range. Forces on ghosts are folded back onto
/// their owners (`foldGhosts`).
///
/// The local atoms are split into `chunkCount` contiguous chunks, each with its own compressed
/// row storage, so that chunks can be built and evaluated on separate threads.
///
/// Rebuild rule: `update(for:)` rebuilds when any atom has moved more than half the skin since
/// the last build, or the cell or atom count changed; otherwise it only refreshes positions.
public final class NeighborList: @unchecked Sendable {
    /// Interaction cutoff (length units). `infinity` lists all pairs of a cluster.
    public let cutoff: Double
    /// Verlet skin (length units) added to the cutoff when listing neighbors.
    public let skin: Double
    public let kind: NeighborListKind
    /// Number of chunks (one per thread that will use the list).
    public let chunkCount: Int

    /// Number of atoms in the configuration.
    public private(set) var localCount = 0
    /// Number of local plus ghost atoms.
    public private(set) var extendedCount = 0
    /// Positions of the extended atoms (locals first).
    public private(set) var positions: [SIMD3<Double>] = []
    /// Local atom that each extended atom images (identity for locals).
    public private(set) var owners: [Int32] = []
    /// Species index of each extended atom.
    public private(set) var species: [Int32] = []
    /// The neighbor chunks; together they cover the local atoms in order.
    public private(set) var chunks: [Chunk] = []
    /// How many times the list has been built.
    public private(set) var buildCount = 0

    private var shifts: [SIMD3<Double>] = []
    /// Pair-rule key of each extended atom: 2·owner + [a lexicographically positive image].
    private var keys: [Int32] = []
    /// Bin of each extended atom, when the list is built by binning.
    private var bins: [SIMD3<Int>] = []
    private var grid: BinGrid?
    /// Ghosts of local atom i are the extended atoms `ghostStart[i] ..< ghostStart[i + 1]`.
    public private(set) var ghostStart: [Int32] = []
    private var fractionalScratch: [SIMD3<Double>] = []
    private var referencePositions: [SIMD3<Double>] = []
    private var referenceCell: Cell?

    /// Neighbors of the atoms `atoms` in compressed row storage: the neighbors of local atom i
    /// are `neighbors[offsets[i − atoms.lowerBound] ..< offsets[i − atoms.lowerBound + 1]]`,
    /// as extended-atom indices. The buffers belong to the list and are reused by the next
    /// build: read them only while the list stays as it is.
    public struct Chunk: @unchecked Sendable {
        public let atoms: Range<Int>
        let rows: NeighborRows
        public var offsets: UnsafeBufferPointer<Int32> { rows.offsets }
        public var neighbors: UnsafeBufferPointer<Int32> { rows.neighbors }
    }

    /// One storage per chunk, kept across builds so that rebuilding allocates nothing.
    private var rowStorage: [NeighborRows] = []

    public init(cutoff: Double, skin: Double = 0, kind: NeighborListKind, chunkCount: Int = 1) {
        precondition(cutoff > 0 && skin >= 0, "cutoff must be positive and skin non-negative")
        precondition(chunkCount >= 1, "at least one chunk")
        self.cutoff = cutoff
        self.skin = skin
        self.kind = kind
        self.chunkCount = chunkCount
    }

    /// The radius within which neighbors are listed.
    public var listRadius: Double { cutoff + skin }

    /// Total number of listed neighbor entries.
    public var entryCount: Int { chunks.reduce(0) { $0 + $1.neighbors.count } }

    private func storage(_ c: Int) -> NeighborRows {
        while rowStorage.count <= c { rowStorage.append(NeighborRows()) }
        return rowStorage[c]
    }

    /// Brings the list up to date for `configuration`, rebuilding only when needed.
    /// - Returns: whether the list was rebuilt.
    @discardableResult
    public func update(for configuration: Configuration) throws(AtomsError) -> Bool {
        if needsRebuild(configuration) {
            try build(for: configuration)
            return true
        }
        refreshPositions(configuration)
        return false
    }

    /// True when some atom has moved more than half the skin since the last build, or the
    /// cell or the number of atoms changed.
    public func needsRebuild(_ configuration: Configuration) -> Bool {
        guard let referenceCell, referenceCell == configuration.cell,
              configuration.count == localCount else { return true }
        if cutoff == .infinity { return false }
        let limit = 0.25 * skin * skin
        let parts = chunkCount
        var moved = [Bool](repeating: false, count: parts)
        configuration.positions.withUnsafeBufferPointer { r in
        referencePositions.withUnsafeBufferPointer { r0 in
        moved.withUnsafeMutableBufferPointer { moved in
            nonisolated(unsafe) let moved = moved
            concurrentForEach(parts) { part in
                for i in (r.count * part / parts)..<(r.count * (part + 1) / parts) {
                    let d = r[i] - r0[i]
                    // A NaN displacement also asks for a rebuild, which then reports it.
                    if !((d * d).sum() <= limit) {
                        moved[part] = true
                        return
                    }
                }
            }
        }}}
        return moved.contains(true)
    }

    /// Recomputes extended positions from the configuration without changing the pairs.
    public func refreshPositions(_ configuration: Configuration) {
        let parts = chunkCount
        configuration.positions.withUnsafeBufferPointer { r in
        shifts.withUnsafeBufferPointer { shift in
        owners.withUnsafeBufferPointer { owner in
        positions.withUnsafeMutableBufferPointer { x in
            nonisolated(unsafe) let x = x
            concurrentForEach(parts) { part in
                for a in (x.count * part / parts)..<(x.count * (part + 1) / parts) { x[a] = r[Int(owner[a])] + shift[a] }
            }
        }}}}
    }

    /// Builds the list from scratch.
    public func build(for configuration: Configuration) throws(AtomsError) {
        let cell = configuration.cell
        if cell.isPeriodic {
            try cell.validate()
            if cutoff == .infinity { throw .invalidCell("a potential without cutoff needs an open (non-periodic) system") }
        }
        for (i, r) in configuration.positions.enumerated() where !(r.x.isFinite && r.y.isFinite && r.z.isFinite) {
            throw .nonFinite(what: "the position", atom: i)
        }
        let previous = previousRowCounts()
        localCount = configuration.count
        makeExtendedAtoms(configuration)
        // Copied, not shared, so that the caller's next position update does not copy its array.
        referencePositions.removeAll(keepingCapacity: true)
        referencePositions.append(contentsOf: configuration.positions)
        referenceCell = cell
        buildCount += 1
        if cutoff == .infinity {
            buildAllPairs()
        } else {
            buildByBinning(previousRowCounts: previous)
        }
    }

    /// Calls `body(i, a, r²)` for every listed pair closer than the cutoff: i is a local atom and
    /// a an extended atom (so `owners[a]` is the partner).
    public func forEachPair(_ body: (Int, Int, Double) -> Void) {
        let cutoffSquared = cutoff * cutoff
        for chunk in chunks {
            for i in chunk.atoms {
                let row = i - chunk.atoms.lowerBound
                for k in Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1]) {
                    let a = Int(chunk.neighbors[k])
                    let d = positions[a] - positions[i]
                    let r2 = dot(d, d)
                    if r2 < cutoffSquared { body(i, Int(owners[a]), r2) }
                }
            }
        }
    }

    /// Adds the values held by ghost atoms onto their owners and returns the local part:
    /// `result[i] = Σ_{a: owners[a] = i} values[a]`.
    @inlinable
    public func foldGhosts<T: Summable>(_ values: inout [T]) {
        precondition(values.count == extendedCount, "one value per extended atom")
        values.withUnsafeMutableBufferPointer { v in
            owners.withUnsafeBufferPointer { owner in
                for a in localCount..<extendedCount { v[Int(owner[a])] += v[a] }
            }
        }
        values.removeLast(extendedCount - localCount)
    }

    /// Sums per-thread buffers over extended atoms into one value per local atom, ghosts
    /// included: `output[i] = Σ_b (b[i] + Σ_{ghosts g of i} b[g])`, split over `chunkCount`
    /// threads (each local atom's ghosts are contiguous, so no two threads write one entry).
    @inlinable
    public func gather<T: Summable>(_ buffers: [UnsafeMutableBufferPointer<T>], into output: inout [T]) {
        let n = localCount, parts = chunkCount
        if output.count != n {
            output.removeAll(keepingCapacity: true)
            output.append(contentsOf: repeatElement(.zero, count: n))
        }
        ghostStart.withUnsafeBufferPointer { ghosts in
            output.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                concurrentForEach(parts) { part in
                    for i in (n * part / parts)..<(n * (part + 1) / parts) {
                        var sum = T.zero
                        for buffer in buffers {
                            sum += buffer[i]
                            for g in Int(ghosts[i])..<Int(ghosts[i + 1]) { sum += buffer[g] }
                        }
                        out[i] = sum
                    }
                }
            }
        }
    }

    // MARK: - Extended atoms

    /// Wraps the local atoms into the cell, adds the ghost images within the list radius of the
    /// cell, and (with a finite cutoff) assigns every extended atom its bin. The work is split
    /// over the chunks' threads; arrays are refilled in place, so a rebuild allocates little.
    private func makeExtendedAtoms(_ configuration: Configuration) {
        let n = configuration.count
        let cell = configuration.cell
        let h = cell.spanningVectors
        let inverse = h.inverse
        let parts = chunkCount
        func slice(_ count: Int, _ part: Int) -> Range<Int> { (count * part / parts)..<(count * (part + 1) / parts) }
        resize(&positions, to: n, filling: .zero)
        resize(&shifts, to: n, filling: .zero)
        resize(&fractionalScratch, to: n, filling: .zero)
        configuration.positions.withUnsafeBufferPointer { r in
        positions.withUnsafeMutableBufferPointer { x in
        shifts.withUnsafeMutableBufferPointer { shift in
        fractionalScratch.withUnsafeMutableBufferPointer { fractional in
            nonisolated(unsafe) let x = x, shift = shift, fractional = fractional
            concurrentForEach(parts) { part in
                for i in slice(n, part) {
                    let w = cell.isPeriodic ? cell.wrappingShift(r[i], inverse: inverse) : .zero
                    x[i] = r[i] + w
                    shift[i] = w
                    fractional[i] = x[i] * inverse
                }
            }
        }}}}
        // Ghost images: fractional coordinate within [−δ, 1 + δ] along each periodic direction,
        // δ = r_list / width, which contains every point within r_list of the cell. Open
        // directions put no bound on where an image may lie.
        let widths = cell.perpendicularWidths
        var delta = SIMD3<Double>(repeating: .infinity)
        var reach = SIMD3<Int>.zero
        for k in 0..<3 where cell.periodic[k] {
            delta[k] = listRadius / widths[k]
            reach[k] = Int(delta[k].rounded(.up))
        }
        let fractional = fractionalScratch
        let grid = cutoff.isFinite
            ? BinGrid(cell: cell, fractional: fractional, radius: listRadius, ghostReach: delta, pointCount: n) : nil
        // Per atom, the images m with s + m inside the ghost region along each axis: interior
        // atoms have none, so the cost follows the number of ghosts.
        var images = [[(owner: Int32, image: SIMD3<Int>)]](repeating: [], count: parts)
        images.withUnsafeMutableBufferPointer { images in
            nonisolated(unsafe) let images = images
            concurrentForEach(parts) { part in
                for i in slice(n, part) {
                    let s = fractional[i]
                    var low = SIMD3<Int>.zero, high = SIMD3<Int>.zero
                    for k in 0..<3 where cell.periodic[k] {
                        low[k] = max(-reach[k], Int((-delta[k] - s[k]).rounded(.up)))
                        high[k] = min(reach[k], Int((1 + delta[k] - s[k]).rounded(.down)))
                    }
                    guard low != .zero || high != .zero else { continue }
                    for mx in low.x...max(low.x, high.x) {
                        for my in low.y...max(low.y, high.y) {
                            for mz in low.z...max(low.z, high.z) where mx != 0 || my != 0 || mz != 0 {
                                let shifted = s + SIMD3(Double(mx), Double(my), Double(mz))
                                if shifted.x < -delta.x || shifted.x > 1 + delta.x || shifted.y < -delta.y
                                    || shifted.y > 1 + delta.y || shifted.z < -delta.z || shifted.z > 1 + delta.z { continue }
                                images[part].append((Int32(i), SIMD3(mx, my, mz)))
                            }
                        }
                    }
                }
            }
        }
        var firstGhost = [n]
        for part in images { firstGhost.append(firstGhost.last! + part.count) }
        let total = firstGhost.last!
        // Ghosts come out grouped by owner, owners in order: record where each group starts.
        resize(&ghostStart, to: n + 1, filling: 0)
        ghostStart.withUnsafeMutableBufferPointer { start in
            for i in 0...n { start[i] = 0 }
            for part in images { for ghost in part { start[Int(ghost.owner) + 1] += 1 } }
            start[0] = Int32(n)
            for i in 0..<n { start[i + 1] += start[i] }
        }
        resize(&positions, to: total, filling: .zero)
        resize(&shifts, to: total, filling: .zero)
        resize(&owners, to: total, filling: .zero)
        resize(&keys, to: total, filling: .zero)
        resize(&species, to: total, filling: .zero)
        resize(&bins, to: grid == nil ? 0 : total, filling: .zero)
        configuration.species.withUnsafeBufferPointer { speciesOf in
        positions.withUnsafeMutableBufferPointer { x in
        shifts.withUnsafeMutableBufferPointer { shift in
        owners.withUnsafeMutableBufferPointer { owner in
        keys.withUnsafeMutableBufferPointer { key in
        species.withUnsafeMutableBufferPointer { kind in
        bins.withUnsafeMutableBufferPointer { bin in
            nonisolated(unsafe) let x = x, shift = shift, owner = owner, key = key, kind = kind, bin = bin
            concurrentForEach(parts) { part in
                for i in slice(n, part) {
                    owner[i] = Int32(i)
                    key[i] = Int32(truncatingIfNeeded: 2 &* i)
                    kind[i] = Int32(speciesOf[i])
                    if let grid { bin[i] = grid.coordinates(ofFractional: fractional[i]) }
                }
            }
            // Ghosts need their owners' bins, so they follow once every local bin is set.
            concurrentForEach(parts) { part in
                for (offset, ghost) in images[part].enumerated() {
                    let a = firstGhost[part] + offset
                    let i = Int(ghost.owner), m = ghost.image
                    let translation = SIMD3(Double(m.x), Double(m.y), Double(m.z)) * h
                    let positive: Int32 = m.x > 0 || (m.x == 0 && (m.y > 0 || (m.y == 0 && m.z > 0))) ? 1 : 0
                    x[a] = x[i] + translation
                    shift[a] = shift[i] + translation
                    owner[a] = ghost.owner
                    key[a] = Int32(truncatingIfNeeded: 2 &* i) &+ positive
                    kind[a] = Int32(speciesOf[i])
                    if let grid { bin[a] = grid.coordinates(ofImage: m, ownerBin: bin[i]) }
                }
            }
        }}}}}}}
        self.grid = grid
        extendedCount = total
    }

    // MARK: - Pair search

    /// Number of neighbors of each local atom in the current list, if it covers the same atoms.
    private func previousRowCounts() -> [Int32]? {
        guard chunkCount > 1, !chunks.isEmpty else { return nil }
        var counts = [Int32](repeating: 0, count: localCount)
        for chunk in chunks {
            for row in 0..<chunk.atoms.count {
                counts[chunk.atoms.lowerBound + row] = chunk.offsets[row + 1] - chunk.offsets[row]
            }
        }
        return counts
    }

    private func chunkRanges(weights: (Int) -> Double) -> [Range<Int>] {
        let n = localCount
        let count = max(1, min(chunkCount, n))
        var total = 0.0
        for i in 0..<n { total += weights(i) }
        var ranges: [Range<Int>] = []
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

    private func buildAllPairs() {
        let n = localCount
        let half = kind == .half
        let ranges = chunkRanges { i in half ? Double(n - 1 - i) : Double(n - 1) }
        chunks = ranges.enumerated().map { c, range in
            let rows = storage(c)
            rows.start(rows: range.count, capacity: range.count * n)
            for i in range {
                for j in (half ? i + 1 : 0)..<n where j != i { rows.append(Int32(j), if: 1) }
                rows.endRow(i - range.lowerBound)
            }
            return Chunk(atoms: range, rows: rows)
        }
    }

    private func buildByBinning(previousRowCounts previous: [Int32]?) {
        guard let grid else { return }
        let sorted = Bins(grid: grid, bins: bins, positions: positions, keys: kind == .half ? keys : (0..<extendedCount).map { Int32($0) })
        // Balance the chunks by each atom's neighbor count in the previous list when it covers
        // the same atoms (the half-list rule gives some atoms more partners than others).
        let weights = previous.flatMap { $0.count == localCount ? $0 : nil }
        let ranges = chunkRanges { i in weights.map { Double($0[i]) + 1 } ?? 1 }
        let expected = max(16, 2 * entryCount / max(1, localCount))
        let storages = (0..<ranges.count).map { storage($0) }
        concurrentForEach(ranges.count) { c in
            let rows = storages[c]
            rows.start(rows: ranges[c].count, capacity: ranges[c].count * expected)
            if self.kind == .half {
                self.searchHalf(sorted, atoms: ranges[c], into: rows)
            } else {
                self.searchFull(sorted, atoms: ranges[c], into: rows)
            }
        }
        chunks = ranges.enumerated().map { Chunk(atoms: $0.element, rows: storages[$0.offset]) }
    }

    // The inner loops below are branch-free: every candidate is written, and the count advances
    // only for accepted ones, since which candidates pass is unpredictable to the processor (a
    // mispredicted branch per candidate would cost more than the distance). Acceptance tests are
    // sign bits: r² − r_list² < 0, and so on.

    /// Full list: every extended atom a ≠ i within the radius, over the whole stencil.
    private func searchFull(_ bins: Bins, atoms: Range<Int>, into output: NeighborRows) {
        let radiusSquared = listRadius * listRadius
        positions.withUnsafeBufferPointer { x in
        self.bins.withUnsafeBufferPointer { binOf in
        bins.sortedPositions.withUnsafeBufferPointer { sorted in
        bins.sortedIndex.withUnsafeBufferPointer { index in
            for i in atoms {
                let xi = x[i]
                let me = UInt64(UInt32(truncatingIfNeeded: i))
                bins.forEachCandidateRange(ofBin: binOf[i]) { first, end in
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
        }}}}
    }

    /// Half list over the half stencil. The binning is covariant under lattice translations,
    /// so a pair met from i at a bin offset outside i's own bin is never met from the other
    /// end (its mirror lies at the opposite offset), and is kept. Pairs within one bin are met
    /// from both ends and kept once by the key rule: from the lower owner index, and for an
    /// atom's own images only the positive translations.
    private func searchHalf(_ bins: Bins, atoms: Range<Int>, into output: NeighborRows) {
        let radiusSquared = listRadius * listRadius
        positions.withUnsafeBufferPointer { x in
        self.bins.withUnsafeBufferPointer { binOf in
        bins.sortedPositions.withUnsafeBufferPointer { sorted in
        bins.sortedIndex.withUnsafeBufferPointer { index in
        bins.sortedKeys.withUnsafeBufferPointer { keys in
            for i in atoms {
                let xi = x[i]
                let bin = binOf[i]
                let ownBinEnd = bins.end(ofBin: bin)
                let threshold = Int64(2 &* i)
                bins.forEachHalfCandidateRange(ofBin: bin) { first, end in
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
        }}}}}
    }
}

/// One chunk's neighbor indices and row offsets, reused from build to build and written without
/// bounds checks: `reserve` before a run of `append`s guarantees the room.
final class NeighborRows: @unchecked Sendable {
    private var storage = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var capacity = 1
    private var count = 0
    private var rowOffsets = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var rowCapacity = 1
    private var rowCount = 0

    deinit {
        storage.deallocate()
        rowOffsets.deallocate()
    }

    /// Empties the storage for `rows` rows, with room for about `capacity` entries.
    func start(rows: Int, capacity expected: Int) {
        count = 0
        rowCount = rows
        if rows + 1 > rowCapacity {
            rowOffsets.deallocate()
            rowCapacity = rows + 1
            rowOffsets = .allocate(capacity: rowCapacity)
        }
        rowOffsets[0] = 0
        reserve(expected)
    }

    /// Makes room for `more` entries.
    @inline(__always)
    func reserve(_ more: Int) {
        guard count &+ more > capacity else { return }
        capacity = max(2 &* capacity, count &+ more)
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        grown.update(from: storage, count: count)
        storage.deallocate()
        storage = grown
    }

    /// Writes `a` and keeps it when `keep` is 1 (it is overwritten when `keep` is 0).
    @inline(__always)
    func append(_ a: Int32, if keep: UInt64) {
        storage[count] = a
        count &+= Int(truncatingIfNeeded: keep)
    }

    /// Closes row `row`: its neighbors are those appended since the previous row closed.
    @inline(__always)
    func endRow(_ row: Int) {
        rowOffsets[row &+ 1] = Int32(truncatingIfNeeded: count)
    }

    var neighbors: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: storage, count: count) }
    var offsets: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: rowOffsets, count: rowCount + 1) }
}

/// Sets `array` to `count` entries, keeping its storage (new entries are `filler`): for
/// refilling a buffer in place.
private func resize<T>(_ array: inout [T], to count: Int, filling filler: T) {
    if array.count > count {
        array.removeLast(array.count - count)
    } else if array.count < count {
        array.append(contentsOf: repeatElement(filler, count: count - array.count))
    }
}
