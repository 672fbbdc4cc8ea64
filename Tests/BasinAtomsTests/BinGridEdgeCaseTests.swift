import BasinAtoms
import BasinMath
import Testing

/// Structures that give the bin grid degenerate extents: enormous, infinite or zero.
@Suite struct BinGridEdgeCaseTests {
    /// `printf '2\nx\nX 0 0 0\nX 1e18 0 0\n'`: the bin count along x once overflowed Int.
    @Test(arguments: [1e18, 1e300, .greatestFiniteMagnitude])
    func enormousOpenExtentsGiveFewBins(far: Double) throws {
        let c = Configuration(positions: [.zero, SIMD3(far, 0, 0)], species: [0, 0], elements: [.dummy()])
        for kind in [NeighborListKind.half, .full] {
            let list = NeighborList(cutoff: 2.5, skin: 0.3, kind: kind)
            try list.build(for: c)
            #expect(list.entryCount == 0)
        }
    }

    /// Coordinates of opposite sign near the largest Double span an infinite extent.
    @Test func infiniteExtentIsBinned() throws {
        let huge = Double.greatestFiniteMagnitude
        let c = Configuration(
            positions: [SIMD3(-huge, 0, 0), .zero, SIMD3(1, 0, 0), SIMD3(huge, 0, 0)], species: [0, 0, 0, 0], elements: [.dummy()])
        let list = NeighborList(cutoff: 2.5, skin: 0.3, kind: .full)
        try list.build(for: c)
        #expect(list.entryCount == 2)
    }

    /// A chain along x, a square net in the xy plane and a flat periodic slab have zero extent
    /// along an open direction; every pair must still be listed (0 · ∞ once dropped the stencil).
    @Test func flatAndLinearStructuresListEveryPair() throws {
        let chain = (0..<10).map { SIMD3(1.1 * Double($0), 0, 0) }
        let net = (0..<16).map { SIMD3(1.1 * Double($0 % 4), 1.1 * Double($0 / 4), 0) }
        let slab = Cell(vectors: .diagonal(SIMD3(4.4, 4.4, 0)), periodic: [true, true, false])
        let cases = [(chain, Cell.open), (net, Cell.open), (net, slab)]
        let suite = NeighborListTests()
        for (positions, cell) in cases {
            let c = Configuration(positions: positions, species: positions.map { _ in 0 }, elements: [.dummy()], cell: cell)
            for kind in [NeighborListKind.half, .full] {
                let list = NeighborList(cutoff: 2.5, skin: 0.3, kind: kind)
                try list.build(for: c)
                #expect(suite.listed(list) == suite.normalised(suite.bruteForce(c, radius: 2.8, kind: kind)))
            }
        }
    }

    /// A periodic cell 10⁻¹¹ thick (valid: its volume is not zero) or a cutoff of 10³⁰⁰ would
    /// need astronomically many ghost images; the count once trapped converting to Int.
    @Test func cellsTooThinForTheCutoffAreRefused() throws {
        let thin = Configuration(
            positions: [.zero], species: [0], elements: [.dummy()], cell: .orthorhombic(SIMD3(1, 1, 1e-11)))
        let wide = Configuration(
            positions: [.zero], species: [0], elements: [.dummy()], cell: .orthorhombic(SIMD3(4, 4, 4)))
        for (configuration, cutoff) in [(thin, 2.5), (wide, 1e300)] {
            let list = NeighborList(cutoff: cutoff, skin: 0.3, kind: .half)
            #expect {
                try list.build(for: configuration)
            } throws: { error in
                "\(error)".contains("the cell is too thin for the cutoff")
            }
        }
    }
}
