import BasinMath
import Foundation
import Testing

@testable import BasinOptimize

@Suite("Lattice seeds: the tetrahedral complex and lattice searching")
struct LatticeSeedTests {
    static let bond = pow(2, 1.0 / 6)

    /// Whether every point of `points` maps onto some point of the set under `transform`.
    func isInvariant(_ points: [SIMD3<Double>], under transform: (SIMD3<Double>) -> SIMD3<Double>) -> Bool {
        points.allSatisfy { p in points.contains { length(transform(p) - $0) < 1e-9 } }
    }

    func closestDistance(_ points: [SIMD3<Double>]) -> Double {
        var closest = Double.infinity
        for i in points.indices {
            for j in (i + 1)..<points.count { closest = min(closest, length(points[i] - points[j])) }
        }
        return closest
    }

    @Test("the complex has 17 tetrahedra, 14, 56 and 144 sites for 1–3 bonds along an edge, none closer than a bond")
    func complexCounts() {
        #expect(ClusterMotif.tetrahedralComplex(edgeLength: 1).count == 17)
        for (edge, count) in [(1, 14), (2, 56), (3, 144)] {
            let sites = ClusterMotif.tetrahedralSites(edge: edge, bond: Self.bond)
            #expect(sites.count == count)
            #expect(abs(closestDistance(sites) - Self.bond) < 1e-9)
        }
        // The groove closes the gap with edges at most 5 % longer than a bond.
        let corners = ClusterMotif.tetrahedralSites(edge: 1, bond: 1)
        var longest = 0.0
        for i in corners.indices {
            for j in (i + 1)..<corners.count where length(corners[i] - corners[j]) < 1.1 {
                longest = max(longest, length(corners[i] - corners[j]))
            }
        }
        #expect(longest > 1.04 && longest < 1.05)
    }

    @Test("the complex has the tetrahedral point group Td: threefold axes, twofold axes and mirror planes")
    func complexSymmetry() {
        let sites = ClusterMotif.tetrahedralSites(edge: 2, bond: Self.bond)
        #expect(isInvariant(sites) { SIMD3($0.y, $0.z, $0.x) })
        #expect(isInvariant(sites) { SIMD3($0.x, -$0.y, -$0.z) })
        #expect(isInvariant(sites) { SIMD3($0.y, $0.x, $0.z) })
        // Not centrosymmetric: a tetrahedron, not an octahedron.
        #expect(!isInvariant(sites) { -$0 })
    }

    @Test("growth keeps its field equal to the pair sum; lattice searching only lowers the energy", arguments: ClusterMotif.allCases)
    func latticeSearch(motif: ClusterMotif) {
        var generator = SeededGenerator(seed: 3)
        let sites = motif.sites(atoms: 30, bond: Self.bond, shift: .zero)
        var lattice = LatticeCluster(sites: sites, bond: Self.bond)
        lattice.grow(atoms: 30, jitter: 2, using: &generator)
        let grown = lattice.energy
        var direct = 0.0
        let positions = lattice.positions
        for i in positions.indices {
            for j in (i + 1)..<positions.count {
                let r = length(positions[i] - positions[j])
                if r < LatticeCluster.cutoffFactor * Self.bond { direct += LatticeCluster.pairEnergy(distance: r, bond: Self.bond) }
            }
        }
        #expect(abs(grown - direct) < 1e-9)
        #expect(Set(lattice.chosen).count == 30)
        let moves = lattice.search(bond: Self.bond, maximumMoves: 300)
        #expect(lattice.chosen.count == 30 && Set(lattice.chosen).count == 30)
        #expect(moves == 0 ? lattice.energy == grown : lattice.energy < grown)
        // A refined cluster is compact: every atom has at least three neighbours.
        let refined = lattice.positions
        for p in refined { #expect(refined.filter { length($0 - p) < 1.1 * Self.bond }.count - 1 >= 3) }
    }

    @Test("a tetrahedral seed is trimmed from the smallest whole complex with at least as many sites as atoms")
    func complexSize() {
        #expect(ClusterMotif.tetrahedral.sites(atoms: 14, bond: Self.bond, shift: .zero).count == 14)
        #expect(ClusterMotif.tetrahedral.sites(atoms: 15, bond: Self.bond, shift: .zero).count == 56)
        var generator = SeededGenerator(seed: 1)
        // 56 atoms fill the complex of two bonds an edge: the seed is that whole complex.
        let whole = ClusterMotif.tetrahedralSites(edge: 2, bond: Self.bond)
        let seed = LatticeSeedTests.positions(ClusterMotif.tetrahedral.grow(atoms: 56, bond: Self.bond, using: &generator))
        #expect(seed.count == 56)
        let centroid = whole.reduce(SIMD3<Double>.zero, +) / Double(whole.count)
        #expect(whole.allSatisfy { site in seed.contains { length($0 - (site - centroid)) < 1e-9 } })
        let trimmed = ClusterMotif.tetrahedral.grow(atoms: 50, bond: Self.bond, using: &generator)
        #expect(trimmed.count == 150)
        #expect(closestDistance(LatticeSeedTests.positions(trimmed)) > 0.99 * Self.bond)
    }

    @Test("98-atom tetrahedral seeds, trimmed from the complex of 144 sites, quench into the Leary tetrahedron", arguments: [1, 2] as [UInt64])
    func learyTetrahedron(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let x = ClusterMotif.tetrahedral.grow(atoms: 98, bond: Self.bond, using: &generator)
        var cluster = ClusterLennardJones(atomCount: 98)
        let quench = BasinHopping().run(&cluster, from: x, steps: 0, minimizer: BasinHoppingLBFGS(), generator: &generator)
        // The LJ₉₈ global minimum of the Cambridge Cluster Database (Leary & Doye, Phys. Rev. E 60, R6320 (1999)).
        #expect(abs((quench.lowest?.energy ?? 0) + 543.665361) < 1e-5)
    }

    static func positions(_ x: [Double]) -> [SIMD3<Double>] { (0..<(x.count / 3)).map { SIMD3(x[3 * $0], x[3 * $0 + 1], x[3 * $0 + 2]) } }
}
