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
/// their owners (`gather`, `foldGhosts`).
///
/// The local atoms are split into `chunkCount` contiguous chunks, each with its own compressed
/// row storage, so that chunks can be built and evaluated on separate threads.
///
/// Rebuild rule: `update(for:)` rebuilds when any atom has moved more than half the skin since
/// the last build, or the cell or atom count changed; otherwise it only refreshes positions.
/// With `rebuildEvery` set it rebuilds every that many updates instead, unchecked.
public final class NeighborList: @unchecked Sendable {
    /// Interaction cutoff (length units). `infinity` lists all pairs of a cluster.
    public let cutoff: Double
    /// Verlet skin (length units) added to the cutoff when listing neighbors.
    public let skin: Double
    public let kind: NeighborListKind
    /// Number of chunks (one per thread that will use the list).
    public let chunkCount: Int

    /// Number of atoms in the configuration.
    public internal(set) var localCount = 0
    /// Number of local plus ghost atoms.
    public internal(set) var extendedCount = 0
    /// Positions of the extended atoms (locals first).
    public internal(set) var positions: [SIMD3<Double>] = []
    /// Local atom that each extended atom images (identity for locals).
    public internal(set) var owners: [Int32] = []
    /// Species index of each extended atom.
    public internal(set) var species: [Int32] = []
    /// The neighbor chunks; together they cover the local atoms in order.
    public internal(set) var chunks: [Chunk] = []
    /// How many times the list has been built.
    public internal(set) var buildCount = 0
    /// When set, `update(for:)` rebuilds every this many calls without looking at displacements,
    /// as LAMMPS `neigh_modify every N check no`: a pair that comes within the cutoff from
    /// beyond the list radius in between is missed, as there. Nil (the default): rebuild when
    /// an atom has moved more than half the skin.
    public var rebuildEvery: Int?
    /// Calls of `update(for:)` since the last build.
    var updatesSinceBuild = 0
    /// False for a list taken from a simulator (`adopt`), whose halo atoms have no known owner:
    /// their values cannot be folded.
    public internal(set) var ghostsHaveOwners = true

    var shifts: [SIMD3<Double>] = []
    /// Pair-rule key of each extended atom: 2·owner + [a lexicographically positive image].
    var keys: [Int32] = []
    /// Bin of each extended atom, when the list is built by binning.
    var bins: [SIMD3<Int>] = []
    var grid: BinGrid?
    /// The extended atoms sorted by bin, kept between builds.
    var sortedBins = Bins()
    /// Ghosts of site i (local extended atom i) are the extended atoms `ghostStart[i] ..< ghostStart[i + 1]`.
    public internal(set) var ghostStart: [Int32] = []
    /// When true, builds place the local atoms in bin order (as LAMMPS's `atom_modify sort`):
    /// neighbors in space are then near in memory, and a kernel reading their positions and
    /// writing their forces in list order stays in cache. Then local extended atom i (site i)
    /// is atom `owners[i]` of the configuration, not atom i: users of the list map through
    /// `owners` (`gather`, `foldGhosts` and `forEachPair` do). False by default.
    public var sortsAtoms = false
    /// Fractional coordinates of the wrapped atoms in the configuration's order, then of the
    /// sites in site order; the atom at each site; the bin of each atom and the bins' starts
    /// of the counting sort that orders the sites.
    var fractionalScratch: [SIMD3<Double>] = []
    var siteFractional: [SIMD3<Double>] = []
    var siteOrder: [Int32] = []
    var siteBin: [Int32] = []
    var siteBinStart: [Int32] = []
    var referencePositions: [SIMD3<Double>] = []
    var referenceCell: Cell?

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
    var rowStorage: [NeighborRows] = []
    /// Scratch kept across builds: each atom's neighbor count in the last list, the ghost
    /// images found by each chunk's thread and where each thread's ghosts start, the atom
    /// ranges of the chunks.
    var rowCountScratch: [Int32] = []
    var ghostImageScratch: [[(site: Int32, image: SIMD3<Int>)]] = []
    var ghostPartStart: [Int] = []
    var chunkRangeScratch: [Range<Int>] = []
    /// The bin grid of the last build and what it was made for, reused while a fully periodic
    /// cell, the list radius, the ghost reach and the atom count stay the same.
    var gridKey: (cell: Cell, radius: Double, reach: SIMD3<Double>, count: Int)?

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

    func storage(_ c: Int) -> NeighborRows {
        while rowStorage.count <= c { rowStorage.append(NeighborRows()) }
        return rowStorage[c]
    }

    /// Brings the list up to date for `configuration`, rebuilding only when needed.
    /// - Returns: whether the list was rebuilt.
    @discardableResult
    public func update(for configuration: Configuration) throws(AtomsError) -> Bool {
        let due: Bool
        if let rebuildEvery, referenceCell == configuration.cell, configuration.count == localCount {
            updatesSinceBuild += 1
            due = updatesSinceBuild >= rebuildEvery
        } else {
            due = needsRebuild(configuration)
        }
        if due {
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
        let parts = parallelParts(threads: chunkCount, count: configuration.count)
        // Per-part flags on the stack (no allocation per step).
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: parts) { moved in
            moved.initialize(repeating: false)
            configuration.positions.withUnsafeBufferPointer { r in
            referencePositions.withUnsafeBufferPointer { r0 in
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
            }}
            return moved.contains(true)
        }
    }

    /// Recomputes extended positions from the configuration without changing the pairs.
    public func refreshPositions(_ configuration: Configuration) {
        let parts = parallelParts(threads: chunkCount, count: extendedCount)
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
            try checkImageCount(cell: cell, atoms: configuration.count)
        }
        for (i, r) in configuration.positions.enumerated() where !(r.x.isFinite && r.y.isFinite && r.z.isFinite) {
            throw .nonFinite(what: "the position", atom: i)
        }
        let previous = previousRowCounts()
        ghostsHaveOwners = true
        localCount = configuration.count
        makeExtendedAtoms(configuration)
        // Copied, not shared, so that the caller's next position update does not copy its array.
        referencePositions.removeAll(keepingCapacity: true)
        referencePositions.append(contentsOf: configuration.positions)
        referenceCell = cell
        buildCount += 1
        updatesSinceBuild = 0
        if cutoff == .infinity {
            buildAllPairs()
        } else {
            buildByBinning(previousRowCounts: previous)
        }
    }

    /// Most extended atoms (local plus ghosts) a list may need; 10⁸ positions take 2.4 GB.
    static let maximumExtendedAtoms = 1e8

    /// Refuses a periodic cell so thin for the list radius that its ghost images could not be
    /// stored (a cell 10⁻¹¹ thick would need some 10¹¹ images of each atom). The estimate,
    /// N ∏ (1 + 2 r_list / width) over periodic directions, is the ghost region's volume
    /// relative to the cell's, computed in Double so that no width or cutoff can overflow it.
    private func checkImageCount(cell: Cell, atoms: Int) throws(AtomsError) {
        let widths = cell.perpendicularWidths
        var estimate = Double(atoms)
        for k in 0..<3 where cell.periodic[k] { estimate *= 1 + 2 * listRadius / widths[k] }
        guard estimate <= Self.maximumExtendedAtoms else {
            let thinnest = (0..<3).filter { cell.periodic[$0] }.map { widths[$0] }.min() ?? 0
            let count = estimate.isFinite ? String(format: "about %.2g", estimate) : "more than 10³⁰⁸"
            throw .invalidCell(String(
                format: "the cell is too thin for the cutoff: a periodic width of %.3g with a neighbor-list radius of %.3g would need %@ periodic images",
                thinnest, listRadius, count))
        }
    }

    /// Calls `body(i, j, r²)` for every listed pair closer than the cutoff: atoms i and j of the
    /// configuration (j may be an image of i or of another atom).
    public func forEachPair(_ body: (Int, Int, Double) -> Void) {
        let cutoffSquared = cutoff * cutoff
        for chunk in chunks {
            for i in chunk.atoms {
                let row = i - chunk.atoms.lowerBound
                for k in Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1]) {
                    let a = Int(chunk.neighbors[k])
                    let d = positions[a] - positions[i]
                    let r2 = dot(d, d)
                    if r2 < cutoffSquared { body(Int(owners[i]), Int(owners[a]), r2) }
                }
            }
        }
    }

    /// Adds the values held by ghost atoms onto their owners and returns one value per atom of
    /// the configuration: `result[i] = Σ_{a: owners[a] = i} values[a]`.
    @inlinable
    public func foldGhosts<T: Summable>(_ values: inout [T]) {
        precondition(values.count == extendedCount, "one value per extended atom")
        precondition(ghostsHaveOwners, "an adopted list's halo atoms have no owners to fold onto")
        let sites = sortsAtoms ? Array(values[0..<localCount]) : []
        values.withUnsafeMutableBufferPointer { v in
            owners.withUnsafeBufferPointer { owner in
                for (site, value) in sites.enumerated() { v[Int(owner[site])] = value }
                for a in localCount..<extendedCount { v[Int(owner[a])] += v[a] }
            }
        }
        values.removeLast(extendedCount - localCount)
    }

    /// Sums per-thread buffers over extended atoms into one value per atom of the configuration,
    /// ghosts included: `output[owners[i]] = Σ_b (b[i] + Σ_{ghosts g of site i} b[g])`, split over
    /// `chunkCount` threads (each site's ghosts are contiguous, so no two threads write one entry).
    @inlinable
    public func gather<T: Summable>(_ buffers: [UnsafeMutableBufferPointer<T>], into output: inout [T]) {
        let n = localCount, parts = parallelParts(threads: chunkCount, count: extendedCount)
        if output.count != n {
            output.removeAll(keepingCapacity: true)
            output.append(contentsOf: repeatElement(.zero, count: n))
        }
        ghostStart.withUnsafeBufferPointer { ghosts in
        owners.withUnsafeBufferPointer { owner in
        buffers.withUnsafeBufferPointer { buffers in
            output.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out
                concurrentForEach(parts) { part in
                    for i in (n * part / parts)..<(n * (part + 1) / parts) {
                        var sum = T.zero
                        for b in 0..<buffers.count {
                            let buffer = buffers[b]
                            sum += buffer[i]
                            for g in Int(ghosts[i])..<Int(ghosts[i + 1]) { sum += buffer[g] }
                        }
                        out[Int(owner[i])] = sum
                    }
                }
            }
        }}}
    }
}
