/// The reduced coordinates of a cluster (Retzlaff, Munson & Di): atom 1 at the origin, atom 2
/// on the x-axis at (x₂, 0, 0) and atom 3 in the xy-plane at (x₃, y₃, 0), which removes the six
/// rigid-body motions and leaves 3n − 6 variables (one, the distance, for n = 2).
///
/// Which input atoms play 1, 2 and 3 is a choice (see `FrameSelection`). Reduced atom order is
/// atom 1, atom 2, atom 3, then the other atoms in input order; the variables are
/// x₂, x₃, y₃, then x, y, z of every further atom.
public struct ReducedFrame: Sendable, Equatable, Codable {
    /// Input indices (from 0) of the atoms placed at the origin, on the x-axis and in the xy-plane.
    public let origin: Int
    public let axis: Int
    public let plane: Int?
    /// Input index of each reduced atom.
    public let order: [Int]

    /// A frame for `atomCount` atoms; `plane` is required from three atoms on.
    public init(atomCount: Int, origin: Int, axis: Int, plane: Int?) throws(CompressionError) {
        guard atomCount >= 2 else { throw .tooFewAtoms(atomCount) }
        let chosen = [origin, axis] + (plane.map { [$0] } ?? [])
        guard chosen.allSatisfy({ (0..<atomCount).contains($0) }) else {
            throw .invalidFrame("atom index out of range 1...\(atomCount)")
        }
        guard Set(chosen).count == chosen.count else { throw .invalidFrame("atoms 1, 2, 3 must be different") }
        guard (atomCount >= 3) == (plane != nil) else {
            throw .invalidFrame(atomCount >= 3 ? "a third atom is needed" : "two atoms take no third")
        }
        self.origin = origin
        self.axis = axis
        self.plane = plane
        order = chosen + (0..<atomCount).filter { !chosen.contains($0) }
    }

    public var atomCount: Int { order.count }

    /// Number of free variables: 3n − 6, or 1 for two atoms.
    public var variableCount: Int { ReducedLayout(atomCount: atomCount).variableCount }

    /// The frame as it lies in `positions`: atom 1's place and the orthonormal axes e₁ (towards
    /// atom 2), e₂ (towards atom 3, in the plane of atoms 1–3) and e₃ = e₁ × e₂.
    public struct Axes: Sendable {
        public var center: SIMD3<Double>
        public var e1: SIMD3<Double>, e2: SIMD3<Double>, e3: SIMD3<Double>

        /// The axes with atom `origin` at the centre, e₁ towards atom `axis` and e₂ towards
        /// atom `plane` (when given) in the plane of the three. Nil when atoms `origin` and `axis`
        /// coincide, or, when `strict`, when atom `plane` lies on the axis; otherwise such an
        /// atom 3 gets an arbitrary perpendicular e₂, and the Hessian then shows the rotation
        /// about the axis as a zero mode unless every atom is on it.
        public init?(positions: [SIMD3<Double>], origin: Int, axis: Int, plane: Int?, strict: Bool) {
            center = positions[origin]
            let first = positions[axis] - center
            let length = (first * first).sum().squareRoot()
            guard length > 0 else { return nil }
            e1 = first / length
            e2 = SIMD3(0, 1, 0)
            e3 = SIMD3(0, 0, 1)
            guard let plane else { return }
            let v = positions[plane] - center
            let w = v - (v * e1).sum() * e1
            let height = (w * w).sum().squareRoot()
            if height > 1e-9 * max(1, (v * v).sum().squareRoot()) {
                e2 = w / height
            } else {
                guard !strict else { return nil }
                let helper: SIMD3<Double> = abs(e1.x) < 0.9 ? SIMD3(1, 0, 0) : SIMD3(0, 1, 0)
                let p = helper - (helper * e1).sum() * e1
                e2 = p / (p * p).sum().squareRoot()
            }
            e3 = SIMD3(e1.y * e2.z - e1.z * e2.y, e1.z * e2.x - e1.x * e2.z, e1.x * e2.y - e1.y * e2.x)
        }

        /// `local` (frame coordinates) in the coordinates the axes were taken from.
        public func placing(_ local: SIMD3<Double>) -> SIMD3<Double> {
            center + local.x * e1 + local.y * e2 + local.z * e3
        }
    }

    /// The frame's axes in `positions` (input order, length units).
    public func axes(in positions: [SIMD3<Double>]) throws(CompressionError) -> Axes {
        precondition(positions.count == atomCount, "one position per atom")
        for (index, p) in positions.enumerated() where !(p.x.isFinite && p.y.isFinite && p.z.isFinite) {
            throw .nonFiniteCoordinates(atom: index)
        }
        guard let axes = Axes(positions: positions, origin: origin, axis: axis, plane: plane, strict: false) else {
            throw .coincidentAtoms(origin, axis)
        }
        return axes
    }

    /// The reduced coordinates of `positions` (input order, length units).
    public func coordinates(of positions: [SIMD3<Double>]) throws(CompressionError) -> [Double] {
        let frame = try axes(in: positions)
        let layout = ReducedLayout(atomCount: atomCount)
        var x = [Double](repeating: 0, count: layout.variableCount)
        for (reduced, atom) in order.enumerated() {
            let q = positions[atom] - frame.center
            let local = SIMD3((q * frame.e1).sum(), (q * frame.e2).sum(), (q * frame.e3).sum())
            for d in 0..<3 {
                let index = layout.variable(atom: reduced, component: d)
                if index >= 0 { x[index] = local[d] }
            }
        }
        return x
    }

    /// Cartesian positions in input order for reduced coordinates `x`.
    public func positions(from x: [Double]) -> [SIMD3<Double>] {
        let reduced = ReducedLayout(atomCount: atomCount).positions(from: x)
        var result = [SIMD3<Double>](repeating: .zero, count: atomCount)
        for (index, atom) in order.enumerated() { result[atom] = reduced[index] }
        return result
    }
}

/// Where each Cartesian component of each reduced atom sits in the variable vector.
public struct ReducedLayout: Sendable, Equatable {
    public let atomCount: Int

    public init(atomCount: Int) { self.atomCount = atomCount }

    public var variableCount: Int { atomCount >= 3 ? 3 * atomCount - 6 : (atomCount == 2 ? 1 : 0) }

    /// The variable index of `component` (0, 1, 2 for x, y, z) of reduced atom `atom`, or −1
    /// for a coordinate fixed at zero.
    @inlinable
    public func variable(atom: Int, component: Int) -> Int {
        switch atom {
        case 0: return -1
        case 1: return component == 0 ? 0 : -1
        case 2: return component < 2 ? 1 + component : -1
        default: return 3 * atom - 6 + component
        }
    }

    /// Positions of the reduced atoms (reduced order) for variables `x`.
    public func positions(from x: [Double]) -> [SIMD3<Double>] {
        precondition(x.count == variableCount, "expected \(variableCount) reduced coordinates")
        var p = [SIMD3<Double>](repeating: .zero, count: atomCount)
        for atom in 1..<atomCount {
            for d in 0..<3 {
                let index = variable(atom: atom, component: d)
                if index >= 0 { p[atom][d] = x[index] }
            }
        }
        return p
    }

    /// Table of `variable(atom:component:)` for all atoms, indexed by 3·atom + component.
    public var table: [Int] {
        (0..<(3 * atomCount)).map { variable(atom: $0 / 3, component: $0 % 3) }
    }
}
