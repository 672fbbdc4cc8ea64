import BasinMath
import Foundation

/// The closest copy of one cluster to another over rotations, translations, inversion and
/// permutations of atoms of the same species — what a band between minima found in separate
/// searches needs, since their numberings are unrelated (cf. OPTIM's `minpermdist`).
///
/// From each of a set of starting orientations (the identity, its inversion and seeded random
/// rotations of both) the method alternates an optimal permutation for the current orientation
/// (`Assignment`, per species, on squared distances) with the optimal rotation for that
/// permutation (`RigidAlignment`), until the permutation stops changing; the best result over
/// all starts is kept. Local, so not guaranteed to be the global optimum; more starts make a
/// miss less likely.
public enum PermutationalAlignment {
    /// `moving` (3N coordinates) renumbered, rotated, translated and possibly inverted onto
    /// `reference`, the permutation (`aligned` atom k is `moving` atom `permutation[k]`) and the
    /// root-mean-square distance per atom.
    public static func align(
        _ moving: [Double], onto reference: [Double], species: [Int], starts: Int = 100, seed: UInt64 = 1
    ) -> (aligned: [Double], permutation: [Int], rmsd: Double) {
        precondition(moving.count == reference.count && moving.count == 3 * species.count, "alignment needs 3N coordinates and N species")
        let n = species.count
        var generator = SeededGenerator(seed: seed)
        var best: (aligned: [Double], permutation: [Int], rmsd: Double) = (moving, Array(0..<n), .infinity)
        for start in 0..<(2 + starts) {
            var candidate = centred(moving)
            if start == 1 { candidate = candidate.map { -$0 } }
            if start >= 2 { candidate = rotated(candidate, by: randomRotation(&generator), invert: start % 2 == 1) }
            var permutation = Array(0..<n)
            var result = (aligned: candidate, rmsd: Double.infinity)
            for _ in 0..<50 {
                let next = bestPermutation(result.aligned, onto: reference, species: species)
                let renumbered = next.flatMap { [result.aligned[3 * $0], result.aligned[3 * $0 + 1], result.aligned[3 * $0 + 2]] }
                let changed = next != Array(0..<n)
                permutation = next.map { permutation[$0] }
                result = RigidAlignment.align(renumbered, onto: reference)
                if !changed { break }
            }
            if result.rmsd < best.rmsd - 1e-12 { best = (result.aligned, permutation, result.rmsd) }
        }
        return best
    }

    /// The assignment of `x`'s atoms to `reference`'s (per species) of least summed squared
    /// distance: entry k is the atom of `x` placed at reference atom k.
    static func bestPermutation(_ x: [Double], onto reference: [Double], species: [Int]) -> [Int] {
        var permutation = Array(species.indices)
        for s in Set(species) {
            let atoms = species.indices.filter { species[$0] == s }
            let m = atoms.count
            var cost = [Double](repeating: 0, count: m * m)
            for (r, a) in atoms.enumerated() {
                for (c, b) in atoms.enumerated() {
                    var d = 0.0
                    for k in 0..<3 { d += (reference[3 * a + k] - x[3 * b + k]) * (reference[3 * a + k] - x[3 * b + k]) }
                    cost[r * m + c] = d
                }
            }
            for (r, c) in Assignment.solve(cost, size: m).enumerated() { permutation[atoms[r]] = atoms[c] }
        }
        return permutation
    }

    private static func centred(_ x: [Double]) -> [Double] {
        let atoms = RigidModes.vectors(x)
        let c = atoms.reduce(SIMD3<Double>.zero, +) / Double(max(1, atoms.count))
        return atoms.flatMap { [$0.x - c.x, $0.y - c.y, $0.z - c.z] }
    }

    /// A uniformly distributed rotation (Shoemake's unit quaternion, Graphics Gems III (1992)).
    private static func randomRotation(_ generator: inout SeededGenerator) -> Matrix3 {
        let u1 = generator.uniform(), u2 = 2 * Double.pi * generator.uniform(), u3 = 2 * Double.pi * generator.uniform()
        let a = (1 - u1).squareRoot(), b = u1.squareRoot()
        let (w, x, y, z) = (a * sin(u2), a * cos(u2), b * sin(u3), b * cos(u3))
        return Matrix3(rows:
            SIMD3(1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)),
            SIMD3(2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)),
            SIMD3(2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)))
    }

    private static func rotated(_ x: [Double], by rotation: Matrix3, invert: Bool) -> [Double] {
        let sign = invert ? -1.0 : 1.0
        return RigidModes.vectors(x).flatMap { r -> [Double] in
            let v = SIMD3(dot(rotation[0], r), dot(rotation[1], r), dot(rotation[2], r)) * sign
            return [v.x, v.y, v.z]
        }
    }
}
