import Foundation

/// One atom's neighbors within the largest cutoff, with what every function reads: extended
/// index, species, displacement d = x_j − x_i and distance; plus the records its values pass
/// leaves for its derivative pass (`NeighborhoodRecords`). Kept per chunk and refilled per atom,
/// so that the loops over neighbors and pairs allocate nothing once the storage has grown.
struct Neighborhood {
    var atoms: [Int32] = []
    var species: [Int32] = []
    var displacements: [SIMD3<Double>] = []
    var distances: [Double] = []
    /// Per neighbor, the force −Σ_s c_s ∂G_s/∂x_m of the central atom's functions.
    var neighborForces: [SIMD3<Double>] = []
    let records = NeighborhoodRecords()

    var count: Int { atoms.count }

    /// Keeps the candidates closer than `radius` to local atom i, reading the extended atoms'
    /// positions and species.
    mutating func collect(
        around i: Int, candidates: Slice<UnsafeBufferPointer<Int32>>, radius: Double,
        positions: UnsafeBufferPointer<SIMD3<Double>>, species speciesOf: UnsafeBufferPointer<Int32>
    ) {
        atoms.removeAll(keepingCapacity: true)
        species.removeAll(keepingCapacity: true)
        displacements.removeAll(keepingCapacity: true)
        distances.removeAll(keepingCapacity: true)
        let xi = positions[i]
        for a in candidates {
            let d = positions[Int(a)] - xi
            let r2 = (d * d).sum()
            guard r2 < radius * radius else { continue }
            atoms.append(a)
            species.append(speciesOf[Int(a)])
            displacements.append(d)
            distances.append(r2.squareRoot())
        }
    }

    /// Values of all functions of the central atom into `values[column]`; ∂G/∂x_i is added to
    /// `derivatives[column]` and ∂G/∂x of neighbor m to `derivatives[(m + 1) * stride + column]`.
    mutating func evaluate(
        _ groups: FunctionGroups, values: UnsafeMutablePointer<Double>,
        derivatives out: UnsafeMutablePointer<SIMD3<Double>>, stride: Int
    ) {
        addValues(groups, to: values)
        forEachGradient(groups) { m, column, gradient in
            out[(m + 1) * stride + column] += gradient
            out[column] -= gradient
        }
    }
}
