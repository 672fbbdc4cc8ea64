import BasinMath
@testable import BasinToyModel

/// Random structures without close contacts (every image pair at least `minimumDistance`
/// apart), so that energies and their derivatives stay moderate for finite differences.
func spreadStructure(dimension: Int, width: Double, particleCount: Int, seed: UInt64, minimumDistance: Double = 0.85) throws -> ToyStructure {
    var generator = SeededGenerator(seed: seed)
    while true {
        let s = try ToyStructure.random(dimension: dimension, width: width, particleCount: particleCount, using: &generator)
        if closestImageDistance(s) >= minimumDistance { return s }
    }
}

/// The smallest distance between a particle and any other particle or image.
func closestImageDistance(_ s: ToyStructure) -> Double {
    var best = Double.infinity
    for i in 0..<s.count {
        for j in 0..<s.count {
            var d = s.positions[j] - s.positions[i]
            d -= s.width * (d / s.width).rounded(.toNearestOrEven)
            let r = (d * d).sum().squareRoot()
            if i != j { best = min(best, r) }
        }
    }
    return min(best, s.width)
}

/// |a − b| ≤ tolerance · max(|a|, |b|, floor).
func close(_ a: Double, _ b: Double, relative tolerance: Double, floor: Double = 1e-300) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b), floor)
}
