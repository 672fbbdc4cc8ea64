import BasinAtoms
import BasinMath
import BasinOptimize
@testable import BasinPaths
import BasinPotentials
import Foundation
import Testing

@Suite struct BandToolTests {
    @Test func eigensystemDiagonalisesASymmetricMatrix() {
        var generator = SeededGenerator(seed: 3)
        let n = 9
        var a = DenseMatrix(rows: n, columns: n)
        for i in 0..<n { for j in i..<n { a[i, j] = generator.normal(); a[j, i] = a[i, j] } }
        let system = SymmetricEigensystem(a)
        #expect(zip(system.values, system.values.dropFirst()).allSatisfy { $0 <= $1 })
        for (k, v) in system.vectors.enumerated() {
            for i in 0..<n {
                let av = (0..<n).reduce(0) { $0 + a[i, $1] * v[$1] }
                #expect(abs(av - system.values[k] * v[i]) < 1e-10)
            }
            for (l, w) in system.vectors.enumerated() { #expect(abs(v.dot(w) - (k == l ? 1 : 0)) < 1e-12) }
        }
    }

    @Test func alignmentUndoesARotationAndTranslation() {
        let x = ClusterFixtures.lj7
        let angle = 0.7, axis = SIMD3<Double>(1, 2, 2) / 3
        // Rodrigues' rotation of every atom, then a shift.
        let moved: [Double] = (0..<7).flatMap { i -> [Double] in
            let r = SIMD3(x[3 * i], x[3 * i + 1], x[3 * i + 2])
            let rotated = r * cos(angle) + cross(axis, r) * sin(angle) + axis * dot(axis, r) * (1 - cos(angle))
            let shifted = rotated + SIMD3(0.3, -1.2, 5)
            return [shifted.x, shifted.y, shifted.z]
        }
        let (aligned, rmsd) = RigidAlignment.align(moved, onto: x)
        #expect(rmsd < 1e-12)
        for (a, b) in zip(aligned, x) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func internalModesLeaveOutRigidMotions() throws {
        var surface = try ClusterFixtures.surface(LennardJones(cutoff: nil), atoms: 7)
        let x = ClusterFixtures.lj7
        let modes = InternalModes(hessian: try surface.hessian(at: x), symmetryModes: surface.symmetryModes(at: x))
        #expect(modes.values.count == 15)
        #expect(modes.values.allSatisfy { $0 > 1 })
    }

    @Test func pairPotentialGradientMatchesFiniteDifferences() {
        let start = ClusterFixtures.lj7
        let end = RigidAlignment.align(ClusterFixtures.lj7.reversed(), onto: start).aligned
        let surface = ImageDependentPairPotential(start: start, end: end, fraction: 0.4)
        var point = zip(start, end).map { 0.5 * ($0 + $1) + 0.01 * sin(37 * $0) }
        var gradient = point, ignored = point
        _ = surface.evaluate(at: point, gradient: &gradient)
        for a in point.indices {
            let saved = point[a]
            point[a] = saved + 1e-6
            let up = surface.evaluate(at: point, gradient: &ignored)
            point[a] = saved - 1e-6
            let down = surface.evaluate(at: point, gradient: &ignored)
            point[a] = saved
            #expect(abs((up - down) / 2e-6 - gradient[a]) <= 1e-6 * max(1, abs(gradient[a])))
        }
    }

    @Test func pairPotentialInterpolationKeepsAtomsApart() {
        // Atom 0 moves through the cluster to the far side: the straight line takes it within
        // 0.57 σ of other atoms, the IDPP band keeps every pair at least 0.7 σ apart.
        let start = ClusterFixtures.lj7
        var end = start
        for k in 0..<3 { end[k] = -start[k] }
        let smallest = { (images: [[Double]]) in
            images.map { x in
                var d = Double.infinity
                for i in 0..<7 { for j in (i + 1)..<7 {
                    d = min(d, ((0..<3).reduce(0) { $0 + pow(x[3 * i + $1] - x[3 * j + $1], 2) }).squareRoot())
                } }
                return d
            }.min()!
        }
        let linear = smallest(BandInterpolation.linear.images(from: start, to: end, count: 9))
        let idpp = smallest(BandInterpolation.idpp.images(from: start, to: end, count: 9))
        #expect(linear < 0.6)
        #expect(idpp > 0.7 && idpp > linear + 0.1)
    }
}

@Suite struct PermutationalAlignmentTests {
    @Test func assignmentFindsTheCheapestPermutation() {
        // Brute force over all 5! permutations of a seeded cost matrix.
        var generator = SeededGenerator(seed: 11)
        let n = 5
        let cost = (0..<(n * n)).map { _ in generator.uniform() }
        func permutations(_ items: [Int]) -> [[Int]] {
            items.count <= 1 ? [items] : items.flatMap { i in permutations(items.filter { $0 != i }).map { [i] + $0 } }
        }
        let total = { (p: [Int]) in p.enumerated().reduce(0.0) { $0 + cost[$1.offset * n + $1.element] } }
        let best = permutations(Array(0..<n)).map(total).min()!
        #expect(abs(total(Assignment.solve(cost, size: n)) - best) < 1e-14)
    }

    @Test func renumberedRotatedInvertedIcosahedronAlignsExactly() {
        let x = ClusterFixtures.lj13
        var generator = SeededGenerator(seed: 5)
        var order = Array(0..<13)
        order.shuffle(using: &generator)
        let angle = 1.9, axis = SIMD3<Double>(2, -1, 2) / 3
        let moved: [Double] = order.flatMap { i -> [Double] in
            let r = SIMD3(x[3 * i], x[3 * i + 1], x[3 * i + 2])
            let rotated = -(r * cos(angle) + cross(axis, r) * sin(angle) + axis * dot(axis, r) * (1 - cos(angle))) + SIMD3(1, 2, 3)
            return [rotated.x, rotated.y, rotated.z]
        }
        let result = PermutationalAlignment.align(moved, onto: x, species: Array(repeating: 0, count: 13), starts: 20)
        #expect(result.rmsd < 1e-9)
    }
}
