import BasinMath

/// A basin-hopping move for clusters that relocates one of the least-coordinated atoms to the
/// best-coordinated vacant surface site, the move of dynamic lattice searching (Shao, Cheng &
/// Cai, J. Phys. Chem. A 108, 3586 (2004)) used as a trial move of basin hopping (surface moves
/// in the sense of Rondina & Da Silva, J. Chem. Inf. Model. 53, 2282 (2013)).
///
/// The bond length d is the mean nearest-neighbour distance of the cluster as given, and two
/// atoms are neighbours when closer than 1.25 d (between the first shell and √2 d, the second
/// shell of close packing). The vacant sites are the apexes, on either side, of the tetrahedra
/// with edge d built on every triangle of mutual neighbours — the hollow sites of close-packed
/// facets — that lie at least 0.8 d from every atom. The moved atom is drawn uniformly among
/// those of least coordination, the site among the vacant sites of highest coordination
/// (counted without the moved atom); the move is made only when the site has more neighbours
/// than the atom had. The local minimizer then relaxes the result.
///
/// Scratch space is allocated once per atom count and reused, so a move allocates nothing.
public struct SurfaceMove: Sendable {
    /// Neighbour cutoff as a multiple of the bond length.
    public static let neighborFactor = 1.25
    /// Closest approach of a vacant site to an atom, as a multiple of the bond length.
    public static let clearanceFactor = 0.8

    private var adjacency: [Bool] = []
    private var coordination: [Int] = []
    private var neighborStart: [Int] = []
    private var neighborList: [Int] = []

    public init() {}

    /// Moves one atom of the 3N coordinates `x` (length units) to a better-coordinated vacant
    /// site. Returns false, leaving `x` unchanged, when no vacant site has more neighbours than
    /// the least-coordinated atom (or the cluster has fewer than four atoms).
    public mutating func apply(to x: inout [Double], using generator: inout SeededGenerator) -> Bool {
        let n = x.count / 3
        guard n >= 4 else { return false }
        let bond = Self.meanNearestNeighborDistance(x)
        guard bond > 0, bond.isFinite else { return false }
        let cutoffSquared = (Self.neighborFactor * bond) * (Self.neighborFactor * bond)
        findNeighbors(x, atoms: n, cutoffSquared: cutoffSquared)

        // The mover: uniform among the atoms of least coordination (reservoir sampling).
        var mover = 0, least = Int.max, ties = 0
        for i in 0..<n {
            if coordination[i] < least {
                least = coordination[i]
                mover = i
                ties = 1
            } else if coordination[i] == least {
                ties += 1
                if generator.uniform() * Double(ties) < 1 { mover = i }
            }
        }

        guard let site = bestSite(x, atoms: n, excluding: mover, bond: bond, cutoffSquared: cutoffSquared, moreThan: least,
                                  using: &generator)
        else { return false }
        x[3 * mover] = site.x
        x[3 * mover + 1] = site.y
        x[3 * mover + 2] = site.z
        return true
    }

    /// Fills the neighbour table and coordination numbers.
    private mutating func findNeighbors(_ x: [Double], atoms n: Int, cutoffSquared: Double) {
        if coordination.count != n {
            adjacency = [Bool](repeating: false, count: n * n)
            coordination = [Int](repeating: 0, count: n)
            neighborStart = [Int](repeating: 0, count: n + 1)
            neighborList = [Int](repeating: 0, count: n * n)
        }
        for i in 0..<n {
            coordination[i] = 0
            for j in 0..<n where j != i {
                let close = Self.squaredDistance(x, i, j) < cutoffSquared
                adjacency[i * n + j] = close
                if close { coordination[i] += 1 }
            }
        }
        var next = 0
        for i in 0..<n {
            neighborStart[i] = next
            for j in 0..<n where adjacency[i * n + j] {
                neighborList[next] = j
                next += 1
            }
        }
        neighborStart[n] = next
    }

    /// The vacant hollow site of highest coordination above `moreThan`, uniform among ties;
    /// `excluded` is treated as absent.
    private func bestSite(
        _ x: [Double], atoms n: Int, excluding excluded: Int, bond: Double, cutoffSquared: Double, moreThan floor: Int,
        using generator: inout SeededGenerator
    ) -> SIMD3<Double>? {
        let clearanceSquared = (Self.clearanceFactor * bond) * (Self.clearanceFactor * bond)
        var best: SIMD3<Double>?, bestCoordination = floor, ties = 0
        for i in 0..<n where i != excluded {
            for a in neighborStart[i]..<neighborStart[i + 1] {
                let j = neighborList[a]
                guard j > i, j != excluded else { continue }
                for b in (a + 1)..<neighborStart[i + 1] {
                    let k = neighborList[b]
                    guard k != excluded, adjacency[j * n + k] else { continue }
                    let p = Self.position(x, i), q = Self.position(x, j), r = Self.position(x, k)
                    let centre = (p + q + r) / 3
                    let normal = Self.cross(q - p, r - p)
                    let normalLength = (normal * normal).sum().squareRoot()
                    guard normalLength > 0 else { continue }
                    let circumradiusSquared = ((p - centre) * (p - centre) + (q - centre) * (q - centre)
                        + (r - centre) * (r - centre)).sum() / 3
                    let height = max(bond * bond - circumradiusSquared, 0).squareRoot()
                    for side in 0..<2 {
                        let site = centre + (Double(2 * side - 1) * height / normalLength) * normal
                        var count = 0, clear = true
                        for m in 0..<n where m != excluded {
                            let d = site - Self.position(x, m)
                            let d2 = (d * d).sum()
                            if d2 < clearanceSquared {
                                clear = false
                                break
                            }
                            if d2 < cutoffSquared { count += 1 }
                        }
                        guard clear, count >= bestCoordination else { continue }
                        if count > bestCoordination || best == nil {
                            bestCoordination = count
                            best = site
                            ties = 1
                        } else {
                            ties += 1
                            if generator.uniform() * Double(ties) < 1 { best = site }
                        }
                    }
                }
            }
        }
        return bestCoordination > floor ? best : nil
    }

    /// The mean over atoms of the distance to the nearest other atom (length units).
    public static func meanNearestNeighborDistance(_ x: [Double]) -> Double {
        let n = x.count / 3
        var total = 0.0
        for i in 0..<n {
            var nearest = Double.infinity
            for j in 0..<n where j != i { nearest = min(nearest, squaredDistance(x, i, j)) }
            total += nearest.squareRoot()
        }
        return total / Double(n)
    }

    @inline(__always)
    private static func position(_ x: [Double], _ i: Int) -> SIMD3<Double> {
        SIMD3(x[3 * i], x[3 * i + 1], x[3 * i + 2])
    }

    @inline(__always)
    private static func squaredDistance(_ x: [Double], _ i: Int, _ j: Int) -> Double {
        let d = position(x, i) - position(x, j)
        return (d * d).sum()
    }

    @inline(__always)
    private static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
}
