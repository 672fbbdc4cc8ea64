import BasinMath

/// A cluster on a fixed set of lattice sites, scored by a Lennard-Jones pair energy whose
/// minimum (−1 per pair, in units of the well depth) lies at the bond length d:
/// V(r) = (d/r)¹² − 2 (d/r)⁶, cut off beyond `cutoffFactor` · d.
///
/// It grows a cluster greedily, one atom at a time, on the vacant site of lowest energy with the
/// atoms already placed, and then refines it by dynamic lattice searching (Shao, Cheng & Cai,
/// J. Phys. Chem. A 108, 3586 (2004)): while some move of one of the least-bound atoms to one of
/// the most-bound vacant sites lowers the energy, the best such move is made. The sites are
/// never relaxed; sites closer than the bond length repel each other, so a set of sites may
/// overlap (the union of several lattices) and the growth still keeps atoms apart.
///
/// Invariant: `field[i]` is the energy an atom at site i has with the occupied sites other than i.
struct LatticeCluster {
    /// Pairs beyond this multiple of the bond length do not interact.
    static let cutoffFactor = 2.5
    /// Least-bound atoms and most-bound vacant sites paired in each lattice-search step.
    static let searchWidth = 8

    let sites: [SIMD3<Double>]
    /// Neighbours of site i within the cutoff: `neighbors[neighborStart[i]..<neighborStart[i + 1]]`,
    /// with their pair energies in `pairEnergies` at the same indices.
    private let neighborStart: [Int]
    private let neighbors: [Int]
    private let pairEnergies: [Double]
    private(set) var field: [Double]
    private(set) var occupied: [Bool]
    /// The occupied sites in the order they were taken (reordered by moves).
    private(set) var chosen: [Int] = []

    /// Prepares the neighbour tables of `sites` (length units) for bond length `bond`.
    init(sites: [SIMD3<Double>], bond: Double) {
        precondition(bond > 0, "the bond length must be positive")
        self.sites = sites
        let cutoff = Self.cutoffFactor * bond
        var start = [0], list: [Int] = [], energies: [Double] = []
        // Sorting along x lets the inner loop stop at the first site beyond the cutoff.
        let order = sites.indices.sorted { sites[$0].x < sites[$1].x }
        var rank = [Int](repeating: 0, count: sites.count)
        for (k, i) in order.enumerated() { rank[i] = k }
        for i in sites.indices {
            for direction in [-1, 1] {
                var k = rank[i] + direction
                while k >= 0, k < order.count, abs(sites[order[k]].x - sites[i].x) < cutoff {
                    let d = sites[order[k]] - sites[i]
                    let r = (d * d).sum().squareRoot()
                    if r < cutoff {
                        list.append(order[k])
                        energies.append(Self.pairEnergy(distance: r, bond: bond))
                    }
                    k += direction
                }
            }
            start.append(list.count)
        }
        neighborStart = start
        neighbors = list
        pairEnergies = energies
        field = [Double](repeating: 0, count: sites.count)
        occupied = [Bool](repeating: false, count: sites.count)
    }

    /// (d/r)¹² − 2 (d/r)⁶.
    static func pairEnergy(distance r: Double, bond: Double) -> Double {
        let s = bond / r
        let s6 = s * s * s * s * s * s
        return s6 * s6 - 2 * s6
    }

    /// The energy of the occupied sites (units of the well depth).
    var energy: Double { chosen.reduce(0) { $0 + field[$1] } / 2 }

    /// The positions of the occupied sites.
    var positions: [SIMD3<Double>] { chosen.map { sites[$0] } }

    private mutating func setOccupied(_ site: Int, _ value: Bool) {
        occupied[site] = value
        let sign: Double = value ? 1 : -1
        for k in neighborStart[site]..<neighborStart[site + 1] { field[neighbors[k]] += sign * pairEnergies[k] }
    }

    /// Occupies the given vacant sites, in their order.
    mutating func occupy(_ indices: some Sequence<Int>) {
        for i in indices {
            precondition(!occupied[i], "site \(i) is already occupied")
            setOccupied(i, true)
            chosen.append(i)
        }
    }

    /// Empties occupied sites, least bound first after a random perturbation of up to `jitter`
    /// (units of the well depth) to each atom's energy, until at most `atoms` remain.
    mutating func trim(atoms n: Int, jitter: Double, using generator: inout SeededGenerator) {
        while chosen.count > n {
            var worst = 0, worstScore = -Double.infinity
            for (k, i) in chosen.enumerated() {
                let score = field[i] + jitter * generator.uniform()
                if score > worstScore {
                    worst = k
                    worstScore = score
                }
            }
            setOccupied(chosen[worst], false)
            chosen.remove(at: worst)
        }
    }

    /// Adds atoms until `atoms` are placed, each on the vacant site of lowest energy after a
    /// random perturbation of up to `jitter` (units of the well depth) to each; an empty lattice
    /// starts from the site nearest the origin.
    mutating func grow(atoms n: Int, jitter: Double, using generator: inout SeededGenerator) {
        precondition(sites.count >= n, "the lattice holds fewer sites than atoms")
        if chosen.isEmpty {
            let first = sites.indices.min { (sites[$0] * sites[$0]).sum() < (sites[$1] * sites[$1]).sum() }!
            setOccupied(first, true)
            chosen.append(first)
        }
        while chosen.count < n {
            var best = -1, bestScore = Double.infinity
            for i in sites.indices where !occupied[i] && field[i] < 0 {
                let score = field[i] - jitter * generator.uniform()
                if score < bestScore {
                    best = i
                    bestScore = score
                }
            }
            precondition(best >= 0, "the lattice ran out of sites next to the cluster")
            setOccupied(best, true)
            chosen.append(best)
        }
    }

    /// Dynamic lattice searching: makes the best energy-lowering move of one of the
    /// `searchWidth` least-bound atoms to one of the `searchWidth` most-bound vacant sites, until
    /// none lowers the energy or `maximumMoves` were made. Returns the number of moves made.
    @discardableResult
    mutating func search(bond: Double, maximumMoves: Int) -> Int {
        let cutoff = Self.cutoffFactor * bond
        var moves = 0
        while moves < maximumMoves {
            let leastBound = Self.extremes(chosen, count: Self.searchWidth) { field[$0] > field[$1] }
            let vacant = sites.indices.filter { !occupied[$0] && field[$0] < 0 }
            let mostBound = Self.extremes(vacant, count: Self.searchWidth) { field[$0] < field[$1] }
            var bestChange = -1e-9, bestAtom = -1, bestSite = -1
            for a in leastBound {
                for v in mostBound {
                    let d = sites[a] - sites[v]
                    let r = (d * d).sum().squareRoot()
                    let shared = r < cutoff ? Self.pairEnergy(distance: r, bond: bond) : 0
                    let change = field[v] - shared - field[a]
                    if change < bestChange {
                        bestChange = change
                        bestAtom = a
                        bestSite = v
                    }
                }
            }
            guard bestAtom >= 0 else { break }
            setOccupied(bestAtom, false)
            setOccupied(bestSite, true)
            chosen[chosen.firstIndex(of: bestAtom)!] = bestSite
            moves += 1
        }
        return moves
    }

    /// The `count` elements of `items` that come first in `order`, in that order.
    private static func extremes(_ items: [Int], count: Int, by order: (Int, Int) -> Bool) -> [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(count + 1)
        for item in items {
            guard kept.count < count || order(item, kept[kept.count - 1]) else { continue }
            let position = kept.firstIndex { order(item, $0) } ?? kept.count
            kept.insert(item, at: position)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
