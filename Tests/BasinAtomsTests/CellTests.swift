import BasinAtoms
import BasinMath
import Testing

@Suite struct CellTests {
    let triclinic = Cell(vectors: Matrix3(rows: SIMD3(4, 0, 0), SIMD3(1.5, 3.5, 0), SIMD3(-1, 0.7, 3.2)))

    @Test func volumeAndWidths() {
        #expect(abs(triclinic.volume - 4 * 3.5 * 3.2) < 1e-12)
        let widths = triclinic.perpendicularWidths
        #expect(abs(widths.z - 3.2) < 1e-12)
        #expect(abs(Cell.orthorhombic(SIMD3(2, 3, 4)).perpendicularWidths.y - 3) < 1e-12)
    }

    @Test func wrapLandsInsideAndDiffersByALatticeVector() {
        var generator = SeededGenerator(seed: 3)
        let inverse = triclinic.vectors.inverse
        for _ in 0..<200 {
            let r = 20 * SIMD3(generator.uniform() - 0.5, generator.uniform() - 0.5, generator.uniform() - 0.5)
            let wrapped = triclinic.wrap(r)
            let s = wrapped * inverse
            #expect(s.min() >= -1e-12 && s.max() < 1 + 1e-12)
            let n = (wrapped - r) * inverse
            let offset = n - n.rounded(.toNearestOrEven)
            #expect(max(abs(offset.x), abs(offset.y), abs(offset.z)) < 1e-9)
        }
    }

    @Test func minimumImageIsTheShortestImage() {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<200 {
            let d = 12 * SIMD3(generator.uniform() - 0.5, generator.uniform() - 0.5, generator.uniform() - 0.5)
            let image = triclinic.minimumImage(d)
            var best = Double.infinity
            for i in -4...4 { for j in -4...4 { for k in -4...4 {
                let candidate = d + SIMD3(Double(i), Double(j), Double(k)) * triclinic.vectors
                best = min(best, length(candidate))
            } } }
            #expect(abs(length(image) - best) < 1e-12)
        }
    }

    @Test func openDirectionsAreNeverWrapped() {
        let slab = Cell(vectors: .diagonal(SIMD3(3, 3, 10)), periodic: [true, true, false])
        let wrapped = slab.wrap(SIMD3(4, -1, 25))
        #expect(wrapped == SIMD3(1, 2, 25))
        #expect(slab.minimumImage(SIMD3(2, 0, 8)) == SIMD3(-1, 0, 8))
    }

    @Test func periodicCellWithoutVolumeIsInvalid() {
        let flat = Cell(vectors: Matrix3(rows: SIMD3(1, 0, 0), SIMD3(2, 0, 0), SIMD3(0, 0, 1)))
        #expect(throws: AtomsError.self) { try flat.validate() }
        #expect(throws: Never.self) { try Cell.open.validate() }
    }
}

@Suite struct SlabCellTests {
    @Test func slabWithZeroOpenVectorIsValidAndSearchable() throws {
        // ASE writes slabs as pbc="T T F" with c = 0.
        let slab = Cell(vectors: Matrix3(rows: SIMD3(2.8, 0, 0), SIMD3(1.4, 2.4, 0), .zero), periodic: [true, true, false])
        #expect(throws: Never.self) { try slab.validate() }
        #expect(slab.wrap(SIMD3(3.0, 0.1, 7)).z == 7)
        let c = Configuration(positions: [SIMD3(0, 0, 0), SIMD3(0, 0, 1.5)], species: [0, 0], elements: [.dummy()], cell: slab)
        let list = NeighborList(cutoff: 2.0, kind: .full)
        try list.build(for: c)
        // Each atom sees the other at 1.5 and no periodic image closer than 2.
        #expect(list.entryCount == 2)
        let wire = Cell(vectors: Matrix3(rows: SIMD3(3, 0, 0), .zero, .zero), periodic: [true, false, false])
        #expect(abs(wire.spanningVectors.determinant) > 0.99)
        let flat = Cell(vectors: Matrix3(rows: SIMD3(2.8, 0, 0), SIMD3(5.6, 0, 0), .zero), periodic: [true, true, false])
        #expect(throws: AtomsError.self) { try flat.validate() }
    }
}
