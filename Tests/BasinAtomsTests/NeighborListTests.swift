import BasinAtoms
import BasinMath
import Testing

/// Neighbor lists compared with brute force over explicit periodic images.
@Suite struct NeighborListTests {
    /// One listed or expected pair: local atom, partner atom, distance rounded to 1e-9.
    struct Entry: Hashable, Comparable {
        let i: Int, j: Int, distance: Int64
        static func < (a: Entry, b: Entry) -> Bool { (a.i, a.j, a.distance) < (b.i, b.j, b.distance) }
    }

    static func key(_ d: Double) -> Int64 { Int64((d * 1e9).rounded()) }

    /// Every (i, image of j) within `radius`, over enough lattice translations.
    func bruteForce(_ c: Configuration, radius: Double, kind: NeighborListKind) -> [Entry] {
        var reach = SIMD3<Int>.zero
        if c.cell.isPeriodic {
            let widths = c.cell.perpendicularWidths
            for k in 0..<3 where c.cell.periodic[k] { reach[k] = Int((radius / widths[k]).rounded(.up)) + 1 }
        }
        var entries: [Entry] = []
        for i in 0..<c.count {
            for j in 0..<c.count {
                for nx in -reach.x...reach.x { for ny in -reach.y...reach.y { for nz in -reach.z...reach.z {
                    if i == j && nx == 0 && ny == 0 && nz == 0 { continue }
                    let t = SIMD3(Double(nx), Double(ny), Double(nz)) * c.cell.vectors
                    let d = length(c.positions[j] + t - c.positions[i])
                    guard d < radius else { continue }
                    if kind == .half {
                        // Keep each unordered pair once: i < j, or i == j for one of ±n.
                        let positive = nx > 0 || (nx == 0 && (ny > 0 || (ny == 0 && nz > 0)))
                        if i > j || (i == j && !positive) { continue }
                    }
                    entries.append(Entry(i: i, j: j, distance: Self.key(d)))
                }}}
            }
        }
        return entries.sorted()
    }

    func listed(_ list: NeighborList) -> [Entry] {
        var entries: [Entry] = []
        for chunk in list.chunks {
            for site in chunk.atoms {
                let row = site - chunk.atoms.lowerBound
                let i = Int(list.owners[site])
                for k in Int(chunk.offsets[row])..<Int(chunk.offsets[row + 1]) {
                    let a = Int(chunk.neighbors[k])
                    let j = Int(list.owners[a])
                    let d = length(list.positions[a] - list.positions[site])
                    // The half list may store a pair from either end; normalise to (min, max).
                    entries.append(Entry(i: min(i, j), j: max(i, j), distance: Self.key(d)))
                }
            }
        }
        return entries.sorted()
    }

    func normalised(_ entries: [Entry]) -> [Entry] {
        entries.map { Entry(i: min($0.i, $0.j), j: max($0.i, $0.j), distance: $0.distance) }.sorted()
    }

    func randomConfiguration(count: Int, cell: Cell, seed: UInt64, spread: Double = 1) -> Configuration {
        var g = SeededGenerator(seed: seed)
        var positions: [SIMD3<Double>] = []
        for _ in 0..<count {
            let s = SIMD3(g.uniform(), g.uniform(), g.uniform())
            // Some atoms deliberately outside the cell, to exercise wrapping.
            let outside = SIMD3(g.uniform() - 0.5, g.uniform() - 0.5, g.uniform() - 0.5) * 2 * (spread - 1)
            positions.append(cell.isPeriodic ? (s + outside) * cell.vectors : 6 * (s - 0.5))
        }
        return Configuration(positions: positions, species: Array(repeating: 0, count: count), elements: [.dummy()], cell: cell)
    }

    static let cells: [(String, Cell)] = [
        ("orthorhombic", .orthorhombic(SIMD3(7, 8, 9))),
        ("triclinic", Cell(vectors: Matrix3(rows: SIMD3(6, 0, 0), SIMD3(2.5, 5.5, 0), SIMD3(-1.8, 1.2, 6.3)))),
        ("tiny", Cell(vectors: Matrix3(rows: SIMD3(2.1, 0, 0), SIMD3(0.6, 1.9, 0), SIMD3(0.3, -0.4, 2.3)))),
        ("slab", Cell(vectors: .diagonal(SIMD3(5, 5, 12)), periodic: [true, true, false])),
        ("cluster", .open),
    ]

    @Test(arguments: cells.indices)
    func halfAndFullListsEqualBruteForce(cellIndex: Int) throws {
        let (_, cell) = Self.cells[cellIndex]
        let count = cell.isPeriodic && cell.volume < 20 ? 6 : 60
        let c = randomConfiguration(count: count, cell: cell, seed: UInt64(cellIndex + 1), spread: 1.5)
        for kind in [NeighborListKind.half, .full] {
            for (chunks, sorted) in [(1, false), (3, false), (1, true), (3, true)] {
                let list = NeighborList(cutoff: 2.6, skin: 0.4, kind: kind, chunkCount: chunks)
                list.sortsAtoms = sorted
                try list.build(for: c)
                let expected = bruteForce(c, radius: 3.0, kind: kind)
                if kind == .half {
                    #expect(listed(list) == normalised(expected))
                } else {
                    #expect(listed(list) == normalised(expected))
                    #expect(list.entryCount == expected.count)
                }
            }
        }
    }

    @Test(arguments: [1, 2])
    func sortedSitesFollowTheBinsAndMapBackToTheAtoms(chunks: Int) throws {
        let c = randomConfiguration(count: 200, cell: .orthorhombic(SIMD3(9, 10, 11)), seed: 7, spread: 1.3)
        let plain = NeighborList(cutoff: 2.2, skin: 0.3, kind: .half, chunkCount: chunks)
        let sorted = NeighborList(cutoff: 2.2, skin: 0.3, kind: .half, chunkCount: chunks)
        sorted.sortsAtoms = true
        try plain.build(for: c)
        try sorted.build(for: c)
        let owners = Array(sorted.owners[0..<c.count])
        #expect(owners != Array(0..<Int32(c.count)))
        #expect(owners.sorted() == Array(0..<Int32(c.count)))
        // Sites run through the bins in order, x fastest: z (the slowest) never falls by a bin.
        let z = (0..<c.count).map { sorted.positions[$0].z }
        #expect(zip(z, z.dropFirst()).allSatisfy { $1 > $0 - 2.5 })
        for site in 0..<sorted.extendedCount {
            let i = Int(sorted.owners[site])
            let wrapped = sorted.positions[site]
            let image = (wrapped - c.positions[i]) * c.cell.spanningVectors.inverse
            #expect(length(image - image.rounded(.toNearestOrAwayFromZero)) < 1e-9)
        }
        // Gathering and folding give one value per atom in the configuration's order.
        func values(_ list: NeighborList) -> [Double] { list.owners.map { Double($0) * 0.5 + 1 } }
        var gatheredPlain: [Double] = [], gatheredSorted: [Double] = []
        for (list, output) in [(plain, 0), (sorted, 1)] {
            let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: list.extendedCount)
            defer { buffer.deallocate() }
            _ = buffer.initialize(from: values(list))
            var out: [Double] = []
            list.gather([buffer], into: &out)
            if output == 0 { gatheredPlain = out } else { gatheredSorted = out }
        }
        #expect(gatheredSorted == gatheredPlain)
        var foldedPlain = values(plain), foldedSorted = values(sorted)
        plain.foldGhosts(&foldedPlain)
        sorted.foldGhosts(&foldedSorted)
        #expect(foldedSorted == foldedPlain)
        #expect(foldedSorted == gatheredPlain)
    }

    @Test func tinyCellSeesSeveralImagesOfOneNeighbor() throws {
        // One atom in a cubic cell of side 1 with cutoff 2.1 sees its own images at distances
        // 1, √2, √3 and 2: 6 + 12 + 8 + 6 = 32 of them.
        let c = Configuration(positions: [SIMD3(0.3, 0.3, 0.3)], species: [0], elements: [.dummy()], cell: .orthorhombic(SIMD3(1, 1, 1)))
        let list = NeighborList(cutoff: 2.1, kind: .full)
        try list.build(for: c)
        #expect(list.entryCount == bruteForce(c, radius: 2.1, kind: .full).count)
        #expect(list.entryCount == 6 + 12 + 8 + 6)
    }

    @Test func allPairsWithoutCutoff() throws {
        let c = randomConfiguration(count: 9, cell: .open, seed: 5)
        let list = NeighborList(cutoff: .infinity, kind: .half, chunkCount: 2)
        try list.build(for: c)
        #expect(list.entryCount == 36)
        let periodic = randomConfiguration(count: 4, cell: .orthorhombic(SIMD3(3, 3, 3)), seed: 6)
        #expect(throws: AtomsError.self) { try list.build(for: periodic) }
    }

    @Test func rebuildsOnlyWhenAnAtomMovesMoreThanHalfTheSkin() throws {
        var c = randomConfiguration(count: 30, cell: .orthorhombic(SIMD3(6, 6, 6)), seed: 11)
        let list = NeighborList(cutoff: 2, skin: 0.4, kind: .half)
        #expect(try list.update(for: c))
        c.positions[3].x += 0.19
        #expect(try !list.update(for: c))
        #expect(list.positions[3].x == c.cell.wrap(c.positions[3]).x || abs(list.positions[3].x - c.cell.wrap(c.positions[3]).x) < 1e-12)
        c.positions[3].x += 0.02
        #expect(try list.update(for: c))
        c.cell.vectors[0, 0] = 6.1
        #expect(try list.update(for: c))
        #expect(list.buildCount == 3)
    }

    /// LAMMPS `neigh_modify every 3 check no`: rebuilt on every third update whatever the atoms
    /// did, and at once when the cell changes.
    @Test func rebuildsEveryNthUpdateWhenAsked() throws {
        var c = randomConfiguration(count: 30, cell: .orthorhombic(SIMD3(6, 6, 6)), seed: 11)
        let list = NeighborList(cutoff: 2, skin: 0.4, kind: .half)
        list.rebuildEvery = 3
        #expect(try list.update(for: c))
        c.positions[3].x += 1
        #expect(try !list.update(for: c))
        #expect(try !list.update(for: c))
        #expect(try list.update(for: c))
        #expect(try !list.update(for: c))
        c.cell.vectors[0, 0] = 6.1
        #expect(try list.update(for: c))
        #expect(list.buildCount == 3)
    }

    @Test func foldingGhostsSumsOntoOwners() throws {
        let c = randomConfiguration(count: 5, cell: .orthorhombic(SIMD3(2, 2, 2)), seed: 12)
        let list = NeighborList(cutoff: 1.5, kind: .full)
        try list.build(for: c)
        var ones = [Double](repeating: 1, count: list.extendedCount)
        list.foldGhosts(&ones)
        #expect(ones.count == 5)
        #expect(ones.reduce(0, +) == Double(list.extendedCount))
    }
}

@Suite struct NeighborListInputTests {
    @Test func nonFinitePositionsAreReportedNotCrashed() throws {
        var c = Configuration(positions: [.zero, SIMD3(1, 0, 0)], species: [0, 0], elements: [.dummy()], cell: .orthorhombic(SIMD3(4, 4, 4)))
        let list = NeighborList(cutoff: 1.5, skin: 0.2, kind: .half)
        try list.update(for: c)
        c.positions[1].y = .nan
        #expect(throws: AtomsError.nonFinite(what: "the position", atom: 1)) { try list.update(for: c) }
    }
}

/// Perfect lattices put atoms exactly on bin faces and cell faces: the cases where rounding
/// could break a half list.
@Suite struct LatticeNeighborListTests {
    @Test(arguments: [Lattice.fcc, .bcc, .diamond, .hcp])
    func perfectLatticesMatchBruteForce(lattice: Lattice) throws {
        var c = try lattice.build(element: .dummy(), latticeConstant: 1.6, cells: SIMD3(3, 2, 3))
        for sheared in [false, true] {
            if sheared {
                let shear = Matrix3(rows: SIMD3(1, 0.5, 0), SIMD3(0, 1, -0.25), SIMD3(0, 0, 1))
                c.positions = c.positions.map { shear * $0 }
                c.cell.vectors = Matrix3(rows: shear * c.cell.vectors[0], shear * c.cell.vectors[1], shear * c.cell.vectors[2])
            }
            let suite = NeighborListTests()
            for kind in [NeighborListKind.half, .full] {
                let list = NeighborList(cutoff: 2.2, skin: 0.3, kind: kind, chunkCount: 2)
                try list.build(for: c)
                #expect(suite.listed(list) == suite.normalised(suite.bruteForce(c, radius: 2.5, kind: kind)))
            }
        }
    }
}

@Suite struct DistantAtomTests {
    @Test func atomsFarOutsideASlabAreHandled() throws {
        let slab = Cell(vectors: .diagonal(SIMD3(3, 3, 3)), periodic: [true, true, false])
        let c = Configuration(positions: [SIMD3(0, 0, -1e12), SIMD3(0, 0, 1e12), SIMD3(1, 1, 1)], species: [0, 0, 0], elements: [.dummy()], cell: slab)
        let list = NeighborList(cutoff: 2, skin: 0.5, kind: .half)
        try list.build(for: c)
        // Each atom sees only its own periodic images (distance 3 > 2.5): nothing listed.
        #expect(list.entryCount == 0)
    }
}
