/// What the values pass of one central atom learns, kept for the derivative pass of the same
/// atom so that no square root, cutoff or exponential is evaluated twice:
///
///   radial      each term's derivative dterm/dr, in the order the values pass visits them;
///   per group   where its members and pairs start in the arrays below;
///   per member  (a neighbor of the group's species inside r_c; those of the group's first
///               species first) its index in the neighborhood, displacement d, distance r, 1/r,
///               f_c(r), f_c′(r), per base b of the group's `GaussianFamily`
///               exp(−η_b(r − r_s,b)²) and per (η, r_s) q the slope −2η_q(r − r_s,q);
///   per pair    (members a < b that enter the sum) a, b, cos θ_ijk, r_jk, f_c(r_jk), f_c′(r_jk)
///               (0, 1 and 0 for the wide type) and per q the Gaussian product
///               exp(−η_q[(r_ij − r_s,q)² + (r_ik − r_s,q)² + (r_jk − r_s,q)²]) (no r_jk term for
///               the wide type), stored by blocks of four pairs: pair p's at
///               [(p − p mod 4) × exponents + 4q + p mod 4].
///
/// Storage grows geometrically and is never shrunk, so that after the first atoms of the first
/// evaluation an MD loop allocates nothing here. About 70 bytes per pair: some 200 kB for a
/// water molecule's neighborhood at r_c = 6.35 Å, which stays in the core's cache between the
/// two passes.
final class NeighborhoodRecords {
    struct Group {
        var memberStart = 0, memberCount = 0
        /// The group's count of (η, r_s).
        var exponents = 0
        var pairStart = 0, pairCount = 0
        /// Offset of the group's per-member base Gaussians and slopes (room for
        /// `memberCount × exponents` each; a family has at most as many bases as exponents).
        var gaussianStart = 0
        /// Offset of the group's Gaussian products (`pairCount × exponents`, rounded up to
        /// whole blocks of four pairs).
        var gaussianProductStart = 0
    }

    // A neighborhood's records are touched by one thread at a time, through the methods below
    // only, never while another access is under way: the run-time exclusivity checks of class
    // properties (a call per property read) are left out.
    @exclusivity(unchecked) private(set) var groups: [Group] = []

    @exclusivity(unchecked) var radialDerivative = Storage<Double>()

    @exclusivity(unchecked) private(set) var neighbor = Storage<Int32>()
    @exclusivity(unchecked) private(set) var displacement = Storage<SIMD3<Double>>()
    @exclusivity(unchecked) private(set) var distance = Storage<Double>()
    @exclusivity(unchecked) private(set) var inverseDistance = Storage<Double>()
    @exclusivity(unchecked) private(set) var cutoff = Storage<Double>()
    @exclusivity(unchecked) private(set) var cutoffDerivative = Storage<Double>()
    @exclusivity(unchecked) private(set) var baseGaussian = Storage<Double>()
    @exclusivity(unchecked) private(set) var slope = Storage<Double>()

    @exclusivity(unchecked) private(set) var first = Storage<Int32>()
    @exclusivity(unchecked) private(set) var second = Storage<Int32>()
    @exclusivity(unchecked) private(set) var cosine = Storage<Double>()
    @exclusivity(unchecked) private(set) var pairDistance = Storage<Double>()
    @exclusivity(unchecked) private(set) var pairCutoff = Storage<Double>()
    @exclusivity(unchecked) private(set) var pairCutoffDerivative = Storage<Double>()
    @exclusivity(unchecked) private(set) var gaussianProduct = Storage<Double>()

    deinit {
        radialDerivative.free()
        neighbor.free(); displacement.free(); distance.free(); inverseDistance.free(); cutoff.free(); cutoffDerivative.free(); baseGaussian.free(); slope.free()
        first.free(); second.free(); cosine.free(); pairDistance.free(); pairCutoff.free()
        pairCutoffDerivative.free(); gaussianProduct.free()
    }

    /// Forgets the last atom's records (keeping the memory).
    func reset() {
        groups.removeAll(keepingCapacity: true)
    }

    /// Starts a group of `members` members and `exponents` (η, r_s) with room for every pair of
    /// its members; returns the group's index.
    func beginGroup(members: Int, exponents: Int) -> Int {
        let last = groups.last
        var group = Group()
        group.memberStart = last.map { $0.memberStart + $0.memberCount } ?? 0
        group.memberCount = members
        group.exponents = exponents
        group.gaussianStart = last.map { $0.gaussianStart + $0.memberCount * $0.exponents } ?? 0
        group.pairStart = last.map { $0.pairStart + $0.pairCount } ?? 0
        group.gaussianProductStart = last.map { $0.gaussianProductStart + ($0.pairCount + 3) / 4 * 4 * $0.exponents } ?? 0
        // Every member and every pair of members, and three more of each for the last block of four.
        let memberEnd = group.memberStart + members + 3, pairEnd = group.pairStart + members * (members - 1) / 2 + 3
        neighbor.reserve(memberEnd)
        displacement.reserve(memberEnd)
        distance.reserve(memberEnd)
        inverseDistance.reserve(memberEnd)
        cutoff.reserve(memberEnd)
        cutoffDerivative.reserve(memberEnd)
        baseGaussian.reserve(group.gaussianStart + (members + 3) * exponents)
        slope.reserve(group.gaussianStart + members * exponents)
        first.reserve(pairEnd)
        second.reserve(pairEnd)
        cosine.reserve(pairEnd)
        pairDistance.reserve(pairEnd)
        pairCutoff.reserve(pairEnd)
        pairCutoffDerivative.reserve(pairEnd)
        gaussianProduct.reserve(group.gaussianProductStart + (pairEnd - group.pairStart) * exponents)
        groups.append(group)
        return groups.count - 1
    }

    /// Sets the pair count of the last group once its pairs are written.
    func endGroup(pairs: Int) {
        groups[groups.count - 1].pairCount = pairs
    }

    /// Where group number `index` keeps its records, for the hot loops (valid until the next
    /// `beginGroup`).
    func pointers(of index: Int) -> GroupPointers {
        let g = groups[index], m = g.memberStart, p = g.pairStart
        return GroupPointers(
            span: g, neighbor: neighbor.base + m, displacement: displacement.base + m, distance: distance.base + m,
            inverseDistance: inverseDistance.base + m, cutoff: cutoff.base + m,
            cutoffDerivative: cutoffDerivative.base + m, baseGaussian: baseGaussian.base + g.gaussianStart,
            slope: slope.base + g.gaussianStart, first: first.base + p, second: second.base + p, cosine: cosine.base + p,
            pairDistance: pairDistance.base + p, pairCutoff: pairCutoff.base + p,
            pairCutoffDerivative: pairCutoffDerivative.base + p, gaussianProduct: gaussianProduct.base + g.gaussianProductStart)
    }

    /// The records of one group: members at [a], their base Gaussians at [a × bases + b] and
    /// slopes at [a × exponents + q], pairs at [p], their Gaussian products by blocks of four
    /// (above).
    struct GroupPointers {
        let span: Group
        let neighbor: UnsafeMutablePointer<Int32>
        let displacement: UnsafeMutablePointer<SIMD3<Double>>, distance: UnsafeMutablePointer<Double>
        let inverseDistance: UnsafeMutablePointer<Double>
        let cutoff: UnsafeMutablePointer<Double>, cutoffDerivative: UnsafeMutablePointer<Double>
        let baseGaussian: UnsafeMutablePointer<Double>, slope: UnsafeMutablePointer<Double>
        let first: UnsafeMutablePointer<Int32>, second: UnsafeMutablePointer<Int32>
        let cosine: UnsafeMutablePointer<Double>, pairDistance: UnsafeMutablePointer<Double>
        let pairCutoff: UnsafeMutablePointer<Double>, pairCutoffDerivative: UnsafeMutablePointer<Double>
        let gaussianProduct: UnsafeMutablePointer<Double>
    }

    /// An unmanaged array that only grows (by a quarter more than asked), for the hot loops.
    struct Storage<Element> {
        private(set) var base = UnsafeMutablePointer<Element>.allocate(capacity: 0)
        private(set) var capacity = 0

        /// Room for `count` elements, keeping the ones written so far (plain numbers, which
        /// need no initialization).
        mutating func reserve(_ count: Int) {
            guard count > capacity else { return }
            let grown = count + count / 4 + 64
            let fresh = UnsafeMutablePointer<Element>.allocate(capacity: grown)
            fresh.initialize(from: base, count: capacity)
            base.deallocate()
            base = fresh
            capacity = grown
        }

        func free() { base.deallocate() }

        subscript(i: Int) -> Element {
            get { base[i] }
            nonmutating set { base[i] = newValue }
        }
    }
}
