import BasinMath
import BasinOptimize
import Foundation
import Testing

@Suite("Surface moves and motif seeds")
struct ClusterMovesTests {
    static let bond = pow(2, 1.0 / 6)

    /// The closest pair distance of 3N coordinates.
    func closestDistance(_ x: [Double]) -> Double {
        let n = x.count / 3
        var closest = Double.infinity
        for i in 0..<n {
            for j in (i + 1)..<n {
                let dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1], dz = x[3 * i + 2] - x[3 * j + 2]
                closest = min(closest, (dx * dx + dy * dy + dz * dz).squareRoot())
            }
        }
        return closest
    }

    /// Neighbours of atom i closer than 1.25 × the bond.
    func coordination(_ x: [Double], atom i: Int) -> Int {
        let n = x.count / 3
        return (0..<n).filter { j in
            let dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1], dz = x[3 * i + 2] - x[3 * j + 2]
            return j != i && (dx * dx + dy * dy + dz * dz).squareRoot() < 1.25 * Self.bond
        }.count
    }

    @Test("every motif grows the requested number of atoms, reproducibly, none overlapping", arguments: ClusterMotif.allCases)
    func motifsGrow(motif: ClusterMotif) {
        for atoms in [1, 13, 38, 75] {
            var generator = SeededGenerator(seed: 7), again = SeededGenerator(seed: 7)
            let x = motif.grow(atoms: atoms, bond: Self.bond, using: &generator)
            #expect(x.count == 3 * atoms)
            #expect(x == motif.grow(atoms: atoms, bond: Self.bond, using: &again))
            if atoms > 1 { #expect(closestDistance(x) > 0.95 * Self.bond) }
        }
    }

    @Test("a grown 13-atom icosahedral seed is the Mackay icosahedron")
    func icosahedralSeed() {
        var generator = SeededGenerator(seed: 1)
        var cluster = ClusterLennardJones(atomCount: 13)
        let seed = ClusterMotif.icosahedral.grow(atoms: 13, bond: Self.bond, using: &generator)
        let quench = BasinHoppingLBFGS().minimize(&cluster, from: seed, until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 1000))
        #expect(abs(quench.value - -44.326801) < 1e-5)
    }

    @Test("a surface move keeps the atom count, is reproducible and puts a stray atom on a well-coordinated site")
    func surfaceMoveMovesStrayAtom() {
        var generator = SeededGenerator(seed: 2)
        var x = ClusterMotif.icosahedral.grow(atoms: 13, bond: Self.bond, using: &generator)
        // A 14th atom alone, 3 bonds from the centre: coordination 0.
        x += [3 * Self.bond, 0, 0]
        var first = x, second = x
        var move = SurfaceMove(), other = SurfaceMove()
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        #expect(move.apply(to: &first, using: &a))
        #expect(other.apply(to: &second, using: &b))
        #expect(first == second)
        #expect(first.count == x.count)
        #expect(coordination(x, atom: 13) == 0)
        #expect(coordination(first, atom: 13) >= 3)
        #expect(closestDistance(first) > 0.75 * Self.bond)
        // Only the stray atom moved.
        #expect(Array(first[0..<39]) == Array(x[0..<39]))
    }

    @Test("with motif restarts and surface moves basin hopping finds the LJ38 truncated octahedron within 400 steps",
          arguments: [UInt64(1), 2, 3])
    func findsLJ38(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let start = try randomClusterCoordinates(atoms: 38, generator: &generator)
        var cluster = ClusterLennardJones(atomCount: 38)
        let hopping = BasinHopping(
            temperature: 0.8, containerRadius: containerRadius(atoms: 38), restartInterval: 10, targetEnergy: -173.928427,
            restartSeed: { generator in
                let motif = ClusterMotif.allCases[Int(generator.uniform() * Double(ClusterMotif.allCases.count))]
                return motif.grow(atoms: 38, bond: Self.bond, using: &generator)
            }, surfaceMoveProbability: 0.3)
        let result = hopping.run(&cluster, from: start, steps: 400, minimizer: BasinHoppingLBFGS(), generator: &generator)
        #expect(result.stopReason == .targetReached)
        #expect(result.lowest?.positions.count == 38)
    }
}
