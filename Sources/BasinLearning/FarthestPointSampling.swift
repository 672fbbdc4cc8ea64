/// Greedy farthest-point sampling: from a first point, repeatedly take the point whose
/// Euclidean distance to the nearest one taken is largest, so that a few points spread over
/// the whole set instead of crowding where the detectors fire most.
enum FarthestPointSampling {
    /// Indices of at most `count` of `points` (all of equal length): those of `first` (nonempty,
    /// distinct; at most `count` of them) first, then in the order taken; ties go to the lower index.
    static func select(_ points: [[Double]], count: Int, first: [Int]) -> [Int] {
        guard !points.isEmpty, count > 0, !first.isEmpty else { return [] }
        var chosen = Array(first.prefix(count))
        var nearest = points.map { p in chosen.map { distanceSquared(p, points[$0]) }.min()! }
        while chosen.count < min(count, points.count) {
            var best = -1, bestDistance = -1.0
            for k in points.indices where nearest[k] > bestDistance && !chosen.contains(k) {
                best = k
                bestDistance = nearest[k]
            }
            chosen.append(best)
            for k in points.indices { nearest[k] = min(nearest[k], distanceSquared(points[k], points[best])) }
        }
        return chosen
    }

    static func distanceSquared(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for k in a.indices {
            let d = a[k] - b[k]
            sum += d * d
        }
        return sum
    }
}
