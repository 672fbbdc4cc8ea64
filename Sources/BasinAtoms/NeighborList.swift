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
    /// For ghosts: whether the image translation is lexicographically positive (half-list rule).
    private var positiveImage: [Bool] = []
    private var referencePositions: [SIMD3<Double>] = []
    private var referenceCell: Cell?

    /// Neighbors of the atoms `atoms` in compressed row storage: the neighbors of local atom i
    /// are `neighbors[offsets[i − atoms.lowerBound] ..< offsets[i − atoms.lowerBound + 1]]`,
    /// as extended-atom indices.
    public struct Chunk: Sendable {
        public let atoms: Range<Int>
        public internal(set) var offsets: [Int32]
        public internal(set) var neighbors: [Int32]
    }

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
        return configuration.positions.withUnsafeBufferPointer { r in
            referencePositions.withUnsafeBufferPointer { r0 in
                for i in 0..<r.count {
                    let d = r[i] - r0[i]
                    // A NaN displacement also asks for a rebuild, which then reports it.
                    if !((d * d).sum() <= limit) { return true }
                }
                return false
            }
        }
    }

    /// Recomputes extended positions from the configuration without changing the pairs.
    public func refreshPositions(_ configuration: Configuration) {
        configuration.positions.withUnsafeBufferPointer { r in
            shifts.withUnsafeBufferPointer { shift in
                owners.withUnsafeBufferPointer { owner in
                    positions.withUnsafeMutableBufferPointer { x in
                        for a in 0..<x.count { x[a] = r[Int(owner[a])] + shift[a] }
                    }
                }
            }
        }
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
            buildByBinning()
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
    public func foldGhosts<T: Summable>(_ values: inout [T]) {
        precondition(values.count == extendedCount, "one value per extended atom")
        values.withUnsafeMutableBufferPointer { v in
            owners.withUnsafeBufferPointer { owner in
                for a in localCount..<extendedCount { v[Int(owner[a])] += v[a] }
            }
        }
        values.removeLast(extendedCount - localCount)
    }

    // MARK: - Extended atoms

    private func makeExtendedAtoms(_ configuration: Configuration) {
        let n = configuration.count
        let cell = configuration.cell
        var x: [SIMD3<Double>] = []
        var owner: [Int32] = []
        var shift: [SIMD3<Double>] = []
        var positive: [Bool] = []
        x.reserveCapacity(n)
        owner.reserveCapacity(n)
        shift.reserveCapacity(n)
        guard cell.isPeriodic else {
            x = configuration.positions
            owner = (0..<n).map { Int32($0) }
            shift = Array(repeating: .zero, count: n)
            finishExtendedAtoms(configuration, x, owner, shift, Array(repeating: false, count: n))
            return
        }
        let h = cell.spanningVectors
        let inverse = h.inverse
        var fractional: [SIMD3<Double>] = []
        fractional.reserveCapacity(n)
        for i in 0..<n {
            let w = cell.wrappingShift(configuration.positions[i], inverse: inverse)
            let xi = configuration.positions[i] + w
            x.append(xi)
            owner.append(Int32(i))
            shift.append(w)
            positive.append(false)
            fractional.append(xi * inverse)
        }
        // Ghost images: fractional coordinate within [−δ, 1 + δ] along each periodic direction,
        // δ = r_list / width, which contains every point within r_list of the cell.
        let widths = cell.perpendicularWidths
        // Open directions put no bound on where an image may lie.
        var delta = SIMD3<Double>(repeating: .infinity)
        var reach = SIMD3<Int>.zero
        for k in 0..<3 where cell.periodic[k] {
            delta[k] = listRadius / widths[k]
            reach[k] = Int(delta[k].rounded(.up))
        }
        for nx in -reach.x...reach.x {
            for ny in -reach.y...reach.y {
                for nz in -reach.z...reach.z where nx != 0 || ny != 0 || nz != 0 {
                    let image = SIMD3(Double(nx), Double(ny), Double(nz))
                    let translation = image * h
                    let isPositive = nx > 0 || (nx == 0 && (ny > 0 || (ny == 0 && nz > 0)))
                    for i in 0..<n {
                        let s = fractional[i] + image
                        if s.x < -delta.x || s.x > 1 + delta.x || s.y < -delta.y || s.y > 1 + delta.y
                            || s.z < -delta.z || s.z > 1 + delta.z { continue }
                        x.append(x[i] + translation)
                        owner.append(Int32(i))
                        shift.append(shift[i] + translation)
                        positive.append(isPositive)
                    }
                }
            }
        }
        finishExtendedAtoms(configuration, x, owner, shift, positive)
    }

    private func finishExtendedAtoms(
        _ configuration: Configuration, _ x: [SIMD3<Double>], _ owner: [Int32], _ shift: [SIMD3<Double>], _ positive: [Bool]
    ) {
        positions = x
        owners = owner
        shifts = shift
        positiveImage = positive
        extendedCount = x.count
        species = owner.map { Int32(configuration.species[Int($0)]) }
    }

    // MARK: - Pair search

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
        chunks = ranges.map { range in
            var offsets: [Int32] = [0]
            var neighbors: [Int32] = []
            for i in range {
                for j in (half ? i + 1 : 0)..<n where j != i { neighbors.append(Int32(j)) }
                offsets.append(Int32(neighbors.count))
            }
            return Chunk(atoms: range, offsets: offsets, neighbors: neighbors)
        }
    }

    private func buildByBinning() {
        // The pair rule as one integer comparison per candidate. Half list: keep (i, a) when
        // key(a) = 2·owner(a) + [a is a positive image] exceeds 2i, i.e. from the lower local
        // index, and for an atom's own images only the positive translations. Full list: keep
        // every a ≠ i, with key(a) = a.
        let keys: [Int32]
        if kind == .half {
            keys = (0..<extendedCount).map { a in 2 &* owners[a] &+ (positiveImage[a] ? 1 : 0) }
        } else {
            keys = (0..<extendedCount).map { Int32($0) }
        }
        let bins = Bins(positions: positions, keys: keys, radius: listRadius)
        let ranges = chunkRanges { _ in 1 }
        let expected = max(16, 2 * entryCount / max(1, localCount))
        var built = [Chunk?](repeating: nil, count: ranges.count)
        built.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            concurrentForEach(ranges.count) { c in
                out[c] = self.search(bins, atoms: ranges[c], expectedPerAtom: expected)
            }
        }
        chunks = built.map { $0! }
    }

    /// Lists the neighbors of the local atoms `atoms` by scanning the stencil of each.
    ///
    /// The inner loop is branch-free: every candidate is written, and the count advances only
    /// for accepted ones, since which candidates pass is unpredictable to the processor (a
    /// mispredicted branch per candidate would cost more than the distance itself).
    private func search(_ bins: Bins, atoms: Range<Int>, expectedPerAtom: Int) -> Chunk {
        let radiusSquared = listRadius * listRadius
        let half = kind == .half
        var offsets = [Int32](repeating: 0, count: atoms.count + 1)
        var capacity = max(64, atoms.count * expectedPerAtom)
        var storage = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer { storage.deallocate() }
        var count = 0
        positions.withUnsafeBufferPointer { x in
        bins.sortedPositions.withUnsafeBufferPointer { sorted in
        bins.sortedIndex.withUnsafeBufferPointer { index in
        bins.sortedKeys.withUnsafeBufferPointer { keys in
            for i in atoms {
                let xi = x[i]
                let threshold = half ? Int32(truncatingIfNeeded: 2 &* i) : Int32(truncatingIfNeeded: i)
                bins.forEachCandidateRange(near: xi) { first, end in
                    if count &+ (end &- first) > capacity {
                        capacity = max(2 &* capacity, count &+ (end &- first))
                        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
                        grown.update(from: storage, count: count)
                        storage.deallocate()
                        storage = grown
                    }
                    // Acceptance as sign bits: r² − r_list² < 0, and threshold − key < 0 (half)
                    // or key ≠ threshold (full).
                    if half {
                        for m in first..<end {
                            let d = sorted[m] - xi
                            let inRange = ((d * d).sum() - radiusSquared).bitPattern >> 63
                            let kept = UInt64(bitPattern: Int64(threshold) &- Int64(keys[m])) >> 63
                            storage[count] = index[m]
                            count &+= Int(truncatingIfNeeded: inRange & kept)
                        }
                    } else {
                        for m in first..<end {
                            let d = sorted[m] - xi
                            let inRange = ((d * d).sum() - radiusSquared).bitPattern >> 63
                            let difference = UInt64(UInt32(bitPattern: keys[m] ^ threshold))
                            let kept = (difference | (0 &- difference)) >> 63
                            storage[count] = index[m]
                            count &+= Int(truncatingIfNeeded: inRange & kept)
                        }
                    }
                }
                offsets[i - atoms.lowerBound + 1] = Int32(count)
            }
        }}}}
        return Chunk(atoms: atoms, offsets: offsets, neighbors: Array(UnsafeBufferPointer(start: storage, count: count)))
    }
}
