import BasinAtoms
import BasinPotentials

/// The shortest distance (length units, periodic images included) of every species pair over
/// `configurations`, for the pairs closer than `cutoff`; a neighbor list makes it O(N) per
/// configuration.
func shortestDistances(_ configurations: [Configuration], below cutoff: Double) throws -> [SpeciesPair: Double] {
    var shortest: [SpeciesPair: Double] = [:]
    let list = NeighborList(cutoff: cutoff, skin: 0, kind: .half)
    for c in configurations {
        try list.build(for: c)
        list.forEachPair { i, j, r2 in
            let pair = SpeciesPair(c.species[i], c.species[j])
            shortest[pair] = min(shortest[pair] ?? .infinity, r2)
        }
    }
    return shortest.mapValues { $0.squareRoot() }
}
