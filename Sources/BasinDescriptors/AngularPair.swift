import Foundation

/// One pair {j, k} of neighbors of a central atom i in an angular group's sum, with what every
/// function of the group reads: the displacements d_j = x_j − x_i, d_k = x_k − x_i and
/// d_jk = x_k − x_j, their lengths, cos θ_ijk, and the product of cutoffs
/// f_c(r_ij) f_c(r_ik) [f_c(r_jk)] (the bracket for the narrow type only) with its partial
/// derivatives by r_ij, r_ik and r_jk (length⁻¹).
struct AngularPair {
    /// Neighbor indices in the central atom's `Neighborhood`.
    let j: Int, k: Int
    let dj: SIMD3<Double>, dk: SIMD3<Double>
    let rj: Double, rk: Double
    let djk: SIMD3<Double>
    /// r_jk; 0 for the wide type, which does not use it.
    let rjk: Double
    let isWide: Bool
    let cosine: Double
    let cutoff: Double
    let dfj: Double, dfk: Double, dfjk: Double

    /// ∂T/∂x_j and ∂T/∂x_k of a term T(cos θ, r_ij, r_ik, r_jk) given its partial derivatives
    /// (∂T/∂x_i is minus their sum).
    @inline(__always)
    func gradients(byCosine: Double, byRj: Double, byRk: Double, byRjk: Double) -> (SIMD3<Double>, SIMD3<Double>) {
        let cosj = (dk - (cosine * rk / rj) * dj) / (rj * rk), cosk = (dj - (cosine * rj / rk) * dk) / (rj * rk)
        var gradj = byCosine * cosj + byRj * (dj / rj)
        var gradk = byCosine * cosk + byRk * (dk / rk)
        if !isWide {
            let along = byRjk * (djk / rjk)
            gradj -= along
            gradk += along
        }
        return (gradj, gradk)
    }
}
