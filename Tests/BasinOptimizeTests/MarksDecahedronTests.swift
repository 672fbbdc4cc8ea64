import BasinMath
import Foundation
import Testing

@testable import BasinOptimize

@Suite("Marks decahedra: whole Ino and Marks shapes as seeds")
struct MarksDecahedronTests {
    static let bond = pow(2, 1.0 / 6)

    @Test("the shapes have the decahedral magic numbers 13, 23, 39, 55, 75, 101, 146 and 192", arguments: [
        (3, 1, 0, 13), (3, 2, 0, 23), (4, 2, 0, 39), (5, 2, 0, 55), (5, 3, 1, 75), (6, 3, 1, 101), (6, 4, 1, 146), (7, 4, 1, 192),
    ])
    func magicNumbers(axial: Int, shells: Int, reentrance: Int, atoms: Int) {
        let shape = MarksDecahedron(axialAtoms: axial, shells: shells, reentrance: reentrance)
        #expect(shape.atomCount == atoms)
        #expect(shape.positions(bond: Self.bond).count == atoms)
    }

    @Test("a shape's atoms are sites of the decahedral lattice, a bond apart at least, with fivefold symmetry about the axis")
    func latticeGeometry() {
        let shape = MarksDecahedron(axialAtoms: 6, shells: 3, reentrance: 1).positions(bond: Self.bond)
        let lattice = ClusterMotif.decahedral.sites(atoms: 150, bond: Self.bond, shift: .zero)
        #expect(shape.allSatisfy { p in lattice.contains { length($0 - p) < 1e-9 } })
        var closest = Double.infinity
        for i in shape.indices {
            for j in (i + 1)..<shape.count { closest = min(closest, length(shape[i] - shape[j])) }
        }
        #expect(abs(closest - Self.bond) < 1e-9)
        let angle = 2 * Double.pi / 5
        let rotated = shape.map { SIMD3($0.x * cos(angle) - $0.y * sin(angle), $0.x * sin(angle) + $0.y * cos(angle), $0.z) }
        #expect(rotated.allSatisfy { p in shape.contains { length($0 - p) < 1e-9 } })
        // The re-entrance empties the outer shell's columns on the twin planes (through the edge
        // vectors), not those between them nor the next shell's; the axis starts at −3 bonds.
        let edges = ClusterMotif.decahedralEdges(bond: Self.bond)
        let bottom = SIMD3<Double>(0, 0, -3 * Self.bond)
        #expect(!shape.contains { length($0 - (3 * edges[0] + bottom)) < 1e-9 })
        #expect(shape.contains { length($0 - (edges[0] + 2 * edges[1] + bottom)) < 1e-9 })
        #expect(shape.contains { length($0 - (2 * edges[0] + bottom)) < 1e-9 })
    }

    @Test("the candidates lie within the size window, are no longer than wide, and include the 75-atom Marks decahedron for 80 atoms")
    func candidates() {
        for atoms in [30, 80, 102] {
            let found = MarksDecahedron.candidates(near: atoms)
            #expect(!found.isEmpty)
            for shape in found {
                #expect(Double(abs(shape.atomCount - atoms)) <= MarksDecahedron.sizeWindow * Double(atoms))
                #expect(shape.axialAtoms <= 2 * shape.shells + 1)
            }
        }
        #expect(MarksDecahedron.candidates(near: 80).contains(MarksDecahedron(axialAtoms: 5, shells: 3, reentrance: 1)))
        // Below the smallest shape: the nearest one.
        #expect(MarksDecahedron.candidates(near: 2) == [MarksDecahedron(axialAtoms: 2, shells: 1, reentrance: 0)])
    }

    @Test("trimming empties the least-bound atoms: a 13-atom decahedron trimmed to 12 loses a surface atom, not the centre")
    func trimming() {
        let shape = MarksDecahedron(axialAtoms: 3, shells: 1, reentrance: 0).positions(bond: Self.bond)
        var lattice = LatticeCluster(sites: shape, bond: Self.bond)
        lattice.occupy(shape.indices)
        let whole = lattice.energy
        var generator = SeededGenerator(seed: 1)
        lattice.trim(atoms: 12, jitter: 0, using: &generator)
        #expect(lattice.chosen.count == 12)
        #expect(lattice.chosen.contains(1))  // the centre: the axis runs from −1 to 1
        #expect(lattice.energy > whole)
        lattice.grow(atoms: 13, jitter: 0, using: &generator)
        #expect(abs(lattice.energy - whole) < 1e-9)
    }

    @Test("a Marks seed of 102 atoms has 102 atoms, none overlapping, and is reproducible")
    func seed() {
        var generator = SeededGenerator(seed: 4), again = SeededGenerator(seed: 4)
        let x = ClusterMotif.marksDecahedral.grow(atoms: 102, bond: Self.bond, using: &generator)
        #expect(x.count == 306)
        #expect(x == ClusterMotif.marksDecahedral.grow(atoms: 102, bond: Self.bond, using: &again))
        let p = LatticeSeedTests.positions(x)
        var closest = Double.infinity
        for i in p.indices {
            for j in (i + 1)..<p.count { closest = min(closest, length(p[i] - p[j])) }
        }
        #expect(closest > 0.99 * Self.bond)
    }
}
