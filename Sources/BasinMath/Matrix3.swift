import RealModule

/// A 3×3 matrix of doubles stored by rows.
///
/// Used for cells (rows are the lattice vectors a, b, c), virial and stress tensors, and
/// rotations. Vectors are `SIMD3<Double>`; `matrix * v` treats `v` as a column.
public struct Matrix3: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The three rows.
    public var rows: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)

    public init(rows r0: SIMD3<Double>, _ r1: SIMD3<Double>, _ r2: SIMD3<Double>) {
        rows = (r0, r1, r2)
    }

    /// A matrix from nine numbers in row-major order.
    public init(_ values: [Double]) {
        precondition(values.count == 9, "Matrix3 needs 9 values")
        rows = (SIMD3(values[0], values[1], values[2]), SIMD3(values[3], values[4], values[5]), SIMD3(values[6], values[7], values[8]))
    }

    public static let zero = Matrix3(rows: .zero, .zero, .zero)
    public static let identity = Matrix3(rows: SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))

    /// A diagonal matrix.
    public static func diagonal(_ d: SIMD3<Double>) -> Matrix3 {
        Matrix3(rows: SIMD3(d.x, 0, 0), SIMD3(0, d.y, 0), SIMD3(0, 0, d.z))
    }

    /// The outer product a bᵀ.
    @inlinable
    public static func outer(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Matrix3 {
        Matrix3(rows: a.x * b, a.y * b, a.z * b)
    }

    /// Rotation by `angle` radians about `axis` (right-handed, Rodrigues' formula).
    public static func rotation(axis: SIMD3<Double>, angle: Double) -> Matrix3 {
        let u = axis / (axis * axis).sum().squareRoot()
        let c = Double.cos(angle), s = Double.sin(angle), t = 1 - c
        return Matrix3(rows:
            SIMD3(c + u.x * u.x * t, u.x * u.y * t - u.z * s, u.x * u.z * t + u.y * s),
            SIMD3(u.y * u.x * t + u.z * s, c + u.y * u.y * t, u.y * u.z * t - u.x * s),
            SIMD3(u.z * u.x * t - u.y * s, u.z * u.y * t + u.x * s, c + u.z * u.z * t))
    }

    public subscript(row: Int) -> SIMD3<Double> {
        get {
            switch row {
            case 0: rows.0
            case 1: rows.1
            default: rows.2
            }
        }
        set {
            switch row {
            case 0: rows.0 = newValue
            case 1: rows.1 = newValue
            default: rows.2 = newValue
            }
        }
    }

    public subscript(row: Int, column: Int) -> Double {
        get { self[row][column] }
        set { self[row][column] = newValue }
    }

    public var transposed: Matrix3 {
        Matrix3(rows: SIMD3(rows.0.x, rows.1.x, rows.2.x), SIMD3(rows.0.y, rows.1.y, rows.2.y), SIMD3(rows.0.z, rows.1.z, rows.2.z))
    }

    public var determinant: Double { dot(rows.0, cross(rows.1, rows.2)) }

    public var trace: Double { rows.0.x + rows.1.y + rows.2.z }

    /// The nine entries in row-major order.
    public var flattened: [Double] {
        [rows.0.x, rows.0.y, rows.0.z, rows.1.x, rows.1.y, rows.1.z, rows.2.x, rows.2.y, rows.2.z]
    }

    /// The inverse; the matrix must be non-singular.
    public var inverse: Matrix3 {
        let det = determinant
        precondition(det != 0, "singular matrix has no inverse")
        // Columns of the inverse are the cross products of the rows, divided by det.
        let c0 = cross(rows.1, rows.2) / det
        let c1 = cross(rows.2, rows.0) / det
        let c2 = cross(rows.0, rows.1) / det
        return Matrix3(rows: c0, c1, c2).transposed
    }

    /// Largest absolute entry.
    public var maxMagnitude: Double {
        func largest(_ v: SIMD3<Double>) -> Double { max(abs(v.x), max(abs(v.y), abs(v.z))) }
        return max(largest(rows.0), max(largest(rows.1), largest(rows.2)))
    }

    /// Whether every entry is finite: 0 · x is 0 for finite x and NaN for an infinity or NaN.
    public var isFinite: Bool {
        let zero = SIMD3<Double>(repeating: 0)
        let products: SIMD3<Double> = rows.0 * zero + rows.1 * zero + rows.2 * zero
        return products == zero
    }

    @inlinable
    public static func * (m: Matrix3, v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(dot(m.rows.0, v), dot(m.rows.1, v), dot(m.rows.2, v))
    }

    /// The row vector vᵀ M, i.e. Mᵀ v.
    @inlinable
    public static func * (v: SIMD3<Double>, m: Matrix3) -> SIMD3<Double> {
        v.x * m.rows.0 + v.y * m.rows.1 + v.z * m.rows.2
    }

    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(rows: a.rows.0 * b, a.rows.1 * b, a.rows.2 * b)
    }

    public static func * (s: Double, m: Matrix3) -> Matrix3 {
        Matrix3(rows: s * m.rows.0, s * m.rows.1, s * m.rows.2)
    }

    @inlinable
    public static func + (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(rows: a.rows.0 + b.rows.0, a.rows.1 + b.rows.1, a.rows.2 + b.rows.2)
    }

    public static func - (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(rows: a.rows.0 - b.rows.0, a.rows.1 - b.rows.1, a.rows.2 - b.rows.2)
    }

    @inlinable
    public static func += (a: inout Matrix3, b: Matrix3) { a = a + b }

    public static func == (a: Matrix3, b: Matrix3) -> Bool {
        a.rows.0 == b.rows.0 && a.rows.1 == b.rows.1 && a.rows.2 == b.rows.2
    }

    public var description: String {
        "[\(rows.0.x) \(rows.0.y) \(rows.0.z); \(rows.1.x) \(rows.1.y) \(rows.1.z); \(rows.2.x) \(rows.2.y) \(rows.2.z)]"
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var values: [Double] = []
        while !container.isAtEnd { values.append(try container.decode(Double.self)) }
        guard values.count == 9 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Matrix3 needs 9 values"))
        }
        self.init(values)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(contentsOf: flattened)
    }
}

/// Dot product of two 3-vectors.
@inlinable
public func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }

/// Cross product of two 3-vectors.
@inlinable
public func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

/// Euclidean length of a 3-vector.
@inlinable
public func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }
