import BasinAtoms
import BasinMath
import BasinOptimize

/// The image-dependent pair potential of Smidstrup, Pedersen, Stokbro & Jónsson (J. Chem. Phys.
/// 140, 214106 (2014), eq. 2): for the image at fraction κ of the way from A to B,
///
///     S(x) = Σ_{i<j} w(d_ij) (d_ij^κ − d_ij)²,   d_ij^κ = d_ij^A + κ (d_ij^B − d_ij^A),   w(d) = d⁻⁴,
///
/// whose minimum puts every pair near the linearly interpolated distance, so that no two atoms
/// overlap as they can on the straight line in Cartesian coordinates. In a periodic cell the
/// end distances are minimum-image distances, and each pair keeps the lattice translation that
/// is its minimum image on the straight line at κ, so S stays smooth (no image switches) and
/// costs no image search. Units: length⁻² for S, length⁻³ for its gradient.
public struct ImageDependentPairPotential: LandscapeSurface {
    /// Target distance of every pair i < j, in the order (0,1), (0,2), …, (1,2), ….
    public let targets: [Double]
    public let cell: Cell
    /// The lattice translation added to r_j − r_i of every pair (zero for a cluster).
    private let shifts: [SIMD3<Double>]
    private let atoms: Int

    /// The surface at fraction `fraction` (0…1) between `start` and `end` (3N coordinates each).
    public init(start: [Double], end: [Double], fraction: Double, cell: Cell = .open) {
        precondition(start.count == end.count && start.count % 3 == 0, "end points need 3N coordinates each")
        atoms = start.count / 3
        self.cell = cell
        let a = Self.distances(start, cell: cell), b = Self.distances(end, cell: cell)
        targets = zip(a, b).map { $0 + fraction * ($1 - $0) }
        let straight = RigidModes.vectors(zip(start, BandInterpolation.nearestImage(of: end, to: start, cell: cell)).map { $0 + fraction * ($1 - $0) })
        var shifts: [SIMD3<Double>] = []
        shifts.reserveCapacity(targets.count)
        for i in straight.indices {
            for j in (i + 1)..<straight.count {
                let d = straight[j] - straight[i]
                shifts.append(cell.isPeriodic ? cell.minimumImage(d) - d : .zero)
            }
        }
        self.shifts = shifts
    }

    public var dimension: Int { 3 * atoms }

    public func evaluate(at x: [Double], gradient: inout [Double]) -> Double {
        for k in gradient.indices { gradient[k] = 0 }
        var value = 0.0, pair = 0
        for i in 0..<atoms {
            let ri = SIMD3(x[3 * i], x[3 * i + 1], x[3 * i + 2])
            for j in (i + 1)..<atoms {
                let d = SIMD3(x[3 * j], x[3 * j + 1], x[3 * j + 2]) - ri + shifts[pair]
                let r = length(d), gap = targets[pair] - r
                pair += 1
                let w = 1 / (r * r * r * r)
                value += w * gap * gap
                // dS/dr = −4 w gap² / r − 2 w gap.
                let dSdr = -4 * w * gap * gap / r - 2 * w * gap
                let g = (dSdr / r) * d
                gradient[3 * j] += g.x
                gradient[3 * j + 1] += g.y
                gradient[3 * j + 2] += g.z
                gradient[3 * i] -= g.x
                gradient[3 * i + 1] -= g.y
                gradient[3 * i + 2] -= g.z
            }
        }
        return value
    }

    /// Central differences of the analytic gradient (`LandscapeSurface.centralDifferenceHessian`).
    public func hessian(at x: [Double]) -> DenseMatrix {
        var copy = self
        return Self.centralDifferenceHessian(of: &copy, at: x, step: 1e-5)
    }

    public func symmetryModes(at x: [Double]) -> [[Double]] { RigidModes.modes(at: x, rotations: !cell.isPeriodic) }

    /// `x` itself: the surface is fixed in space by its targets only up to rigid motions, which
    /// bands of it never need to undo.
    public func aligned(_ x: [Double], onto reference: [Double]) -> [Double] { x }

    /// The same minimum when no coordinate differs by more than 10⁻⁶ length.
    public func sameMinimum(_ a: [Double], value valueA: Double, _ b: [Double], value valueB: Double) -> Bool {
        zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 }
    }

    /// The largest per-atom length.
    public func norm(_ vector: [Double]) -> Double { RigidModes.largestAtomLength(vector) }

    /// Distances of all pairs i < j of 3N coordinates.
    private static func distances(_ x: [Double], cell: Cell) -> [Double] {
        let r = RigidModes.vectors(x)
        var result: [Double] = []
        result.reserveCapacity(r.count * (r.count - 1) / 2)
        for i in r.indices {
            for j in (i + 1)..<r.count { result.append(length(cell.isPeriodic ? cell.minimumImage(r[j] - r[i]) : r[j] - r[i])) }
        }
        return result
    }
}
