import BasinMath

/// The derivative pass of one central atom, after its values pass (`addValues`), from what that
/// pass recorded: either every term's gradient (`forEachGradient`, for stored derivatives) or
/// the gradients contracted at once with the atom's ∂E/∂G row into forces (`addForces`).
extension Neighborhood {
    /// A recorded pair of an angular group with its factors per (η, r_s) q: the members'
    /// Gaussians `ga[q]`, `gb[q]` and slopes `sa[q]`, `sb[q]` = −2η_q(r − r_s,q), and the pair's
    /// `gjk[q]` and `sjk[q]` (1 and 0 for the wide type).
    struct RecordedPair {
        let geometry: AngularPair
        let ga: UnsafePointer<Double>, gb: UnsafePointer<Double>, gjk: UnsafePointer<Double>
        let sa: UnsafePointer<Double>, sb: UnsafePointer<Double>, sjk: UnsafePointer<Double>
    }

    /// Calls `body` for each pair the values pass recorded for angular group number `index`.
    @inline(__always)
    func forEachRecordedPair(_ functionGroup: FunctionGroups.Angular, index: Int, _ body: (RecordedPair) -> Void) {
        let group = records.pointers(of: index), exponents = functionGroup.family.count, isWide = functionGroup.isWide
        functionGroup.family.etas.withUnsafeBufferPointer { etas in
        functionGroup.family.shifts.withUnsafeBufferPointer { shifts in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: exponents) { pairSlope in
            let sjk = pairSlope.baseAddress!
            for q in 0..<exponents { sjk[q] = 0 }
            for p in 0..<group.span.pairCount {
                let a = Int(group.first[p]), b = Int(group.second[p])
                let fj = group.cutoff[a], fk = group.cutoff[b], fjk = group.pairCutoff[p], rjk = group.pairDistance[p]
                var ujk = SIMD3<Double>.zero
                if !isWide {
                    for q in 0..<exponents { sjk[q] = -2 * etas[q] * (rjk - shifts[q]) }
                    ujk = (group.displacement[b] - group.displacement[a]) / rjk
                }
                let geometry = AngularPair(
                    j: Int(group.neighbor[a]), k: Int(group.neighbor[b]), uj: group.unit[a], uk: group.unit[b],
                    inverseRj: group.inverseDistance[a], inverseRk: group.inverseDistance[b], ujk: ujk, cosine: group.cosine[p],
                    cutoff: fj * fk * fjk, dfj: group.cutoffDerivative[a] * fk * fjk, dfk: fj * group.cutoffDerivative[b] * fjk,
                    dfjk: fj * fk * group.pairCutoffDerivative[p])
                body(RecordedPair(
                    geometry: geometry, ga: group.gaussian + a * exponents, gb: group.gaussian + b * exponents,
                    gjk: group.pairGaussian + p * exponents, sa: group.slope + a * exponents, sb: group.slope + b * exponents,
                    sjk: sjk))
            }
        }}}
    }

    /// Calls `body(m, column, ∂G_column/∂x_m)` for every term of the central atom's functions and
    /// neighbor m of the term (∂/∂x_i is minus the sum over m), from the last `addValues`.
    func forEachGradient(_ groups: FunctionGroups, _ body: (Int, Int, SIMD3<Double>) -> Void) {
        var next = 0
        let derivative = records.radialDerivative.base
        for group in groups.radial {
            let rc = group.cutoff.radius
            for m in 0..<count where species[m] == group.species && distances[m] < rc {
                let unit = displacements[m] / distances[m]
                for member in group.members {
                    body(m, member.column, derivative[next] * unit)
                    next += 1
                }
            }
        }
        for (index, group) in groups.angular.enumerated() {
            forEachRecordedPair(group, index: index) { pair in
                let g = pair.geometry, fc = g.cutoff
                for member in group.members {
                    let (angle, dAngle) = group.shapes[member.shape].part(g.cosine)
                    let q = member.exponent, e = member.prefactor * pair.ga[q] * pair.gb[q] * pair.gjk[q]
                    let (gradj, gradk) = g.gradients(
                        byCosine: dAngle * e * fc, byRj: angle * e * (g.dfj + pair.sa[q] * fc),
                        byRk: angle * e * (g.dfk + pair.sb[q] * fc), byRjk: angle * e * (g.dfjk + pair.sjk[q] * fc))
                    body(g.j, member.column, gradj)
                    body(g.k, member.column, gradk)
                }
            }
        }
    }

    /// Adds the forces F_a = −Σ_s c_s ∂G_s/∂x_a of the central atom's functions, c = `dEdG`
    /// (energy units), to `forces` (indexed by extended atom; the central atom is `central`),
    /// and (x_a − x_i) ⊗ F_a to `virial`, from the last `addValues`.
    ///
    /// Per angular pair the members' terms T_s = 2^{1−ζ}(1 + λ cos θ)^ζ E_q f_c are contracted
    /// first: with w_s = c_s T_s / f_c and W_q the sum of w_s over the members of (η, r_s) q,
    /// Σ_s c_s ∂T_s/∂r_ij = f_c′_ij ΣW + f_c Σ_q W_q (−2η_q(r_ij − r_s,q)), and alike for r_ik
    /// and r_jk, so that each member costs two multiply-adds besides its angular part.
    mutating func addForces(
        _ groups: FunctionGroups, dEdG c: UnsafePointer<Double>, central: Int,
        into forces: UnsafeMutableBufferPointer<SIMD3<Double>>, virial: inout Matrix3
    ) {
        // Taken out of self while written, so that the loops may read self's other members.
        var scratch: [SIMD3<Double>] = []
        swap(&scratch, &neighborForces)
        defer { swap(&scratch, &neighborForces) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(.zero, count: count))
        scratch.withUnsafeMutableBufferPointer { neighborForces in
            var next = 0
            let derivative = records.radialDerivative.base
            for group in groups.radial {
                let rc = group.cutoff.radius
                for m in 0..<count where species[m] == group.species && distances[m] < rc {
                    var slope = 0.0
                    for member in group.members {
                        slope += c[member.column] * derivative[next]
                        next += 1
                    }
                    neighborForces[m] -= slope * (displacements[m] / distances[m])
                }
            }
            for (index, group) in groups.angular.enumerated() {
                let exponents = group.family.count
                group.members.withUnsafeBufferPointer { functions in
                group.shapes.withUnsafeBufferPointer { shapes in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: functions.count + 2 * shapes.count + 2 * exponents) { scratch in
                    // c_s 2^{1−ζ_s} per member; per pair each shape's angular part and its
                    // derivative, each (η, r_s)'s Gaussian product and W_q.
                    let weights = scratch.baseAddress!, angles = weights + functions.count, slopes = angles + shapes.count
                    let gaussians = slopes + shapes.count, w = gaussians + exponents
                    for (m, function) in functions.enumerated() { weights[m] = c[function.column] * function.prefactor }
                    forEachRecordedPair(group, index: index) { pair in
                        let g = pair.geometry, fc = g.cutoff
                        AngularShape.evaluate(shapes, at: g.cosine, values: angles, derivatives: slopes)
                        for q in 0..<exponents {
                            gaussians[q] = pair.ga[q] * pair.gb[q] * pair.gjk[q]
                            w[q] = 0
                        }
                        var byCosine = 0.0
                        for m in functions.indices {
                            let function = functions[m], weight = weights[m] * gaussians[function.exponent]
                            byCosine += weight * slopes[function.shape]
                            w[function.exponent] += weight * angles[function.shape]
                        }
                        var total = 0.0, byRj = 0.0, byRk = 0.0, byRjk = 0.0
                        for q in 0..<exponents {
                            total += w[q]
                            byRj += w[q] * pair.sa[q]
                            byRk += w[q] * pair.sb[q]
                            byRjk += w[q] * pair.sjk[q]
                        }
                        let (gradj, gradk) = g.gradients(
                            byCosine: byCosine * fc, byRj: g.dfj * total + fc * byRj, byRk: g.dfk * total + fc * byRk,
                            byRjk: g.dfjk * total + fc * byRjk)
                        neighborForces[g.j] -= gradj
                        neighborForces[g.k] -= gradk
                    }
                }}}
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
}
