/// The values pass of one central atom: every function's value, and in `records` what its
/// derivatives will need (see `NeighborhoodRecords`), so that the derivative pass evaluates no
/// square root, cutoff function or exponential again.
extension Neighborhood {
    /// Adds the values of all functions of the central atom to `values[column]` and fills
    /// `records` for this atom.
    mutating func addValues(_ groups: FunctionGroups, to values: UnsafeMutablePointer<Double>) {
        records.reset()
        var next = 0
        for group in groups.radial {
            let rc = group.cutoff.radius
            records.radialDerivative.reserve(next + count * group.members.count)
            let derivatives = records.radialDerivative.base
            group.withScratch { g, scratch in
                for m in 0..<count where species[m] == group.species && distances[m] < rc {
                    group.forEachTerm(distances[m], gaussians: g, scratch: scratch) { column, value, derivative in
                        values[column] += value
                        derivatives[next] = derivative
                        next += 1
                    }
                }
            }
        }
        species.withUnsafeBufferPointer { species in
        distances.withUnsafeBufferPointer { distances in
        displacements.withUnsafeBufferPointer { displacements in
            for group in groups.angular {
                addAngularValues(group, values, species, distances, displacements)
            }
        }}}
    }

    /// One angular group: its members (neighbors of its species inside r_c, those of the first
    /// species first) with their cutoffs and Gaussians, then every pair a < b that enters the
    /// sum: for a group of two species, a of the first and b of the second; for the narrow
    /// type, only pairs with r_jk < r_c, which a branch-free sweep over b picks before the
    /// costly part (square root, cutoff, exponentials) runs on them alone.
    private func addAngularValues(
        _ group: FunctionGroups.Angular, _ values: UnsafeMutablePointer<Double>, _ species: UnsafeBufferPointer<Int32>,
        _ distances: UnsafeBufferPointer<Double>, _ displacements: UnsafeBufferPointer<SIMD3<Double>>
    ) {
        let rc = group.cutoff.radius, family = group.family, exponents = family.count
        let mixed = group.first != group.second, narrow = !group.isWide, rc2 = rc * rc
        var n = 0, firstCount = 0
        for m in 0..<count where distances[m] < rc {
            if species[m] == group.first { firstCount += 1 }
            if species[m] == group.first || species[m] == group.second { n += 1 }
        }
        let index = records.beginGroup(members: n, exponents: exponents)
        let span = records.groups[index]
        let member = records.neighbor.base + span.memberStart
        let position = records.displacement.base + span.memberStart, distance = records.distance.base + span.memberStart
        let cutoff = records.cutoff.base + span.memberStart, cutoffDerivative = records.cutoffDerivative.base + span.memberStart
        let gaussian = records.gaussian.base + span.gaussianStart, slope = records.slope.base + span.gaussianStart
        let first = records.first.base + span.pairStart, second = records.second.base + span.pairStart
        let cosines = records.cosine.base + span.pairStart, pairDistance = records.pairDistance.base + span.pairStart
        let pairCutoff = records.pairCutoff.base + span.pairStart
        let pairCutoffDerivative = records.pairCutoffDerivative.base + span.pairStart
        let pairGaussian = records.pairGaussian.base + span.pairGaussianStart, candidates = records.candidates.base
        var pairs = 0
        group.members.withUnsafeBufferPointer { functions in
        group.shapes.withUnsafeBufferPointer { shapes in
        family.etas.withUnsafeBufferPointer { etas in
        family.shifts.withUnsafeBufferPointer { shifts in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: family.bases.count + shapes.count + exponents) { scratch in
            // Room for the family's bases, then each shape's angular part and each (η, r_s)'s
            // Gaussian product times the cutoffs, at the current pair.
            let scratch = scratch.baseAddress!, angles = scratch + family.bases.count, factors = angles + shapes.count
            var next = (0, firstCount)
            for m in 0..<count where distances[m] < rc && (species[m] == group.first || species[m] == group.second) {
                // A same-species group keeps neighbor order in one block.
                let a: Int
                if mixed && species[m] == group.second { (a, next.1) = (next.1, next.1 + 1) } else { (a, next.0) = (next.0, next.0 + 1) }
                let r = distances[m]
                member[a] = Int32(m)
                position[a] = displacements[m]
                distance[a] = r
                (cutoff[a], cutoffDerivative[a]) = group.cutoff.valueAndDerivative(r)
                family.evaluate(at: r, into: gaussian + a * exponents, scratch: scratch)
                for q in 0..<exponents { slope[a * exponents + q] = -2 * etas[q] * (r - shifts[q]) }
            }
            for a in 0..<(mixed ? firstCount : n) {
                let dj = position[a], rj = distance[a], ga = gaussian + a * exponents, fj = cutoff[a]
                var found = 0
                for b in (mixed ? firstCount : a + 1)..<n {
                    let djk = position[b] - dj
                    candidates[found] = Int32(b)
                    found += !narrow || (djk * djk).sum() < rc2 ? 1 : 0
                }
                for t in 0..<found {
                    let b = Int(candidates[t]), dk = position[b], gjk = pairGaussian + pairs * exponents
                    var fjk = 1.0, dfjk = 0.0, rjk = 0.0
                    if narrow {
                        let djk = dk - dj
                        rjk = (djk * djk).sum().squareRoot()
                        (fjk, dfjk) = group.cutoff.valueAndDerivative(rjk)
                        family.evaluate(at: rjk, into: gjk, scratch: scratch)
                    } else {
                        for q in 0..<exponents { gjk[q] = 1 }
                    }
                    let cosine = (dj * dk).sum() / (rj * distance[b]), fc = fj * cutoff[b] * fjk
                    let gb = gaussian + b * exponents
                    for s in shapes.indices { angles[s] = shapes[s].part(cosine).value }
                    for q in 0..<exponents { factors[q] = ga[q] * gb[q] * gjk[q] * fc }
                    for function in functions {
                        values[function.column] += function.prefactor * angles[function.shape] * factors[function.exponent]
                    }
                    first[pairs] = Int32(a)
                    second[pairs] = Int32(b)
                    cosines[pairs] = cosine
                    pairDistance[pairs] = rjk
                    pairCutoff[pairs] = fjk
                    pairCutoffDerivative[pairs] = dfjk
                    pairs += 1
                }
            }
        }}}}}
        records.endGroup(pairs: pairs)
    }
}
