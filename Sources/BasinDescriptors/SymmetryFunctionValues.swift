import BasinAtoms
import BasinMath

/// Symmetry-function values G_is of every atom and their derivatives ∂G_is/∂x_a with respect to
/// the extended atoms a of i's neighborhood, laid out for force assembly.
///
/// Rows are atoms and columns functions, with row length `stride` (the largest function count);
/// columns past an atom's own `functionCounts[i]` hold zeros. The neighborhood of atom i is the
/// extended atoms `neighborhood[neighborhoodStart[i] ..< neighborhoodStart[i + 1]]` of the
/// neighbor list it was computed with: i itself first, then its neighbors within the largest
/// r_c of its element (ghosts stay ghosts). Entry e of that range has its derivatives
/// (length⁻¹) at `derivatives[e * stride + s]`.
public struct SymmetryFunctionValues: Sendable {
    /// Number of atoms.
    public let atomCount: Int
    /// Row length of `values` and of each neighborhood entry's block of `derivatives`.
    public let stride: Int
    /// Number of functions of each atom's element.
    public let functionCounts: [Int]
    /// G_is at `values[i * stride + s]` (dimensionless).
    public let values: [Double]
    public let neighborhoodStart: [Int]
    /// Extended-atom indices of the neighborhoods.
    public let neighborhood: [Int32]
    /// ∂G_is/∂x_a (length⁻¹), one block of `stride` per neighborhood entry.
    public let derivatives: [SIMD3<Double>]

    /// Forces F_k = −Σ_i Σ_s c_is ∂G_is/∂x_k on the local atoms (ghost contributions folded
    /// onto their owners) and the virial W = Σ_i Σ_a (x_a − x_i) ⊗ F_a^(i) (energy units), for
    /// c = ∂E/∂G given row-major with the layout of `values` (energy units).
    ///
    /// `neighbors` must be the list the values were computed with, unchanged since.
    public func forces(dEdG c: [Double], neighbors: NeighborList) -> (forces: [SIMD3<Double>], virial: Matrix3) {
        let (forces, virial) = forces(dEdG: [c], neighbors: neighbors)
        return (forces[0], virial)
    }

    /// As `forces(dEdG:neighbors:)`, but with one force per extended atom, ghosts unfolded: the
    /// force on each ghost is −∂E/∂x of that ghost, for a simulator that owns the ghosts and
    /// sums their forces onto their owners itself (an MPI domain's halo atoms).
    public func extendedForces(dEdG c: [Double], neighbors: NeighborList) -> (forces: [SIMD3<Double>], virial: Matrix3) {
        let (forces, virial) = extendedForces(dEdG: [c], neighbors: neighbors)
        return (forces[0], virial)
    }

    /// The forces of several models that share these functions (a committee), in one pass over
    /// the derivatives: `forces[m]` for coefficients `c[m]` (each as in `forces(dEdG:neighbors:)`),
    /// and the virial of their mean.
    public func forces(dEdG c: [[Double]], neighbors: NeighborList) -> (forces: [[SIMD3<Double>]], virial: Matrix3) {
        var (forces, virial) = extendedForces(dEdG: c, neighbors: neighbors)
        for m in forces.indices { neighbors.foldGhosts(&forces[m]) }
        return (forces, virial)
    }

    /// As `forces(dEdG:neighbors:)` for several models, with one force per extended atom for each
    /// model, ghosts unfolded.
    public func extendedForces(dEdG c: [[Double]], neighbors: NeighborList) -> (forces: [[SIMD3<Double>]], virial: Matrix3) {
        let members = c.count
        precondition(members > 0 && c.allSatisfy { $0.count == atomCount * self.stride }, "one row of dE/dG per atom for each model")
        precondition(neighbors.localCount == atomCount, "the values' neighbor list")
        let entries = neighborhood.count
        var perEntry = [SIMD3<Double>](repeating: .zero, count: entries * members)
        let parts = parallelParts(threads: neighbors.chunkCount, count: entries)
        var virials = [Matrix3](repeating: .zero, count: parts)
        let n = atomCount, stride = stride, share = 1 / Double(members)
        let coefficients = members == 1 ? c[0] : Array(c.joined())
        coefficients.withUnsafeBufferPointer { c in
        derivatives.withUnsafeBufferPointer { dG in
        neighborhoodStart.withUnsafeBufferPointer { start in
        neighborhood.withUnsafeBufferPointer { atom in
        neighbors.positions.withUnsafeBufferPointer { x in
        perEntry.withUnsafeMutableBufferPointer { f in
        virials.withUnsafeMutableBufferPointer { virials in
            nonisolated(unsafe) let f = f, virials = virials
            concurrentForEach(parts) { part in
                var w = Matrix3.zero
                for i in (n * part / parts)..<(n * (part + 1) / parts) {
                    for e in start[i]..<start[i + 1] {
                        let block = dG.baseAddress! + e * stride
                        var mean = SIMD3<Double>.zero
                        for m in 0..<members {
                            let sum = -derivativeContraction(c.baseAddress! + (m * n + i) * stride, block, count: stride)
                            f[e * members + m] = sum
                            mean += sum
                        }
                        w += Matrix3.outer(x[Int(atom[e])] - x[i], share * mean)
                    }
                }
                virials[part] = w
            }
        }}}}}}}
        let forces = (0..<members).map { m in
            var extended = [SIMD3<Double>](repeating: .zero, count: neighbors.extendedCount)
            for e in 0..<entries { extended[Int(neighborhood[e])] += perEntry[e * members + m] }
            return extended
        }
        return (forces, virials.reduce(.zero, +))
    }
}
