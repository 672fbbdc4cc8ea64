import BasinAtoms
import BasinPotentials

/// Exact Hessian–vector products of a Lennard-Jones potential straight from the pair list,
/// without the dense 3N × 3N matrix: for φ(r) = A r⁻¹² − B r⁻⁶ (A = 4εσ¹², B = 4εσ⁶) each pair
/// within the cutoff at separation d, r = |d|, adds
///
///     K (v_i − v_j) to (H v)_i and −K (v_i − v_j) to (H v)_j,
///     K = (φ′/r) I + (φ″ − φ′/r) d dᵀ / r²,
///     φ′/r = −12A r⁻¹⁴ + 6B r⁻⁸,   φ″ = 156A r⁻¹⁴ − 42B r⁻⁸,
///
/// so a product costs one pass over the half list the energy and forces used. The energy
/// shift leaves φ′ and φ″ unchanged. Periodic images (and sorted sites) read the vector of their
/// owner.
struct LennardJonesHessianProduct: Sendable {
    let speciesCount: Int
    /// Per species pair: A, B, squared cutoff.
    let constants: [SIMD3<Double>]

    init(_ potential: LennardJones) {
        speciesCount = potential.speciesCount
        var table: [SIMD3<Double>] = []
        for s in 0..<speciesCount {
            for t in 0..<speciesCount {
                let p = potential.parameters(s, t)
                let s6 = p.sigma * p.sigma * p.sigma * p.sigma * p.sigma * p.sigma
                let cutoffSquared = p.cutoff.map { $0 * $0 } ?? .infinity
                table.append(SIMD3(4 * p.epsilon * s6 * s6, 4 * p.epsilon * s6, cutoffSquared))
            }
        }
        constants = table
    }

    /// H v into `product` (3N numbers) over `neighbors`, which must be current for the
    /// configuration (as after a `Calculator` evaluation).
    func multiply(_ vector: [Double], into product: inout [Double], neighbors: NeighborList) {
        let n = neighbors.localCount
        precondition(vector.count == 3 * n && product.count == 3 * n, "one 3-vector per atom")
        neighbors.positions.withUnsafeBufferPointer { x in
        neighbors.owners.withUnsafeBufferPointer { owners in
        neighbors.species.withUnsafeBufferPointer { species in
        constants.withUnsafeBufferPointer { table in
        vector.withUnsafeBufferPointer { v in
        product.withUnsafeMutableBufferPointer { hv in
            hv.update(repeating: 0)
            let single = speciesCount == 1
            for chunk in neighbors.chunks {
                let offsets = chunk.offsets, list = chunk.neighbors
                let first = chunk.atoms.lowerBound
                for site in chunk.atoms {
                    let xi = x[site]
                    let i = Int(owners[site])
                    let vi = SIMD3(v[3 * i], v[3 * i + 1], v[3 * i + 2])
                    var sum = SIMD3<Double>.zero
                    let row = Int(species[site]) * speciesCount
                    for k in Int(offsets[site - first])..<Int(offsets[site - first + 1]) {
                        let a = Int(list[k])
                        let d = xi - x[a]
                        let r2 = (d * d).sum()
                        let c = single ? table[0] : table[row + Int(species[a])]
                        guard r2 < c.z else { continue }
                        let j = Int(owners[a])
                        let inverse2 = 1 / r2
                        let inverse6 = inverse2 * inverse2 * inverse2
                        let inverse8 = inverse6 * inverse2
                        let inverse14 = inverse8 * inverse6
                        let firstOverR = -12 * c.x * inverse14 + 6 * c.y * inverse8
                        let second = 156 * c.x * inverse14 - 42 * c.y * inverse8
                        let dv = vi - SIMD3(v[3 * j], v[3 * j + 1], v[3 * j + 2])
                        let w = firstOverR * dv + ((second - firstOverR) * inverse2 * (d * dv).sum()) * d
                        sum += w
                        hv[3 * j] -= w.x
                        hv[3 * j + 1] -= w.y
                        hv[3 * j + 2] -= w.z
                    }
                    hv[3 * i] += sum.x
                    hv[3 * i + 1] += sum.y
                    hv[3 * i + 2] += sum.z
                }
            }
        }}}}}}
    }
}
