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
    private(set) var members: [Int] = []
    private var cutoffs: [Double] = []
    private var cutoffDerivatives: [Double] = []
    /// Per (η, r_s) of a group and member neighbor m: exp(−η(r_m − r_s)²) and −2η(r_m − r_s),
    /// at [exponent * members.count + m].
    private(set) var gaussians: [Double] = []
    private(set) var slopes: [Double] = []
    /// Per (η, r_s), for the current pair: exp(−η(r_jk − r_s)²) and −2η(r_jk − r_s).
    private(set) var pairGaussians: [Double] = []
    private(set) var pairSlopes: [Double] = []
    /// Per neighbor, the force −Σ_s c_s ∂G_s/∂x_m of the central atom's functions (pass 2).
    var neighborForces: [SIMD3<Double>] = []

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
        group.withScratch { g, scratch in
            for m in 0..<count where species[m] == group.species && distances[m] < rc {
                let r = distances[m], unit = displacements[m] / r, neighbor = out + (m + 1) * stride
                group.forEachTerm(r, gaussians: g, scratch: scratch) { column, value, derivative in
                    values[column] += value
                    let gradient = derivative * unit
                    neighbor[column] += gradient
                    out[column] -= gradient
                }
            }
        }
    }

    /// Fills `members` with the neighbors of species `first` or `second` inside r_c, with
    /// their cutoff values and Gaussian factors.
    mutating func prepare(_ group: FunctionGroups.Angular) {
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
        let n = members.count, family = group.family
        gaussians.removeAll(keepingCapacity: true)
        gaussians.append(contentsOf: repeatElement(0, count: family.count * n))
        slopes.removeAll(keepingCapacity: true)
        slopes.append(contentsOf: repeatElement(0, count: family.count * n))
        withUnsafeTemporaryAllocation(of: Double.self, capacity: family.count + family.bases.count) { buffer in
            let g = buffer.baseAddress!, scratch = g + family.count
            for a in 0..<n {
                let r = distances[members[a]]
                family.evaluate(at: r, into: g, scratch: scratch)
                for q in 0..<family.count {
                    gaussians[q * n + a] = g[q]
                    slopes[q * n + a] = -2 * family.etas[q] * (r - family.shifts[q])
                }
            }
        }
        pairGaussians.removeAll(keepingCapacity: true)
        pairGaussians.append(contentsOf: repeatElement(1, count: family.count))
        pairSlopes.removeAll(keepingCapacity: true)
        pairSlopes.append(contentsOf: repeatElement(0, count: family.count))
    }

    /// The pair of members a < b of `group` (indices into `members`), or nil when the group
    /// skips it (a like-species pair of a mixed group, or r_jk ≥ r_c for the narrow type); for
    /// the narrow type, sets `pairGaussians` and `pairSlopes` for its r_jk.
    @inline(__always)
    mutating func pair(_ group: FunctionGroups.Angular, _ a: Int, _ b: Int, mixed: Bool) -> AngularPair? {
        let j = members[a], k = members[b]
        // Unlike species: one neighbor of each.
        if mixed && species[j] == species[k] { return nil }
        let dj = displacements[j], dk = displacements[k], rj = distances[j], rk = distances[k]
        let djk = dk - dj
        var fjk = 1.0, dfjk = 0.0, rjk = 0.0
        if !group.isWide {
            // Most pairs of a narrow group lie farther apart than r_c: no square root for them.
            let rjk2 = (djk * djk).sum(), rc = group.cutoff.radius
            if rjk2 >= rc * rc { return nil }
            rjk = rjk2.squareRoot()
            (fjk, dfjk) = group.cutoff.valueAndDerivative(rjk)
            let family = group.family
            pairGaussians.withUnsafeMutableBufferPointer { g in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: family.bases.count) { scratch in
                    family.evaluate(at: rjk, into: g.baseAddress!, scratch: scratch.baseAddress!)
                }
            }
            for q in 0..<family.count { pairSlopes[q] = -2 * family.etas[q] * (rjk - family.shifts[q]) }
        }
        let fj = cutoffs[a], fk = cutoffs[b]
        return AngularPair(
            j: j, k: k, dj: dj, dk: dk, rj: rj, rk: rk, djk: djk, rjk: rjk, isWide: group.isWide,
            cosine: (dj * dk).sum() / (rj * rk), cutoff: fj * fk * fjk,
            dfj: cutoffDerivatives[a] * fk * fjk, dfk: fj * cutoffDerivatives[b] * fjk, dfjk: fj * fk * dfjk)
    }

    /// 2^{1−ζ} exp(−η[(r_ij − r_s)² + (r_ik − r_s)² (+ (r_jk − r_s)²)]) of `member` for the
    /// pair (a, b) of the `n` members of the prepared group, after `pair` set its r_jk factors.
    @inline(__always)
    func gaussianFactor(_ member: FunctionGroups.Angular.Member, _ a: Int, _ b: Int, _ n: Int) -> Double {
        let q = member.exponent
        return member.prefactor * gaussians[q * n + a] * gaussians[q * n + b] * pairGaussians[q]
    }

    private mutating func angular(
        _ group: FunctionGroups.Angular, _ values: UnsafeMutablePointer<Double>,
        _ out: UnsafeMutablePointer<SIMD3<Double>>, _ stride: Int
    ) {
        prepare(group)
        let n = members.count, mixed = group.first != group.second
        for a in 0..<n {
            for b in (a + 1)..<n {
                guard let pair = pair(group, a, b, mixed: mixed) else { continue }
                let fc = pair.cutoff, outj = out + (pair.j + 1) * stride, outk = out + (pair.k + 1) * stride
                for member in group.members {
                    guard let (angle, dAngle) = member.angularPart(pair.cosine) else { continue }
                    let q = member.exponent, e = gaussianFactor(member, a, b, n)
                    values[member.column] += angle * e * fc
                    let (gradj, gradk) = pair.gradients(
                        byCosine: dAngle * e * fc, byRj: angle * e * (pair.dfj + slopes[q * n + a] * fc),
                        byRk: angle * e * (pair.dfk + slopes[q * n + b] * fc),
                        byRjk: angle * e * (pair.dfjk + pairSlopes[q] * fc))
                    out[member.column] -= gradj + gradk
                    outj[member.column] += gradj
                    outk[member.column] += gradk
                }
            }
        }
    }
}
