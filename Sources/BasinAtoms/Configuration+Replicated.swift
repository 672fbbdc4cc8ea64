import BasinMath

extension Configuration {
    /// The configuration repeated `cells` times along its lattice vectors: a periodic supercell
    /// of `cells.x · cells.y · cells.z · count` atoms whose cell vectors are the old ones times
    /// `cells`. Atoms are ordered replica by replica (c slowest), each replica's atoms as here;
    /// velocities and masses are copied with their atoms.
    public func replicated(_ cells: SIMD3<Int>) throws(AtomsError) -> Configuration {
        guard cell.periodic.allSatisfy({ $0 }) else { throw .cannotBuild("only a cell periodic along a, b and c can be replicated") }
        let total = try replicatedAtomCount(cells: cells, basis: count)
        var result = self
        result.positions.removeAll(keepingCapacity: false)
        result.positions.reserveCapacity(total)
        for k in 0..<cells.z {
            for j in 0..<cells.y {
                for i in 0..<cells.x {
                    let shift = SIMD3(Double(i), Double(j), Double(k)) * cell.vectors
                    result.positions += positions.map { $0 + shift }
                }
            }
        }
        let replicas = total / max(count, 1)
        result.species = Array([[Int]](repeating: species, count: replicas).joined())
        result.masses = Array([[Double]](repeating: masses, count: replicas).joined())
        result.velocities = velocities.map { Array([[SIMD3<Double>]](repeating: $0, count: replicas).joined()) }
        let v = cell.vectors
        result.cell = Cell(vectors: Matrix3(rows: v[0] * Double(cells.x), v[1] * Double(cells.y), v[2] * Double(cells.z)), periodic: cell.periodic)
        return result
    }
}
