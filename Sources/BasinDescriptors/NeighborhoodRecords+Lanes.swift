/// Gathers for the angular loops, which take recorded pairs four at a time (one pair per SIMD
/// lane): each lane's members' fields are loaded as scalars and assembled into vectors in
/// registers, never written lane by lane into a vector in memory (which stalls on store
/// forwarding).
extension NeighborhoodRecords.GroupPointers {
    /// The members a and b of pairs p, p + 1, p + 2 and p + 3 of a group of `pairs` pairs
    /// (p < pairs); lanes past the last pair repeat it, so that every lane reads real members.
    @inline(__always)
    func blockMembers(at p: Int, pairs: Int) -> (a: SIMD4<Int32>, b: SIMD4<Int32>) {
        if p + 4 <= pairs {
            return (UnsafeRawPointer(first + p).loadUnaligned(as: SIMD4<Int32>.self),
                    UnsafeRawPointer(second + p).loadUnaligned(as: SIMD4<Int32>.self))
        }
        let last = pairs - 1, p1 = min(p + 1, last), p2 = min(p + 2, last), p3 = min(p + 3, last)
        return (SIMD4(first[p], first[p1], first[p2], first[p3]), SIMD4(second[p], second[p1], second[p2], second[p3]))
    }
}

/// `base[i[lane] × stride]` in each lane.
@inline(__always)
func lanes(_ base: UnsafePointer<Double>, at i: SIMD4<Int32>, stride: Int = 1) -> SIMD4<Double> {
    SIMD4(base[Int(i[0]) * stride], base[Int(i[1]) * stride], base[Int(i[2]) * stride], base[Int(i[3]) * stride])
}

/// The x, y and z components of `base[i[lane]]`, each across the four lanes.
@inline(__always)
func lanes(
    _ base: UnsafePointer<SIMD3<Double>>, at i: SIMD4<Int32>
) -> (x: SIMD4<Double>, y: SIMD4<Double>, z: SIMD4<Double>) {
    let v0 = base[Int(i[0])], v1 = base[Int(i[1])], v2 = base[Int(i[2])], v3 = base[Int(i[3])]
    return (SIMD4(v0.x, v1.x, v2.x, v3.x), SIMD4(v0.y, v1.y, v2.y, v3.y), SIMD4(v0.z, v1.z, v2.z, v3.z))
}

/// 1 in the lanes of pairs p … p + 3 that exist (index below `pairs`), 0 in the others.
@inline(__always)
func laneWeights(at p: Int, pairs: Int) -> SIMD4<Double> {
    SIMD4<Double>(repeating: 1).replacing(with: 0, where: SIMD4<Double>(0, 1, 2, 3) + Double(p) .>= Double(pairs))
}
