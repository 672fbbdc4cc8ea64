import BasinMath
import Foundation

/// Random starting structures: clusters in open space and gases in periodic boxes, with a guard
/// against atoms closer than a minimum distance (random sequential addition).
public enum RandomStructures {
    /// `count` atoms placed uniformly in a sphere of the given `radius`, no two closer than
    /// `minimumDistance`; open boundaries.
    public static func cluster(
        count: Int, radius: Double, minimumDistance: Double, element: Element = .dummy(),
        units: UnitSystem = .lennardJones, generator: inout SeededGenerator
    ) throws(AtomsError) -> Configuration {
        let positions = try place(count: count, minimumDistance: minimumDistance, cell: nil, generator: &generator) { g in
            while true {
                let p = SIMD3(2 * g.uniform() - 1, 2 * g.uniform() - 1, 2 * g.uniform() - 1)
                if dot(p, p) <= 1 { return radius * p }
            }
        }
        return Configuration(positions: positions, species: Array(repeating: 0, count: count), elements: [element], units: units)
    }

    /// `count` atoms placed uniformly in a periodic box, no two (or their images) closer than
    /// `minimumDistance`.
    public static func gas(
        count: Int, box: SIMD3<Double>, minimumDistance: Double, element: Element = .dummy(),
        units: UnitSystem = .lennardJones, generator: inout SeededGenerator
    ) throws(AtomsError) -> Configuration {
        let cell = Cell.orthorhombic(box)
        let positions = try place(count: count, minimumDistance: minimumDistance, cell: cell, generator: &generator) { g in
            SIMD3(g.uniform(), g.uniform(), g.uniform()) * box
        }
        return Configuration(positions: positions, species: Array(repeating: 0, count: count), elements: [element], cell: cell, units: units)
    }

    /// Random sequential addition: each candidate is checked against every placed atom (O(N²),
    /// meant for the few hundred atoms of a starting structure).
    private static func place(
        count: Int, minimumDistance: Double, cell: Cell?, generator: inout SeededGenerator,
        draw: (inout SeededGenerator) -> SIMD3<Double>
    ) throws(AtomsError) -> [SIMD3<Double>] {
        guard count >= 0, minimumDistance >= 0 else { throw .cannotBuild("count and minimum distance must be non-negative") }
        var placed: [SIMD3<Double>] = []
        placed.reserveCapacity(count)
        let attemptsPerAtom = 10_000
        for _ in 0..<count {
            var accepted = false
            for _ in 0..<attemptsPerAtom {
                let candidate = draw(&generator)
                let clear = placed.allSatisfy { other in
                    let d = cell.map { $0.minimumImage(candidate - other) } ?? (candidate - other)
                    return dot(d, d) >= minimumDistance * minimumDistance
                }
                if clear {
                    placed.append(candidate)
                    accepted = true
                    break
                }
            }
            guard accepted else {
                throw .cannotBuild("could not place atom \(placed.count + 1) of \(count) at least \(minimumDistance) from the others; lower the density or the minimum distance")
            }
        }
        return placed
    }
}
