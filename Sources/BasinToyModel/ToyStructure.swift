import BasinMath

/// N_p particles in a square (d = 2) or cubic (d = 3) cell of width w, repeated periodically
/// along all d axes: the toy model's own d-dimensional representation.
///
/// Positions are stored as `SIMD3<Double>` for fast kernels; in 2-D the third component is
/// always 0 and the cell is not repeated along it. Coordinates are in the length unit of the
/// potential (R_c = 1 in the thesis). Positions need not lie inside [0, w)^d.
public struct ToyStructure: Sendable, Equatable {
    /// d, 2 or 3.
    public let dimension: Int
    /// w > 0 (length).
    public let width: Double
    /// The particles of the central cell; in 2-D every z is 0.
    public var positions: [SIMD3<Double>]

    /// Checks d ∈ {2, 3}, w > 0, N_p ≥ 1 and finite positions with z = 0 in 2-D.
    public init(dimension: Int, width: Double, positions: [SIMD3<Double>]) throws(ToyModelError) {
        try Self.validate(dimension: dimension, width: width, particleCount: positions.count)
        for (i, p) in positions.enumerated() {
            guard p.x.isFinite, p.y.isFinite, p.z.isFinite else { throw .invalidCoordinates(particle: i, reason: "coordinates must be finite") }
            guard dimension == 3 || p.z == 0 else { throw .invalidCoordinates(particle: i, reason: "a 2-D particle has z = 0") }
        }
        self.dimension = dimension
        self.width = width
        self.positions = positions
    }

    /// A structure from rows of d coordinates each.
    public init(dimension: Int, width: Double, coordinates: [[Double]]) throws(ToyModelError) {
        try Self.validate(dimension: dimension, width: width, particleCount: coordinates.count)
        var positions: [SIMD3<Double>] = []
        for (i, row) in coordinates.enumerated() {
            guard row.count == dimension else {
                throw .invalidCoordinates(particle: i, reason: "\(row.count) coordinates in a \(dimension)-D cell")
            }
            positions.append(SIMD3(row[0], row[1], dimension == 3 ? row[2] : 0))
        }
        try self.init(dimension: dimension, width: width, positions: positions)
    }

    /// Throws for d ∉ {2, 3}, w ≤ 0 or not finite, N_p = 0.
    /// The most particles a structure may hold: the model's energy is O(N_p³) per image cell.
    public static let maximumParticleCount = 10_000

    public static func validate(dimension: Int, width: Double, particleCount: Int) throws(ToyModelError) {
        guard dimension == 2 || dimension == 3 else { throw .invalidDimension(dimension) }
        guard width > 0, width.isFinite else { throw .invalidWidth(width) }
        guard particleCount > 0 else { throw .noParticles }
        guard particleCount <= maximumParticleCount else {
            throw .invalidParameter("a toy structure holds at most \(maximumParticleCount) particles, got \(particleCount)")
        }
    }

    /// N_p particles placed uniformly in [0, w)^d.
    public static func random(dimension: Int, width: Double, particleCount: Int, using generator: inout SeededGenerator) throws(ToyModelError) -> ToyStructure {
        try validate(dimension: dimension, width: width, particleCount: particleCount)
        let positions = (0..<particleCount).map { _ in
            SIMD3(width * generator.uniform(), width * generator.uniform(), dimension == 3 ? width * generator.uniform() : 0)
        }
        return try ToyStructure(dimension: dimension, width: width, positions: positions)
    }

    /// N_p.
    public var count: Int { positions.count }

    /// Rows of d coordinates, one per particle.
    public var coordinates: [[Double]] {
        positions.map { dimension == 3 ? [$0.x, $0.y, $0.z] : [$0.x, $0.y] }
    }

    /// Moves particle `i` back into [0, w)^d by whole lattice vectors.
    public mutating func wrap(particle i: Int) {
        var p = positions[i]
        p -= width * (p / width).rounded(.down)
        // Rounding can land exactly on w; that point belongs to the next cell's 0.
        p.replace(with: 0, where: p .>= width)
        positions[i] = p
    }
}
