import BasinMath
import Foundation

/// The simulation cell: three lattice vectors and a periodicity flag per direction.
///
/// The rows of `vectors` are the lattice vectors a, b, c (length units); a point with fractional
/// coordinates s has Cartesian position sᵀH = s.x·a + s.y·b + s.z·c. Any cell is allowed
/// (orthorhombic or triclinic); a cluster has no periodic direction and may have a zero cell.
/// Invariant: along each periodic direction the cell has non-zero thickness.
public struct Cell: Sendable, Equatable, Codable {
    /// Lattice vectors as rows.
    public var vectors: Matrix3
    /// Periodicity along a, b, c.
    public var periodic: [Bool]

    public init(vectors: Matrix3, periodic: [Bool] = [true, true, true]) {
        precondition(periodic.count == 3, "periodicity needs three flags")
        self.vectors = vectors
        self.periodic = periodic
    }

    /// An orthorhombic cell with edge lengths `lengths`, periodic in every direction by default.
    public static func orthorhombic(_ lengths: SIMD3<Double>, periodic: [Bool] = [true, true, true]) -> Cell {
        Cell(vectors: .diagonal(lengths), periodic: periodic)
    }

    /// No cell and no periodicity: a cluster in open space.
    public static let open = Cell(vectors: .zero, periodic: [false, false, false])

    public var isPeriodic: Bool { periodic.contains(true) }

    /// True when every lattice vector lies along its own Cartesian axis.
    public var isOrthorhombic: Bool {
        let v = vectors
        return v[0, 1] == 0 && v[0, 2] == 0 && v[1, 0] == 0 && v[1, 2] == 0 && v[2, 0] == 0 && v[2, 1] == 0
    }

    /// Volume |a · (b × c)| in length units cubed.
    public var volume: Double { abs(vectors.determinant) }

    /// Lengths of a, b, c.
    public var lengths: SIMD3<Double> { SIMD3(length(vectors[0]), length(vectors[1]), length(vectors[2])) }

    /// Angles α (between b and c), β (a, c), γ (a, b) in degrees.
    public var anglesInDegrees: SIMD3<Double> {
        func angle(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double {
            let c = dot(u, v) / (length(u) * length(v))
            return acosDegrees(max(-1, min(1, c)))
        }
        return SIMD3(angle(vectors[1], vectors[2]), angle(vectors[0], vectors[2]), angle(vectors[0], vectors[1]))
    }

    /// Distances between opposite faces of the cell: the thickness along each lattice direction.
    /// A sphere of radius r fits inside the cell along direction k when 2r ≤ `perpendicularWidths[k]`.
    public var perpendicularWidths: SIMD3<Double> {
        let spanning = spanningVectors
        let v = abs(spanning.determinant)
        let a = spanning[0], b = spanning[1], c = spanning[2]
        return SIMD3(v / length(cross(b, c)), v / length(cross(c, a)), v / length(cross(a, b)))
    }

    /// Checks that the cell can serve its periodic directions: finite entries, and periodic
    /// lattice vectors that are non-zero and independent. An open direction may have a zero
    /// vector (an ASE slab: `pbc="T T F"` with c = 0).
    public func validate() throws(AtomsError) {
        guard vectors.isFinite else { throw .nonFinite(what: "a cell vector", atom: nil) }
        guard isPeriodic else { return }
        let spanning = spanningVectors
        let scale = max(1, spanning.maxMagnitude)
        guard abs(spanning.determinant) > 1e-12 * scale * scale * scale else {
            throw .invalidCell("the periodic lattice vectors must be non-zero and independent")
        }
    }

    /// The lattice vectors with any zero vector of an open direction replaced by a unit vector
    /// perpendicular to the others, so that fractional coordinates exist for slabs and wires.
    /// Equal to `vectors` whenever all three vectors are non-zero.
    public var spanningVectors: Matrix3 {
        var v = vectors
        func axis(_ k: Int) -> SIMD3<Double> {
            var e = SIMD3<Double>.zero
            e[k] = 1
            return e
        }
        for k in 0..<3 where !periodic[k] && dot(v[k], v[k]) == 0 {
            let a = v[(k + 1) % 3], b = v[(k + 2) % 3]
            let hasA = dot(a, a) > 0, hasB = dot(b, b) > 0
            if hasA && hasB {
                let normal = cross(a, b)
                v[k] = dot(normal, normal) > 0 ? normal / length(normal) : axis(k)
            } else if hasA || hasB {
                // The axis least aligned with the one vector, made perpendicular to it.
                let one = hasA ? a : b
                let u = one / length(one)
                var best = axis(0)
                for j in 1..<3 where abs(dot(axis(j), u)) < abs(dot(best, u)) { best = axis(j) }
                let perpendicular = best - dot(best, u) * u
                v[k] = perpendicular / length(perpendicular)
            } else {
                v[k] = axis(k)
            }
        }
        return v
    }

    /// Fractional coordinates s of a Cartesian point r (r = sᵀH).
    @inlinable
    public func fractional(_ r: SIMD3<Double>, inverse: Matrix3) -> SIMD3<Double> {
        r * inverse
    }

    /// Cartesian position of fractional coordinates s.
    @inlinable
    public func cartesian(_ s: SIMD3<Double>) -> SIMD3<Double> { s * vectors }

    /// The lattice translation that brings `r` into the cell along the periodic directions
    /// (fractional coordinates in [0, 1)); zero along open directions.
    public func wrappingShift(_ r: SIMD3<Double>, inverse: Matrix3) -> SIMD3<Double> {
        let s = r * inverse
        var n = SIMD3<Double>.zero
        for k in 0..<3 where periodic[k] {
            n[k] = -s[k].rounded(.down)
        }
        return n * vectors
    }

    /// `r` brought into the cell along the periodic directions.
    public func wrap(_ r: SIMD3<Double>) -> SIMD3<Double> {
        guard isPeriodic else { return r }
        return r + wrappingShift(r, inverse: spanningVectors.inverse)
    }

    /// The shortest periodic image of the displacement `d`.
    ///
    /// Exact for any cell: after reducing `d` to fractional coordinates in [−½, ½), the 27
    /// neighboring lattice translations are compared, which covers skewed triclinic cells.
    public func minimumImage(_ d: SIMD3<Double>) -> SIMD3<Double> {
        guard isPeriodic else { return d }
        let spanning = spanningVectors
        var s = d * spanning.inverse
        for k in 0..<3 where periodic[k] { s[k] -= s[k].rounded(.toNearestOrEven) }
        let base = s * spanning
        var best = base
        var bestLength = dot(base, base)
        let range = { (k: Int) in self.periodic[k] ? -1...1 : 0...0 }
        for i in range(0) {
            for j in range(1) {
                for k in range(2) where i != 0 || j != 0 || k != 0 {
                    let candidate = base + SIMD3(Double(i), Double(j), Double(k)) * vectors
                    let l = dot(candidate, candidate)
                    if l < bestLength { best = candidate; bestLength = l }
                }
            }
        }
        return best
    }
}

private func acosDegrees(_ x: Double) -> Double {
    // acos through atan2 keeps full precision near ±1.
    atan2((1 - x * x).squareRoot(), x) * 180 / Double.pi
}
