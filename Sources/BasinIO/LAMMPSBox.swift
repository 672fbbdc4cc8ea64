import BasinAtoms
import BasinMath

/// A LAMMPS simulation box: bounds `xlo xhi`, `ylo yhi`, `zlo zhi` and tilts `xy xz yz`.
///
/// Its lattice vectors are a = (xhi − xlo, 0, 0), b = (xy, yhi − ylo, 0),
/// c = (xz, yz, zhi − zlo) (length units): LAMMPS's restricted triclinic form, in which a lies
/// along x and b in the xy plane. The corner `low` is the origin of the box.
struct LAMMPSBox: Equatable {
    var low: SIMD3<Double>
    var high: SIMD3<Double>
    /// xy, xz, yz.
    var tilt: SIMD3<Double> = .zero

    var isTriclinic: Bool { tilt != .zero }

    /// The lattice vectors as rows.
    var vectors: Matrix3 {
        let size = high - low
        return Matrix3(rows: SIMD3(size.x, 0, 0), SIMD3(tilt.x, size.y, 0), SIMD3(tilt.y, tilt.z, size.z))
    }

    /// The box of a dump's `ITEM: BOX BOUNDS xy xz yz` lines, which give the bounding box of
    /// the tilted cell rather than its bounds (LAMMPS manual, "Triclinic simulation boxes").
    init(boundingLow: SIMD3<Double>, boundingHigh: SIMD3<Double>, tilt: SIMD3<Double>) {
        let (xy, xz, yz) = (tilt.x, tilt.y, tilt.z)
        low = boundingLow - SIMD3(min(0, xy, xz, xy + xz), min(0, yz), 0)
        high = boundingHigh - SIMD3(max(0, xy, xz, xy + xz), max(0, yz), 0)
        self.tilt = tilt
    }

    init(low: SIMD3<Double>, high: SIMD3<Double>, tilt: SIMD3<Double> = .zero) {
        self.low = low
        self.high = high
        self.tilt = tilt
    }

    /// Bounds of the bounding box of the tilted cell, as dumps write them.
    var boundingLow: SIMD3<Double> {
        let (xy, xz, yz) = (tilt.x, tilt.y, tilt.z)
        return low + SIMD3(min(0, xy, xz, xy + xz), min(0, yz), 0)
    }

    var boundingHigh: SIMD3<Double> {
        let (xy, xz, yz) = (tilt.x, tilt.y, tilt.z)
        return high + SIMD3(max(0, xy, xz, xy + xz), max(0, yz), 0)
    }
}

/// How a configuration is placed in a LAMMPS box for writing.
///
/// A periodic cell H (rows a, b, c) is rotated rigidly into LAMMPS's form: a along +x, b in the
/// xy plane with positive y, c with positive z. Positions, velocities and forces are rotated
/// with it (r′ = R r); a cell already in that form is used as is, without rounding. A
/// left-handed cell (det H < 0) cannot be rotated into that form and is mirrored instead
/// (z′ = −(r · e₃)), which leaves every reflection-invariant property (energies, distances)
/// unchanged. A configuration with no periodic direction gets the axis-aligned bounding box of
/// its atoms, enlarged by `clusterMargin` on every side.
struct LAMMPSPlacement {
    /// Distance (length units) between a cluster's outermost atoms and its box.
    static let clusterMargin = 1.0

    let box: LAMMPSBox
    let periodic: [Bool]
    /// Rows e₁, e₂, ±e₃; nil when no rotation is needed.
    private let rotation: Matrix3?
    private let inverseVectors: Matrix3
    private let file: String

    init(_ configuration: Configuration, file: String) throws(FileFormatError) {
        self.file = file
        let cell = configuration.cell
        periodic = cell.periodic
        guard cell.isPeriodic else {
            var low = SIMD3<Double>(repeating: 0), high = SIMD3<Double>(repeating: 0)
            if let first = configuration.positions.first {
                low = first
                high = first
                for r in configuration.positions {
                    low = pointwiseMin(low, r)
                    high = pointwiseMax(high, r)
                }
            }
            for value in [low.x, low.y, low.z, high.x, high.y, high.z] where !value.isFinite {
                throw FileFormatError(file: file, line: nil, .cannotWrite("a position is not finite"))
            }
            let margin = SIMD3<Double>(repeating: Self.clusterMargin)
            box = LAMMPSBox(low: low - margin, high: high + margin)
            rotation = nil
            inverseVectors = box.vectors.inverse
            return
        }
        do {
            try cell.validate()
        } catch {
            throw FileFormatError(file: file, line: nil, .cannotWrite("\(error)"))
        }
        let h = cell.vectors
        let (a, b, c) = (h[0], h[1], h[2])
        if a.y == 0, a.z == 0, b.z == 0, a.x > 0, b.y > 0, c.z > 0 {
            box = LAMMPSBox(low: .zero, high: SIMD3(a.x, b.y, c.z), tilt: SIMD3(b.x, c.x, c.y))
            rotation = nil
        } else {
            let e1 = a / length(a)
            let bPerpendicular = b - dot(b, e1) * e1
            let e2 = bPerpendicular / length(bPerpendicular)
            let e3 = cross(e1, e2)
            let handedness: Double = h.determinant > 0 ? 1 : -1
            let r = Matrix3(rows: e1, e2, handedness * e3)
            rotation = r
            let (bRotated, cRotated) = (r * b, r * c)
            box = LAMMPSBox(
                low: .zero, high: SIMD3(length(a), bRotated.y, cRotated.z),
                tilt: SIMD3(bRotated.x, cRotated.x, cRotated.y))
        }
        inverseVectors = box.vectors.inverse
    }

    /// A vector (velocity, force) in the box's frame.
    func rotate(_ v: SIMD3<Double>) -> SIMD3<Double> {
        rotation.map { $0 * v } ?? v
    }

    /// Atom `i`'s position `r` in the box's frame, wrapped into the box along periodic
    /// directions, and its image flags: the position is `wrapped + image · H′` (H′ the box
    /// vectors). Fails for non-finite positions and images beyond ±2³¹.
    func place(_ r: SIMD3<Double>, atom i: Int) throws(FileFormatError) -> (wrapped: SIMD3<Double>, image: SIMD3<Int>) {
        guard r.x.isFinite, r.y.isFinite, r.z.isFinite else {
            throw FileFormatError(file: file, line: nil, .cannotWrite("the position of atom \(i + 1) is not finite"))
        }
        let rotated = rotate(r)
        let s = (rotated - box.low) * inverseVectors
        var image = SIMD3<Int>.zero
        var shift = SIMD3<Double>.zero
        for k in 0..<3 where periodic[k] {
            let n = s[k].rounded(.down)
            guard abs(n) < Double(Int32.max) else {
                throw FileFormatError(file: file, line: nil, .cannotWrite("atom \(i + 1) lies too many periods outside the cell"))
            }
            shift[k] = n
            image[k] = Int(n)
        }
        return (rotated - shift * box.vectors, image)
    }
}
