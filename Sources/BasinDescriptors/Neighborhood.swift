import Foundation

/// One atom's neighbors within the largest cutoff, with what every function reads: extended
/// index, species, displacement d = x_j − x_i and distance; plus per-group scratch (members of
/// the group's pair list, their cutoff values and Gaussian factors). Kept per chunk and refilled
/// per atom, so that the loops over neighbors and pairs allocate nothing.
struct Neighborhood {
    var atoms: [Int32] = []
    var species: [Int32] = []
    var displacements: [SIMD3<Double>] = []
    var distances: [Double] = []
    /// The neighbors an angular group uses (indices into the arrays above), with f_c, f_c′.
    private var members: [Int] = []
    private var cutoffs: [Double] = []
    private var cutoffDerivatives: [Double] = []
    /// Per (η, r_s) of a group and member neighbor m: exp(−η(r_m − r_s)²) and −2η(r_m − r_s),
    /// at [exponent * members.count + m].
    private var gaussians: [Double] = []
    private var slopes: [Double] = []
    /// Per (η, r_s), for the current pair: exp(−η(r_jk − r_s)²) and −2η(r_jk − r_s).
    private var pairGaussians: [Double] = []
    private var pairSlopes: [Double] = []

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
        for group in groups.radial { radial(group, values, out, stride) }
        for group in groups.angular { angular(group, values, out, stride) }
    }

    private func radial(
        _ group: FunctionGroups.Radial, _ values: UnsafeMutablePointer<Double>,
        _ out: UnsafeMutablePointer<SIMD3<Double>>, _ stride: Int
    ) {
        let rc = group.cutoff.radius
        for m in 0..<count where species[m] == group.species && distances[m] < rc {
            let r = distances[m]
            let (f, df) = group.cutoff.valueAndDerivative(r)
            let unit = displacements[m] / r
            let neighbor = out + (m + 1) * stride
            for (column, g) in group.members {
                let (value, derivative) = g.term(r, cutoff: f, cutoffDerivative: df)
                values[column] += value
                let gradient = derivative * unit
                neighbor[column] += gradient
                out[column] -= gradient
            }
        }
    }

    /// Fills `members` with the neighbors of species `first` or `second` inside r_c, with
    /// their cutoff values and Gaussian factors.
    private mutating func prepare(_ group: FunctionGroups.Angular) {
        members.removeAll(keepingCapacity: true)
        cutoffs.removeAll(keepingCapacity: true)
        cutoffDerivatives.removeAll(keepingCapacity: true)
        let rc = group.cutoff.radius
        for m in 0..<count where distances[m] < rc && (species[m] == group.first || species[m] == group.second) {
            members.append(m)
            let (f, df) = group.cutoff.valueAndDerivative(distances[m])
            cutoffs.append(f)
            cutoffDerivatives.append(df)
        }
        let n = members.count
        gaussians.removeAll(keepingCapacity: true)
        slopes.removeAll(keepingCapacity: true)
        for (eta, shift) in group.exponents {
            for a in 0..<n {
                let u = distances[members[a]] - shift
                gaussians.append(exp(-eta * u * u))
                slopes.append(-2 * eta * u)
            }
        }
        pairGaussians = Array(repeating: 1, count: group.exponents.count)
        pairSlopes = Array(repeating: 0, count: group.exponents.count)
    }

    private mutating func angular(
        _ group: FunctionGroups.Angular, _ values: UnsafeMutablePointer<Double>,
        _ out: UnsafeMutablePointer<SIMD3<Double>>, _ stride: Int
    ) {
        prepare(group)
        let n = members.count, rc = group.cutoff.radius, mixed = group.first != group.second
        for a in 0..<n {
            let j = members[a], dj = displacements[j], rj = distances[j]
            for b in (a + 1)..<n {
                let k = members[b]
                // Unlike species: one neighbor of each.
                if mixed && species[j] == species[k] { continue }
                let dk = displacements[k], rk = distances[k]
                let djk = dk - dj
                var fjk = 1.0, dfjk = 0.0, rjk = 0.0
                if !group.isWide {
                    rjk = (djk * djk).sum().squareRoot()
                    if rjk >= rc { continue }
                    (fjk, dfjk) = group.cutoff.valueAndDerivative(rjk)
                    for (q, (eta, shift)) in group.exponents.enumerated() {
                        let u = rjk - shift
                        pairGaussians[q] = exp(-eta * u * u)
                        pairSlopes[q] = -2 * eta * u
                    }
                }
                let cosine = (dj * dk).sum() / (rj * rk)
                let fj = cutoffs[a], fk = cutoffs[b], fc = fj * fk * fjk
                let dfj = cutoffDerivatives[a] * fk * fjk, dfk = fj * cutoffDerivatives[b] * fjk, dfjkTotal = fj * fk * dfjk
                // Directions of ∂cos θ/∂d_j and ∂cos θ/∂d_k.
                let cosj = (dk - (cosine * rk / rj) * dj) / (rj * rk), cosk = (dj - (cosine * rj / rk) * dk) / (rj * rk)
                let unitj = dj / rj, unitk = dk / rk
                let unitjk = group.isWide ? .zero : djk / rjk
                let outj = out + (j + 1) * stride, outk = out + (k + 1) * stride
                for member in group.members {
                    let base = 1 + member.lambda * cosine
                    if base <= 0 { continue }
                    let power: Double  // base^(ζ−1)
                    if member.wholeZeta > 0 {
                        var p = 1.0
                        for _ in 1..<member.wholeZeta { p *= base }
                        power = p
                    } else {
                        power = pow(base, member.zeta - 1)
                    }
                    let angle = power * base, dAngle = member.zeta * member.lambda * power
                    let q = member.exponent, gj = gaussians[q * n + a], gk = gaussians[q * n + b]
                    let e = member.prefactor * gj * gk * pairGaussians[q]
                    values[member.column] += angle * e * fc
                    let radialj = angle * e * (dfj + slopes[q * n + a] * fc)
                    let radialk = angle * e * (dfk + slopes[q * n + b] * fc)
                    let gradj = (dAngle * e * fc) * cosj + radialj * unitj
                    let gradk = (dAngle * e * fc) * cosk + radialk * unitk
                    var gradjk = SIMD3<Double>.zero
                    if !group.isWide { gradjk = (angle * e * (dfjkTotal + pairSlopes[q] * fc)) * unitjk }
                    out[member.column] -= gradj + gradk
                    outj[member.column] += gradj - gradjk
                    outk[member.column] += gradk + gradjk
                }
            }
        }
    }
}
