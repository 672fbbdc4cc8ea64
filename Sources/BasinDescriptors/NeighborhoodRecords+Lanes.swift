/// Gathers for the angular loops, which take recorded pairs four at a time (one pair per SIMD
/// lane): each lane's members' fields are loaded as scalars and assembled into vectors in
/// registers, never written lane by lane into a vector in memory (which stalls on store
/// forwarding). Pairs are listed row by row (a fixed, b running), so most blocks share their
/// first member: such a block loads a's fields once for all lanes (`SharedMember`).
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

/// Where the lanes of a block of four pairs find one of their two members' records: one member
/// for all lanes (`SharedMember`) or one per lane (`MemberPerLane`). The angular loops are
/// generic over it, so that each kind of block compiles to its own straight-line code.
protocol MemberLanes {
    /// `base[member × stride]` in each lane.
    func values(_ base: UnsafePointer<Double>, stride: Int) -> SIMD4<Double>
    /// The x, y and z components of `base[member]`, each across the four lanes.
    func vectors(_ base: UnsafePointer<SIMD3<Double>>) -> (x: SIMD4<Double>, y: SIMD4<Double>, z: SIMD4<Double>)
    /// Subtracts the vector of each lane below `count` from `forces[neighbor[member]]` (the
    /// other lanes hold no pair and are ignored, whatever they hold).
    func subtract(
        _ v: (x: SIMD4<Double>, y: SIMD4<Double>, z: SIMD4<Double>), lanes count: Int, neighbor: UnsafePointer<Int32>,
        from forces: UnsafeMutableBufferPointer<SIMD3<Double>>)
}

extension MemberLanes {
    @inline(__always)
    func values(_ base: UnsafePointer<Double>) -> SIMD4<Double> { values(base, stride: 1) }
}

/// One member in every lane: each field is loaded once and broadcast; forces are summed over
/// the lanes before they are written.
struct SharedMember: MemberLanes {
    let member: Int

    /// The member of all four lanes, or nil when they differ.
    @inline(__always)
    init?(_ members: SIMD4<Int32>) {
        guard members == SIMD4(repeating: members[0]) else { return nil }
        member = Int(members[0])
    }

    @inline(__always)
    func values(_ base: UnsafePointer<Double>, stride: Int) -> SIMD4<Double> { SIMD4(repeating: base[member * stride]) }

    @inline(__always)
    func vectors(_ base: UnsafePointer<SIMD3<Double>>) -> (x: SIMD4<Double>, y: SIMD4<Double>, z: SIMD4<Double>) {
        let v = base[member]
        return (SIMD4(repeating: v.x), SIMD4(repeating: v.y), SIMD4(repeating: v.z))
    }

    @inline(__always)
    func subtract(
        _ v: (x: SIMD4<Double>, y: SIMD4<Double>, z: SIMD4<Double>), lanes count: Int, neighbor: UnsafePointer<Int32>,
        from forces: UnsafeMutableBufferPointer<SIMD3<Double>>
    ) {
        var sum: SIMD3<Double>
        if count == 4 {
            sum = SIMD3(v.x.sum(), v.y.sum(), v.z.sum())
        } else {
            sum = .zero
            for lane in 0..<count { sum += SIMD3(v.x[lane], v.y[lane], v.z[lane]) }
        }
        forces[Int(neighbor[member])] -= sum
    }
}

/// A member per lane.
struct MemberPerLane: MemberLanes {
    let members: SIMD4<Int32>

    @inline(__always)
    func values(_ base: UnsafePointer<Double>, stride: Int) -> SIMD4<Double> { lanes(base, at: members, stride: stride) }

    @inline(__always)
    func vectors(_ base: UnsafePointer<SIMD3<Double>>) -> (x: SIMD4<Double>, y: SIMD4<Double>, z: SIMD4<Double>) {
        lanes(base, at: members)
    }

    @inline(__always)
    func subtract(
        _ v: (x: SIMD4<Double>, y: SIMD4<Double>, z: SIMD4<Double>), lanes count: Int, neighbor: UnsafePointer<Int32>,
        from forces: UnsafeMutableBufferPointer<SIMD3<Double>>
    ) {
        for lane in 0..<count { forces[Int(neighbor[Int(members[lane])])] -= SIMD3(v.x[lane], v.y[lane], v.z[lane]) }
    }
}
