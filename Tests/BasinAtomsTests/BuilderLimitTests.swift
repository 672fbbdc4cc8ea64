import BasinAtoms
import Testing

/// Lattice and crystal builders refuse sizes they could not allocate.
@Suite struct BuilderLimitTests {
    /// `--cells 1000000000` overflowed Int computing the atom count (a trap); 10⁴ cells a side
    /// would have asked for 4·10¹² positions.
    @Test(arguments: [SIMD3(1_000_000_000, 1_000_000_000, 1_000_000_000), SIMD3(10_000, 10_000, 10_000)])
    func absurdCellCountsAreRefused(cells: SIMD3<Int>) {
        #expect(throws: AtomsError.self) { try Lattice.fcc.build(element: .dummy(), latticeConstant: 1.6, cells: cells) }
        #expect(throws: AtomsError.self) { try Crystal.quartz.build(cells: cells) }
    }

    @Test func theMessageSaysHowManyAtoms() {
        #expect(throws: AtomsError.cannotBuild("10000 × 10000 × 10000 cells would make 4e+12 atoms; at most 100000000")) {
            try Lattice.fcc.build(element: .dummy(), latticeConstant: 1.6, cells: SIMD3(10_000, 10_000, 10_000))
        }
    }
}
