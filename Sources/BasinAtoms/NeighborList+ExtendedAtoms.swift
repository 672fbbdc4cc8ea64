import BasinMath

extension NeighborList {
    /// Wraps the local atoms into the cell, adds the ghost images within the list radius of the
    /// cell, and (with a finite cutoff) assigns every extended atom its bin. The work is split
    /// over the chunks' threads; arrays are refilled in place, so a rebuild allocates little.
    func makeExtendedAtoms(_ configuration: Configuration) {
        let n = configuration.count
        let cell = configuration.cell
        let h = cell.spanningVectors
        let inverse = h.inverse
        let parts = chunkCount
        func slice(_ count: Int, _ part: Int) -> Range<Int> { (count * part / parts)..<(count * (part + 1) / parts) }
        resize(&fractionalScratch, to: n, filling: .zero)
        // Along periodic directions: the whole-cell translation that wraps each atom, and how
        // far (δ = r_list / width, in fractional units) ghosts reach beyond the cell, which
        // covers every point within r_list of it. Open directions wrap nothing and bound no image.
        var periodicMask = SIMD3<Double>.zero
        var delta = SIMD3<Double>.zero, bound = SIMD3<Double>(repeating: .infinity)
        var reach = SIMD3<Int>.zero
        let widths = cell.perpendicularWidths
        for k in 0..<3 where cell.periodic[k] {
            periodicMask[k] = 1
            delta[k] = listRadius / widths[k]
            bound[k] = delta[k]
            reach[k] = Int(delta[k].rounded(.up))
        }
        configuration.positions.withUnsafeBufferPointer { r in
        fractionalScratch.withUnsafeMutableBufferPointer { fractional in
            nonisolated(unsafe) let fractional = fractional
            concurrentForEach(parts) { part in
                for i in slice(n, part) {
                    fractional[i] = (r[i] + wrapping(r[i], cell: h, inverse: inverse, periodic: periodicMask)) * inverse
                }
            }
        }}
        let grid = cutoff.isFinite ? binGrid(cell: cell, fractional: fractionalScratch, reach: bound, count: n) : nil
        orderSites(grid: sortsAtoms ? grid : nil)
        // The local atoms in site order: wrapped positions, their wrapping shifts and fractional
        // coordinates.
        resize(&positions, to: n, filling: .zero)
        resize(&shifts, to: n, filling: .zero)
        resize(&siteFractional, to: n, filling: .zero)
        configuration.positions.withUnsafeBufferPointer { r in
        siteOrder.withUnsafeBufferPointer { order in
        fractionalScratch.withUnsafeBufferPointer { atomFractional in
        positions.withUnsafeMutableBufferPointer { x in
        shifts.withUnsafeMutableBufferPointer { shift in
        siteFractional.withUnsafeMutableBufferPointer { fractional in
            nonisolated(unsafe) let x = x, shift = shift, fractional = fractional
            concurrentForEach(parts) { part in
                for site in slice(n, part) {
                    let i = Int(order[site])
                    let w = wrapping(r[i], cell: h, inverse: inverse, periodic: periodicMask)
                    x[site] = r[i] + w
                    shift[site] = w
                    fractional[site] = atomFractional[i]
                }
            }
        }}}}}}
        let fractional = siteFractional
        // Per atom, the images m with s + m inside the ghost region along each axis: interior
        // atoms have none, so the cost follows the number of ghosts. Each thread's list keeps
        // its storage from build to build.
        var images = ghostImageScratch
        ghostImageScratch = []
        if images.count != parts { images = [[(site: Int32, image: SIMD3<Int>)]](repeating: [], count: parts) }
        for part in 0..<parts { images[part].removeAll(keepingCapacity: true) }
        images.withUnsafeMutableBufferPointer { images in
            nonisolated(unsafe) let images = images
            concurrentForEach(parts) { part in
                for i in slice(n, part) {
                    let s = fractional[i]
                    // Clamped to [−reach, 0] and [0, reach]: open directions (reach 0) get {0}.
                    let limit = SIMD3<Double>(repeating: 1e9)
                    let first = integers((-delta - s).rounded(.up).clamped(lowerBound: -limit, upperBound: limit))
                    let last = integers((1 + delta - s).rounded(.down).clamped(lowerBound: -limit, upperBound: limit))
                    let low = first.clamped(lowerBound: 0 &- reach, upperBound: .zero)
                    let high = last.clamped(lowerBound: .zero, upperBound: reach)
                    guard low != .zero || high != .zero else { continue }
                    for mx in low.x...max(low.x, high.x) {
                        for my in low.y...max(low.y, high.y) {
                            for mz in low.z...max(low.z, high.z) where mx != 0 || my != 0 || mz != 0 {
                                let shifted = s + SIMD3(Double(mx), Double(my), Double(mz))
                                if any(shifted .< -bound) || any(shifted .> 1 + bound) { continue }
                                images[part].append((Int32(i), SIMD3(mx, my, mz)))
                            }
                        }
                    }
                }
            }
        }
        var firstGhost = ghostPartStart
        ghostPartStart = []
        firstGhost.removeAll(keepingCapacity: true)
        firstGhost.append(n)
        for part in images { firstGhost.append(firstGhost.last! + part.count) }
        let total = firstGhost.last!
        // Ghosts come out grouped by site, sites in order: record where each group starts.
        resize(&ghostStart, to: n + 1, filling: 0)
        ghostStart.withUnsafeMutableBufferPointer { start in
            for i in 0...n { start[i] = 0 }
            for part in images { for ghost in part { start[Int(ghost.site) + 1] += 1 } }
            start[0] = Int32(n)
            for i in 0..<n { start[i + 1] += start[i] }
        }
        resize(&positions, to: total, filling: .zero)
        resize(&shifts, to: total, filling: .zero)
        resize(&owners, to: total, filling: .zero)
        resize(&keys, to: total, filling: .zero)
        resize(&species, to: total, filling: .zero)
        resize(&bins, to: grid == nil ? 0 : total, filling: .zero)
        configuration.species.withUnsafeBufferPointer { speciesOf in
        siteOrder.withUnsafeBufferPointer { order in
        positions.withUnsafeMutableBufferPointer { x in
        shifts.withUnsafeMutableBufferPointer { shift in
        owners.withUnsafeMutableBufferPointer { owner in
        keys.withUnsafeMutableBufferPointer { key in
        species.withUnsafeMutableBufferPointer { kind in
        bins.withUnsafeMutableBufferPointer { bin in
            nonisolated(unsafe) let x = x, shift = shift, owner = owner, key = key, kind = kind, bin = bin
            concurrentForEach(parts) { part in
                for i in slice(n, part) {
                    owner[i] = order[i]
                    key[i] = Int32(truncatingIfNeeded: 2 &* i)
                    kind[i] = Int32(speciesOf[Int(order[i])])
                    if let grid { bin[i] = grid.coordinates(ofFractional: fractional[i]) }
                }
            }
            // Ghosts need their sites' bins, so they follow once every local bin is set.
            concurrentForEach(parts) { part in
                for (offset, ghost) in images[part].enumerated() {
                    let a = firstGhost[part] + offset
                    let i = Int(ghost.site), m = ghost.image
                    let translation = SIMD3(Double(m.x), Double(m.y), Double(m.z)) * h
                    let positive: Int32 = m.x > 0 || (m.x == 0 && (m.y > 0 || (m.y == 0 && m.z > 0))) ? 1 : 0
                    x[a] = x[i] + translation
                    shift[a] = shift[i] + translation
                    owner[a] = order[i]
                    key[a] = Int32(truncatingIfNeeded: 2 &* i) &+ positive
                    kind[a] = kind[i]
                    if let grid { bin[a] = grid.coordinates(ofImage: m, ownerBin: bin[i]) }
                }
            }
        }}}}}}}}
        self.grid = grid
        extendedCount = total
        ghostImageScratch = images
        ghostPartStart = firstGhost
    }

    /// The bin grid for this build: the last one again when the cell is periodic in every
    /// direction and the cell, list radius, ghost reach and atom count are unchanged (the grid
    /// then depends on nothing else), else a new one.
    private func binGrid(cell: Cell, fractional: [SIMD3<Double>], reach: SIMD3<Double>, count: Int) -> BinGrid {
        if let grid, let key = gridKey, cell.periodic.allSatisfy({ $0 }), key.cell == cell, key.radius == listRadius,
           key.reach == reach, key.count == count {
            return grid
        }
        gridKey = (cell, listRadius, reach, count)
        return BinGrid(cell: cell, fractional: fractional, radius: listRadius, ghostReach: reach, pointCount: count)
    }
}

extension NeighborList {
    /// Fills `siteOrder`, the atom at each site: with a grid, the atoms sorted by bin (x fastest,
    /// a counting sort that keeps the atoms of one bin in their order), so that atoms near in
    /// space are near in memory; without one, the atoms in their own order.
    func orderSites(grid: BinGrid?) {
        let n = fractionalScratch.count
        resize(&siteOrder, to: n, filling: 0)
        guard let grid else {
            siteOrder.withUnsafeMutableBufferPointer { order in for i in 0..<n { order[i] = Int32(truncatingIfNeeded: i) } }
            return
        }
        let binCount = grid.dimensions.x * grid.dimensions.y * grid.dimensions.z
        resize(&siteBinStart, to: binCount + 1, filling: 0)
        resize(&siteBin, to: n, filling: 0)
        fractionalScratch.withUnsafeBufferPointer { fractional in
        siteBin.withUnsafeMutableBufferPointer { binOf in
        siteBinStart.withUnsafeMutableBufferPointer { start in
        siteOrder.withUnsafeMutableBufferPointer { order in
            start.update(repeating: 0)
            for i in 0..<n {
                let b = grid.index(of: grid.coordinates(ofFractional: fractional[i]))
                binOf[i] = Int32(truncatingIfNeeded: b)
                start[b &+ 1] &+= 1
            }
            for b in 0..<binCount { start[b &+ 1] &+= start[b] }
            for i in 0..<n {
                let b = Int(binOf[i])
                order[Int(start[b])] = Int32(truncatingIfNeeded: i)
                start[b] &+= 1
            }
        }}}}
    }
}

/// The whole-cell translation that brings `r` into the cell along the periodic directions
/// (`periodic` holds 1 for those, 0 for open ones); `cell` holds the spanning vectors as rows and
/// `inverse` is its inverse. A plain function, not a closure, so that no context is allocated.
@inline(__always)
private func wrapping(_ r: SIMD3<Double>, cell: Matrix3, inverse: Matrix3, periodic: SIMD3<Double>) -> SIMD3<Double> {
    -((r * inverse).rounded(.down) * periodic) * cell
}

/// Sets `array` to `count` entries, keeping its storage (new entries are `filler`): for
/// refilling a buffer in place.
func resize<T>(_ array: inout [T], to count: Int, filling filler: T) {
    if array.count > count {
        array.removeLast(array.count - count)
    } else if array.count < count {
        array.append(contentsOf: repeatElement(filler, count: count - array.count))
    }
}
