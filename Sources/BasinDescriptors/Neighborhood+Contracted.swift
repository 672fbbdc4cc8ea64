import BasinMath

/// The two passes of `SymmetryFunctionEvaluator+Workspace` for one central atom: values alone,
/// then every term's derivative contracted with the atom's ∂E/∂G row into forces.
extension Neighborhood {
    /// Adds the values of all functions of the central atom to `values[column]`.
    mutating func addValues(_ groups: FunctionGroups, to values: UnsafeMutablePointer<Double>) {
        for group in groups.radial {
            let rc = group.cutoff.radius
            group.withScratch { g, scratch in
                for m in 0..<count where species[m] == group.species && distances[m] < rc {
                    group.forEachTerm(distances[m], gaussians: g, scratch: scratch) { column, value, _ in values[column] += value }
                }
            }
        }
        for group in groups.angular {
            prepare(group)
            let n = members.count, mixed = group.first != group.second
            for a in 0..<n {
                for b in (a + 1)..<n {
                    guard let pair = pair(group, a, b, mixed: mixed) else { continue }
                    for member in group.members {
                        guard let (angle, _) = member.angularPart(pair.cosine) else { continue }
                        values[member.column] += angle * gaussianFactor(member, a, b, n) * pair.cutoff
                    }
                }
            }
        }
    }

    /// Adds the forces F_a = −Σ_s c_s ∂G_s/∂x_a of the central atom's functions, c = `dEdG`
    /// (energy units), to `forces` (indexed by extended atom; the central atom is `central`),
    /// and (x_a − x_i) ⊗ F_a to `virial`.
    mutating func addForces(
        _ groups: FunctionGroups, dEdG c: UnsafePointer<Double>, central: Int,
        into forces: UnsafeMutableBufferPointer<SIMD3<Double>>, virial: inout Matrix3
    ) {
        neighborForces.removeAll(keepingCapacity: true)
        neighborForces.append(contentsOf: repeatElement(.zero, count: count))
        for group in groups.radial {
            let rc = group.cutoff.radius
            group.withScratch { g, scratch in
                for m in 0..<count where species[m] == group.species && distances[m] < rc {
                    let r = distances[m]
                    var slope = 0.0
                    group.forEachTerm(r, gaussians: g, scratch: scratch) { column, _, derivative in slope += c[column] * derivative }
                    neighborForces[m] -= slope * (displacements[m] / r)
                }
            }
        }
        for group in groups.angular {
            prepare(group)
            let n = members.count, mixed = group.first != group.second
            for a in 0..<n {
                for b in (a + 1)..<n {
                    guard let pair = pair(group, a, b, mixed: mixed) else { continue }
                    // Σ_s c_s ∂G_s/∂(cos θ), ∂/∂r_ij, ∂/∂r_ik and ∂/∂r_jk of this pair's terms.
                    var byCosine = 0.0, byRj = 0.0, byRk = 0.0, byRjk = 0.0
                    let fc = pair.cutoff
                    for member in group.members {
                        guard let (angle, dAngle) = member.angularPart(pair.cosine) else { continue }
                        let q = member.exponent, e = gaussianFactor(member, a, b, n)
                        let w = c[member.column] * e, wAngle = w * angle
                        byCosine += w * dAngle * fc
                        byRj += wAngle * (pair.dfj + slopes[q * n + a] * fc)
                        byRk += wAngle * (pair.dfk + slopes[q * n + b] * fc)
                        byRjk += wAngle * (pair.dfjk + pairSlopes[q] * fc)
                    }
                    let (gradj, gradk) = pair.gradients(byCosine: byCosine, byRj: byRj, byRk: byRk, byRjk: byRjk)
                    neighborForces[pair.j] -= gradj
                    neighborForces[pair.k] -= gradk
                }
            }
        }
        var centralForce = SIMD3<Double>.zero
        for m in 0..<count {
            let f = neighborForces[m]
            forces[Int(atoms[m])] += f
            centralForce -= f
            virial += Matrix3.outer(displacements[m], f)
        }
        forces[central] += centralForce
    }
}
