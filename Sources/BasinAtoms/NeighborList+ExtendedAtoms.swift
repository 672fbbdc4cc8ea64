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
            concurrentForEach(
                parts,
                body: WrapFractional(
                    r: r, fractional: fractional, h: h, inverse: inverse, periodicMask: periodicMask, parts: parts))
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
            concurrentForEach(
                parts,
                body: PlaceSites(
                    r: r, order: order, atomFractional: atomFractional, x: x, shift: shift, fractional: fractional,
                    h: h, inverse: inverse, periodicMask: periodicMask, parts: parts))
        }}}}}}
        // Per atom, the images m with s + m inside the ghost region along each axis: interior
        // atoms have none, so the cost follows the number of ghosts. Each thread's list keeps
        // its storage from build to build.
        var images = ghostImageScratch
        ghostImageScratch = []
        if images.count != parts { images = [[(site: Int32, image: SIMD3<Int>)]](repeating: [], count: parts) }
        for part in 0..<parts { images[part].removeAll(keepingCapacity: true) }
        siteFractional.withUnsafeBufferPointer { fractional in
        images.withUnsafeMutableBufferPointer { images in
            concurrentForEach(
                parts,
                body: FindGhostImages(fractional: fractional, images: images, delta: delta, bound: bound, reach: reach, parts: parts))
        }}
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
        siteFractional.withUnsafeBufferPointer { fractional in
        images.withUnsafeBufferPointer { images in
        firstGhost.withUnsafeBufferPointer { firstGhost in
        positions.withUnsafeMutableBufferPointer { x in
        shifts.withUnsafeMutableBufferPointer { shift in
        owners.withUnsafeMutableBufferPointer { owner in
        keys.withUnsafeMutableBufferPointer { key in
        species.withUnsafeMutableBufferPointer { kind in
        bins.withUnsafeMutableBufferPointer { bin in
            let arrays = ExtendedAtomArrays(x: x, shift: shift, owner: owner, key: key, kind: kind, bin: bin)
            concurrentForEach(
                parts,
                body: LabelSites(
                    arrays: arrays, order: order, speciesOf: speciesOf, fractional: fractional, grid: grid, parts: parts))
            // Ghosts need their sites' bins, so they follow once every local bin is set.
            concurrentForEach(
                parts, body: PlaceGhosts(arrays: arrays, images: images, firstGhost: firstGhost, order: order, grid: grid, h: h))
        }}}}}}}}}}}
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

/// Sets `array` to `count` entries, keeping its storage (new entries are `filler`): for
/// refilling a buffer in place.
func resize<T>(_ array: inout [T], to count: Int, filling filler: T) {
    if array.count > count {
        array.removeLast(array.count - count)
    } else if array.count < count {
        array.append(contentsOf: repeatElement(filler, count: count - array.count))
    }
}
