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
    /// type, only pairs with r_jk < r_c. A branch-free sweep lists the pairs; the costly part
    /// (square root, cutoff, exponentials, angular parts) then runs on four pairs at a time.
    private func addAngularValues(
        _ functionGroup: FunctionGroups.Angular, _ values: UnsafeMutablePointer<Double>, _ species: UnsafeBufferPointer<Int32>,
        _ distances: UnsafeBufferPointer<Double>, _ displacements: UnsafeBufferPointer<SIMD3<Double>>
    ) {
        let rc = functionGroup.cutoff.radius, family = functionGroup.family
        let exponents = family.count, firstSpecies = functionGroup.first, secondSpecies = functionGroup.second
        let mixed = firstSpecies != secondSpecies, narrow = !functionGroup.isWide, rc2 = rc * rc
        var n = 0, firstCount = 0
        for m in 0..<count where distances[m] < rc {
            if species[m] == firstSpecies { firstCount += 1 }
            if species[m] == firstSpecies || species[m] == secondSpecies { n += 1 }
        }
        let index = records.beginGroup(members: n, exponents: exponents)
        let group = records.pointers(of: index)
        var pairs = 0
        family.etas.withUnsafeBufferPointer { etas in
        family.shifts.withUnsafeBufferPointer { shifts in
            var next = (0, firstCount)
            for m in 0..<count where distances[m] < rc && (species[m] == firstSpecies || species[m] == secondSpecies) {
                // A same-species group keeps neighbor order in one block.
                let a: Int
                if mixed && species[m] == secondSpecies { (a, next.1) = (next.1, next.1 + 1) } else { (a, next.0) = (next.0, next.0 + 1) }
                let r = distances[m]
                group.neighbor[a] = Int32(m)
                group.displacement[a] = displacements[m]
                group.distance[a] = r
                group.inverseDistance[a] = 1 / r
                for q in 0..<exponents { group.slope[a * exponents + q] = -2 * etas[q] * (r - shifts[q]) }
            }
        }}
        addMemberFactors(functionGroup, group, members: n)
        for a in 0..<(mixed ? firstCount : n) {
            let dj = group.displacement[a]
            for b in (mixed ? firstCount : a + 1)..<n {
                let djk = group.displacement[b] - dj
                group.first[pairs] = Int32(a)
                group.second[pairs] = Int32(b)
                pairs += !narrow || (djk * djk).sum() < rc2 ? 1 : 0
            }
        }
        records.endGroup(pairs: pairs)
        addPairValues(functionGroup, group, pairs: pairs, values)
    }

    /// Each member's cutoff f_c(r), f_c′(r) and base Gaussians, four members at a time (the
    /// records have room for the spare lanes of the last block, which repeat its last member).
    private func addMemberFactors(_ functionGroup: FunctionGroups.Angular, _ group: NeighborhoodRecords.GroupPointers, members n: Int) {
        guard n > 0 else { return }
        let cutoffFunction = functionGroup.cutoff, family = functionGroup.family, bases = family.bases.count
        for lane in n..<(n + 3) { group.distance[lane] = group.distance[n - 1] }
        withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: bases) { room in
            let gaussians = room.baseAddress!
            for a in Swift.stride(from: 0, to: n, by: 4) {
                let r = UnsafeRawPointer(group.distance + a).loadUnaligned(as: SIMD4<Double>.self)
                let (f, df) = cutoffFunction.valueAndDerivative(r)
                UnsafeMutableRawPointer(group.cutoff + a).storeBytes(of: f, as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(group.cutoffDerivative + a).storeBytes(of: df, as: SIMD4<Double>.self)
                family.evaluateBases(at: r, into: gaussians)
                if bases == 1 {
                    UnsafeMutableRawPointer(group.baseGaussian + a).storeBytes(of: gaussians[0], as: SIMD4<Double>.self)
                } else {
                    for lane in 0..<4 {
                        for e in 0..<bases { group.baseGaussian[(a + lane) * bases + e] = gaussians[e][lane] }
                    }
                }
            }
        }
    }

    /// The terms of the listed pairs, four at a time (the last block's missing lanes repeat
    /// its last pair with a zero weight), added to `values`; each pair's cos θ, r_jk,
    /// f_c(r_jk), f_c′(r_jk) and Gaussians are kept in the records.
    private func addPairValues(
        _ functionGroup: FunctionGroups.Angular, _ group: NeighborhoodRecords.GroupPointers, pairs: Int,
        _ values: UnsafeMutablePointer<Double>
    ) {
        let family = functionGroup.family, exponents = family.count, narrow = !functionGroup.isWide
        let cutoffFunction = functionGroup.cutoff, bases = family.bases.count
        functionGroup.members.withUnsafeBufferPointer { functions in
        functionGroup.shapes.withUnsafeBufferPointer { shapes in
        withUnsafeTemporaryAllocation(
            of: SIMD4<Double>.self, capacity: bases + shapes.count + 2 * exponents + functions.count
        ) { room in
            // Each base's product over the pair's distances, each shape's angular part, each
            // (η, r_s)'s Gaussian product and that times the cutoffs, for the current four
            // pairs; each member's sum over the blocks so far, lane by lane (reduced once at
            // the end).
            let baseProducts = room.baseAddress!, angles = baseProducts + bases, products = angles + shapes.count
            let factors = products + exponents, sums = factors + exponents
            for m in functions.indices { sums[m] = SIMD4() }
            // The block at p, its first members read through `first`, its second ones per lane.
            @inline(__always)
            func addBlock<First: MemberLanes>(at p: Int, _ first: First, _ b: SIMD4<Int32>) {
                let second = MemberPerLane(members: b), weight = laneWeights(at: p, pairs: pairs)
                let dj = first.vectors(group.displacement), dk = second.vectors(group.displacement)
                let inverseRj = first.values(group.inverseDistance), inverseRk = second.values(group.inverseDistance)
                let uj = (dj.x * inverseRj, dj.y * inverseRj, dj.z * inverseRj), uk = (dk.x * inverseRk, dk.y * inverseRk, dk.z * inverseRk)
                let fj = first.values(group.cutoff), fk = second.values(group.cutoff)
                var fjk = SIMD4<Double>(repeating: 1), dfjk = SIMD4<Double>(), rjk = SIMD4<Double>()
                if narrow {
                    let x = dk.0 - dj.0, y = dk.1 - dj.1, z = dk.2 - dj.2
                    rjk = (x * x + y * y + z * z).squareRoot()
                    (fjk, dfjk) = cutoffFunction.valueAndDerivative(rjk)
                    family.evaluateBases(at: rjk, into: baseProducts)
                }
                // One gather per member and base; the family's powers then give every (η, r_s).
                for e in 0..<bases {
                    let members = first.values(group.baseGaussian + e, stride: bases) * second.values(group.baseGaussian + e, stride: bases)
                    baseProducts[e] = narrow ? members * baseProducts[e] : members
                }
                family.raise(baseProducts, into: products)
                let cosine = uj.0 * uk.0 + uj.1 * uk.1 + uj.2 * uk.2, fc = fj * fk * fjk * weight
                for s in shapes.indices { angles[s] = shapes[s].value(cosine) }
                for q in 0..<exponents {
                    UnsafeMutableRawPointer(group.gaussianProduct + p * exponents + 4 * q).storeBytes(of: products[q], as: SIMD4<Double>.self)
                    factors[q] = products[q] * fc
                }
                for (m, function) in functions.enumerated() { sums[m] += angles[function.shape] * factors[function.exponent] }
                // Whole blocks are stored (the records have room for the last one's spare lanes).
                UnsafeMutableRawPointer(group.cosine + p).storeBytes(of: cosine, as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(group.pairDistance + p).storeBytes(of: rjk, as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(group.pairCutoff + p).storeBytes(of: fjk, as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(group.pairCutoffDerivative + p).storeBytes(of: dfjk, as: SIMD4<Double>.self)
            }
            for p in Swift.stride(from: 0, to: pairs, by: 4) {
                let (a, b) = group.blockMembers(at: p, pairs: pairs)
                if let shared = SharedMember(a) { addBlock(at: p, shared, b) } else { addBlock(at: p, MemberPerLane(members: a), b) }
            }
            for (m, function) in functions.enumerated() { values[function.column] += function.prefactor * sums[m].sum() }
        }}}
    }
}
