import BasinAtoms

/// The functions of one central element arranged for evaluation: functions that share a
/// neighbor element (or pair) and a cutoff form a group, so that distances, cutoff values,
/// angles and the Gaussian factors of each (η, r_s) are computed once per neighbor or pair for
/// the whole group rather than once per function (the idea of n2p2's symmetry-function groups).
struct FunctionGroups: Sendable {
    /// Radial functions of one neighbor species and one cutoff.
    struct Radial: Sendable {
        /// Neighbor species index in the configuration.
        let species: Int32
        let cutoff: CutoffFunction
        /// (column in the element's function list, function).
        let members: [(column: Int, function: RadialSymmetryFunction)]
        /// The Gaussians of the Gaussian members, in member order.
        let family: GaussianFamily
        /// Each member's index in `family`, −1 for the other forms.
        let gaussianOfMember: [Int]

        init(species: Int32, cutoff: CutoffFunction, members: [(column: Int, function: RadialSymmetryFunction)]) {
            self.species = species
            self.cutoff = cutoff
            self.members = members
            let gaussians = members.filter { $0.function.typeCode == 2 }
            family = GaussianFamily(gaussians.map { ($0.function.eta, $0.function.shift) })
            var next = 0
            gaussianOfMember = members.map { member in
                guard member.function.typeCode == 2 else { return -1 }
                defer { next += 1 }
                return next
            }
        }

        /// Runs `body` with room for `forEachTerm`'s Gaussians and scratch (on the stack).
        @inline(__always)
        func withScratch<R>(_ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> R) -> R {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: family.count + family.bases.count + 1) { buffer in
                body(buffer.baseAddress!, buffer.baseAddress! + family.count)
            }
        }

        /// Calls `body(column, term, dterm/dr)` for each member at neighbor distance r < r_c,
        /// with `gaussians` and `scratch` room for `family.count` and `family.bases.count`.
        @inline(__always)
        func forEachTerm(
            _ r: Double, gaussians g: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
            _ body: (Int, Double, Double) -> Void
        ) {
            let (f, df) = cutoff.valueAndDerivative(r)
            family.evaluate(at: r, into: g, scratch: scratch)
            for m in members.indices {
                let q = gaussianOfMember[m]
                if q >= 0 {
                    let e = g[q]
                    body(members[m].column, e * f, e * (df - 2 * family.etas[q] * (r - family.shifts[q]) * f))
                } else {
                    let (value, derivative) = members[m].function.term(r, cutoff: f, cutoffDerivative: df)
                    body(members[m].column, value, derivative)
                }
            }
        }
    }

    /// Angular functions of one type, one unordered pair of neighbor species and one cutoff.
    struct Angular: Sendable {
        let isWide: Bool
        /// Neighbor species indices, `first <= second`.
        let first: Int32, second: Int32
        let cutoff: CutoffFunction
        /// Distinct (η, r_s) of the members: each gives one factor exp(−η(r − r_s)²) per distance.
        let exponents: [(eta: Double, shift: Double)]
        /// The Gaussians of `exponents`, in that order.
        let family: GaussianFamily
        /// Distinct (λ, ζ) of the members: each gives one angular part per pair.
        let shapes: [AngularShape]
        let members: [Member]

        struct Member: Sendable {
            let column: Int
            /// Index into `exponents`.
            let exponent: Int
            /// Index into `shapes`.
            let shape: Int
            /// 2^{1−ζ}.
            let prefactor: Double
        }
    }

    var radial: [Radial] = []
    var angular: [Angular] = []

    /// Groups `set` for a configuration whose species indices `species(e)` gives (−1 when the
    /// configuration lacks element e: those functions are zero and are left out).
    init(_ set: SymmetryFunctionSet, species: (Element) -> Int32) {
        var radialIndex: [RadialKey: Int] = [:]
        var radialMembers: [[(column: Int, function: RadialSymmetryFunction)]] = []
        var radialKeys: [RadialKey] = []
        var angularIndex: [AngularKey: Int] = [:]
        var angularMembers: [[(column: Int, function: AngularSymmetryFunction)]] = []
        var angularKeys: [AngularKey] = []
        for (column, function) in set.functions.enumerated() {
            switch function {
            case .radial(let g):
                let key = RadialKey(species: species(g.neighbor), cutoff: g.cutoff)
                guard key.species >= 0 else { continue }
                if radialIndex[key] == nil {
                    radialIndex[key] = radialKeys.count
                    radialKeys.append(key)
                    radialMembers.append([])
                }
                radialMembers[radialIndex[key]!].append((column, g))
            case .angular(let g):
                let a = species(g.e1), b = species(g.e2)
                guard a >= 0 && b >= 0 else { continue }
                let key = AngularKey(isWide: g.isWide, first: min(a, b), second: max(a, b), cutoff: g.cutoff)
                if angularIndex[key] == nil {
                    angularIndex[key] = angularKeys.count
                    angularKeys.append(key)
                    angularMembers.append([])
                }
                angularMembers[angularIndex[key]!].append((column, g))
            }
        }
        radial = zip(radialKeys, radialMembers).map { Radial(species: $0.species, cutoff: $0.cutoff, members: $1) }
        angular = zip(angularKeys, angularMembers).map { key, members in
            var exponents: [(eta: Double, shift: Double)] = []
            var shapes: [AngularShape] = []
            let grouped = members.map { column, g in
                let index = exponents.firstIndex { $0.eta == g.eta && $0.shift == g.shift } ?? {
                    exponents.append((g.eta, g.shift))
                    return exponents.count - 1
                }()
                let shape = AngularShape(lambda: g.lambda, zeta: g.zeta)
                let shapeIndex = shapes.firstIndex(of: shape) ?? {
                    shapes.append(shape)
                    return shapes.count - 1
                }()
                return Angular.Member(column: column, exponent: index, shape: shapeIndex, prefactor: g.prefactor)
            }
            return Angular(isWide: key.isWide, first: key.first, second: key.second, cutoff: key.cutoff,
                           exponents: exponents, family: GaussianFamily(exponents), shapes: shapes, members: grouped)
        }
    }

    private struct RadialKey: Hashable {
        let species: Int32
        let cutoff: CutoffFunction
    }

    private struct AngularKey: Hashable {
        let isWide: Bool
        let first: Int32, second: Int32
        let cutoff: CutoffFunction
    }
}
