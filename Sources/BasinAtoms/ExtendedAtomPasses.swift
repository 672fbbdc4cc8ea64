import BasinMath

// The parallel passes of `NeighborList.makeExtendedAtoms`, one part of the atoms per iteration,
// as `ParallelLoopBody` values so that a rebuild on several threads allocates nothing.

/// Atoms `count · part / parts ..< count · (part + 1) / parts`: part `part` of `parts` equal slices.
@inline(__always)
func slice(_ count: Int, _ part: Int, of parts: Int) -> Range<Int> {
    (count &* part / parts)..<(count &* (part &+ 1) / parts)
}

/// The whole-cell translation that brings `r` into the cell along the periodic directions
/// (`periodic` holds 1 for those, 0 for open ones); `cell` holds the spanning vectors as rows and
/// `inverse` is its inverse.
@inline(__always)
func wrapping(_ r: SIMD3<Double>, cell: Matrix3, inverse: Matrix3, periodic: SIMD3<Double>) -> SIMD3<Double> {
    -((r * inverse).rounded(.down) * periodic) * cell
}

/// The wrapped fractional coordinates of each atom (configuration order).
struct WrapFractional: ParallelLoopBody {
    let r: UnsafeBufferPointer<SIMD3<Double>>
    let fractional: UnsafeMutableBufferPointer<SIMD3<Double>>
    let h: Matrix3, inverse: Matrix3, periodicMask: SIMD3<Double>
    let parts: Int

    func run(_ part: Int) {
        for i in slice(r.count, part, of: parts) {
            fractional[i] = (r[i] + wrapping(r[i], cell: h, inverse: inverse, periodic: periodicMask)) * inverse
        }
    }
}

/// The local atoms in site order: wrapped positions, their wrapping shifts and fractional
/// coordinates.
struct PlaceSites: ParallelLoopBody {
    let r: UnsafeBufferPointer<SIMD3<Double>>
    let order: UnsafeBufferPointer<Int32>
    let atomFractional: UnsafeBufferPointer<SIMD3<Double>>
    let x: UnsafeMutableBufferPointer<SIMD3<Double>>
    let shift: UnsafeMutableBufferPointer<SIMD3<Double>>
    let fractional: UnsafeMutableBufferPointer<SIMD3<Double>>
    let h: Matrix3, inverse: Matrix3, periodicMask: SIMD3<Double>
    let parts: Int

    func run(_ part: Int) {
        for site in slice(order.count, part, of: parts) {
            let i = Int(order[site])
            let w = wrapping(r[i], cell: h, inverse: inverse, periodic: periodicMask)
            x[site] = r[i] + w
            shift[site] = w
            fractional[site] = atomFractional[i]
        }
    }
}

/// Per site, the images m with s + m inside the ghost region (δ beyond the cell along each
/// periodic axis, `bound` the same with open axes unbounded), into the part's list.
struct FindGhostImages: ParallelLoopBody {
    let fractional: UnsafeBufferPointer<SIMD3<Double>>
    let images: UnsafeMutableBufferPointer<[(site: Int32, image: SIMD3<Int>)]>
    let delta: SIMD3<Double>, bound: SIMD3<Double>, reach: SIMD3<Int>
    let parts: Int

    func run(_ part: Int) {
        for i in slice(fractional.count, part, of: parts) {
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

/// The arrays of every extended atom: owners, sort keys, species and (with a grid) bins.
struct ExtendedAtomArrays {
    let x: UnsafeMutableBufferPointer<SIMD3<Double>>
    let shift: UnsafeMutableBufferPointer<SIMD3<Double>>
    let owner: UnsafeMutableBufferPointer<Int32>
    let key: UnsafeMutableBufferPointer<Int32>
    let kind: UnsafeMutableBufferPointer<Int32>
    let bin: UnsafeMutableBufferPointer<SIMD3<Int>>
}

/// Owner, key, species and bin of the local atoms (sites 0..<n).
struct LabelSites: ParallelLoopBody {
    let arrays: ExtendedAtomArrays
    let order: UnsafeBufferPointer<Int32>
    let speciesOf: UnsafeBufferPointer<Int>
    let fractional: UnsafeBufferPointer<SIMD3<Double>>
    let grid: BinGrid?
    let parts: Int

    func run(_ part: Int) {
        for i in slice(order.count, part, of: parts) {
            arrays.owner[i] = order[i]
            arrays.key[i] = Int32(truncatingIfNeeded: 2 &* i)
            arrays.kind[i] = Int32(speciesOf[Int(order[i])])
            if let grid { arrays.bin[i] = grid.coordinates(ofFractional: fractional[i]) }
        }
    }
}

/// The ghosts each part found, from `firstGhost[part]` on: position, shift, owner, key (an
/// image with a positive first nonzero component is odd), species and bin, from their sites'.
struct PlaceGhosts: ParallelLoopBody {
    let arrays: ExtendedAtomArrays
    let images: UnsafeBufferPointer<[(site: Int32, image: SIMD3<Int>)]>
    let firstGhost: UnsafeBufferPointer<Int>
    let order: UnsafeBufferPointer<Int32>
    let grid: BinGrid?
    let h: Matrix3

    func run(_ part: Int) {
        for (offset, ghost) in images[part].enumerated() {
            let a = firstGhost[part] + offset
            let i = Int(ghost.site), m = ghost.image
            let translation = SIMD3(Double(m.x), Double(m.y), Double(m.z)) * h
            let positive: Int32 = m.x > 0 || (m.x == 0 && (m.y > 0 || (m.y == 0 && m.z > 0))) ? 1 : 0
            arrays.x[a] = arrays.x[i] + translation
            arrays.shift[a] = arrays.shift[i] + translation
            arrays.owner[a] = order[i]
            arrays.key[a] = Int32(truncatingIfNeeded: 2 &* i) &+ positive
            arrays.kind[a] = arrays.kind[i]
            if let grid { arrays.bin[a] = grid.coordinates(ofImage: m, ownerBin: arrays.bin[i]) }
        }
    }
}
