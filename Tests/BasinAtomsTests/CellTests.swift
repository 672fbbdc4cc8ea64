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
