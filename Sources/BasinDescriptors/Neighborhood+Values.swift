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
        _ functionGroup: FunctionGroups.Angular, _ values: UnsafeMutablePointer<Double>, _ species: UnsafeBufferPointer<Int32>,
        _ distances: UnsafeBufferPointer<Double>, _ displacements: UnsafeBufferPointer<SIMD3<Double>>
    ) {
        let cutoffFunction = functionGroup.cutoff, rc = cutoffFunction.radius, family = functionGroup.family
        let exponents = family.count, firstSpecies = functionGroup.first, secondSpecies = functionGroup.second
        let mixed = firstSpecies != secondSpecies, narrow = !functionGroup.isWide, rc2 = rc * rc
        var n = 0, firstCount = 0
        for m in 0..<count where distances[m] < rc {
            if species[m] == firstSpecies { firstCount += 1 }
            if species[m] == firstSpecies || species[m] == secondSpecies { n += 1 }
        }
        let index = records.beginGroup(members: n, exponents: exponents)
        let group = records.pointers(of: index), candidates = records.candidates.base
        var pairs = 0
        functionGroup.members.withUnsafeBufferPointer { functions in
        functionGroup.shapes.withUnsafeBufferPointer { shapes in
        family.etas.withUnsafeBufferPointer { etas in
        family.shifts.withUnsafeBufferPointer { shifts in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: family.bases.count + shapes.count + exponents) { scratch in
            // Room for the family's bases, then each shape's angular part and each (η, r_s)'s
            // Gaussian product times the cutoffs, at the current pair.
            let scratch = scratch.baseAddress!, angles = scratch + family.bases.count, factors = angles + shapes.count
            var next = (0, firstCount)
            for m in 0..<count where distances[m] < rc && (species[m] == firstSpecies || species[m] == secondSpecies) {
                // A same-species group keeps neighbor order in one block.
                let a: Int
                if mixed && species[m] == secondSpecies { (a, next.1) = (next.1, next.1 + 1) } else { (a, next.0) = (next.0, next.0 + 1) }
                let r = distances[m]
                group.neighbor[a] = Int32(m)
                group.displacement[a] = displacements[m]
                group.distance[a] = r
                group.unit[a] = displacements[m] / r
                group.inverseDistance[a] = 1 / r
                (group.cutoff[a], group.cutoffDerivative[a]) = cutoffFunction.valueAndDerivative(r)
                family.evaluate(at: r, into: group.gaussian + a * exponents, scratch: scratch)
                for q in 0..<exponents { group.slope[a * exponents + q] = -2 * etas[q] * (r - shifts[q]) }
            }
            for a in 0..<(mixed ? firstCount : n) {
                let dj = group.displacement[a], uj = group.unit[a], ga = group.gaussian + a * exponents, fj = group.cutoff[a]
                var found = 0
                for b in (mixed ? firstCount : a + 1)..<n {
                    let djk = group.displacement[b] - dj
                    candidates[found] = Int32(b)
                    found += !narrow || (djk * djk).sum() < rc2 ? 1 : 0
                }
                for t in 0..<found {
                    let b = Int(candidates[t]), gjk = group.pairGaussian + pairs * exponents
                    var fjk = 1.0, dfjk = 0.0, rjk = 0.0
                    if narrow {
                        let djk = group.displacement[b] - dj
                        rjk = (djk * djk).sum().squareRoot()
                        (fjk, dfjk) = cutoffFunction.valueAndDerivative(rjk)
                        family.evaluate(at: rjk, into: gjk, scratch: scratch)
                    } else {
                        for q in 0..<exponents { gjk[q] = 1 }
                    }
                    let cosine = (uj * group.unit[b]).sum(), fc = fj * group.cutoff[b] * fjk
                    let gb = group.gaussian + b * exponents
                    for s in shapes.indices { angles[s] = shapes[s].part(cosine).value }
                    for q in 0..<exponents { factors[q] = ga[q] * gb[q] * gjk[q] * fc }
                    for function in functions {
                        values[function.column] += function.prefactor * angles[function.shape] * factors[function.exponent]
                    }
                    group.first[pairs] = Int32(a)
                    group.second[pairs] = Int32(b)
                    group.cosine[pairs] = cosine
                    group.pairDistance[pairs] = rjk
                    group.pairCutoff[pairs] = fjk
                    group.pairCutoffDerivative[pairs] = dfjk
                    pairs += 1
                }
            }
        }}}}}
        records.endGroup(pairs: pairs)
    }
}
