import Foundation

/// One pair {j, k} of neighbors of a central atom i in an angular group's sum, with what its
/// terms' derivatives read: the unit vectors u_j, u_k along d_j = x_j − x_i, d_k = x_k − x_i
/// and u_jk along d_jk = x_k − x_j, 1/r_ij and 1/r_ik, cos θ_ijk, and the product of cutoffs
/// f_c(r_ij) f_c(r_ik) [f_c(r_jk)] (the bracket for the narrow type only) with its partial
/// derivatives by r_ij, r_ik and r_jk (length⁻¹).
struct AngularPair {
    /// Neighbor indices in the central atom's `Neighborhood`.
    let j: Int, k: Int
    let uj: SIMD3<Double>, uk: SIMD3<Double>
    let inverseRj: Double, inverseRk: Double
    /// Zero for the wide type, which does not use r_jk.
    let ujk: SIMD3<Double>
    let cosine: Double
    let cutoff: Double
    let dfj: Double, dfk: Double, dfjk: Double

    /// ∂T/∂x_j and ∂T/∂x_k of a term T(cos θ, r_ij, r_ik, r_jk) given its partial derivatives
    /// (∂T/∂x_i is minus their sum): ∂cos θ/∂x_j = (u_k − cos θ u_j)/r_ij, ∂r_ij/∂x_j = u_j,
    /// ∂r_jk/∂x_j = −u_jk, and alike for k.
    @inline(__always)
    func gradients(byCosine: Double, byRj: Double, byRk: Double, byRjk: Double) -> (SIMD3<Double>, SIMD3<Double>) {
        let along = byRjk * ujk
        let gradj = (byCosine * inverseRj) * (uk - cosine * uj) + byRj * uj - along
        let gradk = (byCosine * inverseRk) * (uj - cosine * uk) + byRk * uk + along
        return (gradj, gradk)
    }
}
