extension Configuration {
    /// The shortest interatomic distance (periodic images included) below `cutoff` (length
    /// units), found with a neighbor list in O(N); nil when no pair is that close.
    public func shortestDistance(below cutoff: Double) throws(AtomsError) -> Double? {
        guard count > 1, cutoff > 0 else { return nil }
        let list = NeighborList(cutoff: cutoff, skin: 0, kind: .half)
        try list.build(for: self)
        var shortest = Double.infinity
        list.forEachPair { _, _, r2 in shortest = min(shortest, r2) }
        return shortest.isFinite ? shortest.squareRoot() : nil
    }
}
