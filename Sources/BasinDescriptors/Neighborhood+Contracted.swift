import BasinMath

/// The derivative pass of one central atom, after its values pass (`addValues`), from what that
/// pass recorded: either every term's gradient (`forEachGradient`, for stored derivatives) or
/// the gradients contracted at once with the atom's ∂E/∂G row into forces (`addForces`).
extension Neighborhood {
    /// A recorded pair of an angular group with its factors per (η, r_s) q: the Gaussian
    /// product E_q = exp(−η_q[(r_ij − r_s,q)² + (r_ik − r_s,q)² + (r_jk − r_s,q)²]) at
    /// `gaussians[4q]` (the records keep four pairs' lanes together; no r_jk term for the wide
    /// type), the members' slopes `sa[q]`, `sb[q]` = −2η_q(r − r_s,q) and the pair's `sjk[q]`
    /// (0 for the wide type).
    struct RecordedPair {
        let geometry: AngularPair
        let gaussians: UnsafePointer<Double>
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
                    j: Int(group.neighbor[a]), k: Int(group.neighbor[b]), uj: group.displacement[a] * group.inverseDistance[a],
                    uk: group.displacement[b] * group.inverseDistance[b],
                    inverseRj: group.inverseDistance[a], inverseRk: group.inverseDistance[b], ujk: ujk, cosine: group.cosine[p],
                    cutoff: fj * fk * fjk, dfj: group.cutoffDerivative[a] * fk * fjk, dfk: fj * group.cutoffDerivative[b] * fjk,
                    dfjk: fj * fk * group.pairCutoffDerivative[p])
                body(RecordedPair(
                    geometry: geometry, gaussians: group.gaussianProduct + (p & ~3) * exponents + (p & 3),
                    sa: group.slope + a * exponents, sb: group.slope + b * exponents, sjk: sjk))
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
                    let q = member.exponent, e = member.prefactor * pair.gaussians[4 * q]
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
                addPairForces(group, records.pointers(of: index), dEdG: c, into: neighborForces)
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

    /// The angular part of `addForces` for one group: the recorded pairs four at a time (the
    /// last block's spare lanes compute a throwaway pair with a zero weight, never added), each
    /// pair's gradients on its two neighbors subtracted from `neighborForces`.
    private func addPairForces(
        _ functionGroup: FunctionGroups.Angular, _ group: NeighborhoodRecords.GroupPointers, dEdG c: UnsafePointer<Double>,
        into neighborForces: UnsafeMutableBufferPointer<SIMD3<Double>>
    ) {
        let exponents = functionGroup.family.count, narrow = !functionGroup.isWide, pairs = group.span.pairCount
        functionGroup.members.withUnsafeBufferPointer { functions in
        functionGroup.shapes.withUnsafeBufferPointer { shapes in
        functionGroup.family.etas.withUnsafeBufferPointer { etas in
        functionGroup.family.shifts.withUnsafeBufferPointer { shifts in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: functions.count) { memberWeights in
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: 2 * shapes.count + 2 * exponents) { room in
            // c_s 2^{1−ζ_s} per member; per block of pairs each shape's angular part and its
            // derivative, each (η, r_s)'s Gaussian product and W_q.
            let weights = memberWeights.baseAddress!
            let angles = room.baseAddress!, slopes = angles + shapes.count, gaussians = slopes + shapes.count
            let w = gaussians + exponents
            for (m, function) in functions.enumerated() { weights[m] = c[function.column] * function.prefactor }
            // The block at p, its first members read through `first`, its second ones per lane.
            @inline(__always)
            func addBlock<First: MemberLanes>(at p: Int, _ first: First, _ b: SIMD4<Int32>) {
                // Whole blocks, as the values pass stored them: the last block's spare lanes may
                // hold the next group's first pairs, and are never added (lanes do not mix).
                let second = MemberPerLane(members: b)
                let cosine = UnsafeRawPointer(group.cosine + p).loadUnaligned(as: SIMD4<Double>.self)
                let rjk = UnsafeRawPointer(group.pairDistance + p).loadUnaligned(as: SIMD4<Double>.self)
                let fjk = UnsafeRawPointer(group.pairCutoff + p).loadUnaligned(as: SIMD4<Double>.self)
                let dfjk = UnsafeRawPointer(group.pairCutoffDerivative + p).loadUnaligned(as: SIMD4<Double>.self)
                let valid = laneWeights(at: p, pairs: pairs)
                let xj = first.vectors(group.displacement), xk = second.vectors(group.displacement)
                let inverseRj = first.values(group.inverseDistance), inverseRk = second.values(group.inverseDistance)
                let distanceJ = first.values(group.distance), distanceK = second.values(group.distance)
                let fj = first.values(group.cutoff), fk = second.values(group.cutoff)
                let dfj = first.values(group.cutoffDerivative), dfk = second.values(group.cutoffDerivative)
                for s in shapes.indices { (angles[s], slopes[s]) = shapes[s].part(cosine) }
                for q in 0..<exponents {
                    gaussians[q] = UnsafeRawPointer(group.gaussianProduct + p * exponents + 4 * q).loadUnaligned(as: SIMD4<Double>.self)
                    w[q] = SIMD4<Double>()
                }
                var byCosine = SIMD4<Double>()
                for m in functions.indices {
                    let function = functions[m], weight = weights[m] * gaussians[function.exponent]
                    byCosine += weight * slopes[function.shape]
                    w[function.exponent] += weight * angles[function.shape]
                }
                var total = SIMD4<Double>(), byRj = SIMD4<Double>(), byRk = SIMD4<Double>(), byRjk = SIMD4<Double>()
                for q in 0..<exponents {
                    let sa = -2 * etas[q] * (distanceJ - shifts[q]), sb = -2 * etas[q] * (distanceK - shifts[q])
                    total += w[q]
                    byRj += w[q] * sa
                    byRk += w[q] * sb
                    if narrow { byRjk += w[q] * (-2 * etas[q] * (rjk - shifts[q])) }
                }
                let fc = fj * fk * fjk
                let bc = byCosine * fc * valid
                let rj = (dfj * fk * fjk * total + fc * byRj) * valid, rk = (fj * dfk * fjk * total + fc * byRk) * valid
                // With u = d/r, ∂cos θ/∂d_j = (u_k − cos θ u_j)/r_j and ∂r_jk/∂d_j = −(d_k − d_j)/r_jk,
                // the gradient on j is α d_k + β_j d_j and on k α d_j + β_k d_k.
                let scale = narrow ? (fj * fk * dfjk * total + fc * byRjk) * valid / rjk : SIMD4<Double>()
                let cj = bc * inverseRj, ck = bc * inverseRk
                let alpha = cj * inverseRk - scale
                let betaJ = (rj - cj * cosine) * inverseRj + scale, betaK = (rk - ck * cosine) * inverseRk + scale
                let gradj = (alpha * xk.x + betaJ * xj.x, alpha * xk.y + betaJ * xj.y, alpha * xk.z + betaJ * xj.z)
                let gradk = (alpha * xj.x + betaK * xk.x, alpha * xj.y + betaK * xk.y, alpha * xj.z + betaK * xk.z)
                let count = min(4, pairs - p)
                first.subtract(gradj, lanes: count, neighbor: group.neighbor, from: neighborForces)
                second.subtract(gradk, lanes: count, neighbor: group.neighbor, from: neighborForces)
            }
            for p in Swift.stride(from: 0, to: pairs, by: 4) {
                let (a, b) = group.blockMembers(at: p, pairs: pairs)
                if let shared = SharedMember(a) { addBlock(at: p, shared, b) } else { addBlock(at: p, MemberPerLane(members: a), b) }
            }
        }}}}}}
    }
}
