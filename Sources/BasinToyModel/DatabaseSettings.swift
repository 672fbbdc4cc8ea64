/// Everything that fixes a toy-model database: with the same settings (seed included) the
/// records are identical, whatever the number of threads.
public struct DatabaseSettings: Sendable, Codable, Equatable {
    /// The widths w: `widthCount` values evenly spaced from `widthStart` to `widthEnd` (length).
    public var widthStart: Double
    public var widthEnd: Double
    public var widthCount: Int
    /// Data points generated per width, before the percentile cut.
    public var pointsPerWidth: Int
    /// N_p.
    public var particleCount: Int
    /// d, 2 or 3.
    public var dimension: Int
    public var mode: EnergyMode
    /// n, R₀, R_c and E_c of the modified Lennard-Jones function.
    public var exponent: Int
    public var cutoff: Double
    public var characteristicDistance: Double
    public var characteristicEnergy: Double
    /// d_s of the stored energies (nil: automatic).
    public var depth: Int?
    public var relaxation: Relaxation
    /// Per width, only energies below this quantile (pandas' linear interpolation) are kept,
    /// as the thesis's code does; 1 keeps every point.
    public var keptFraction: Double
    public var seed: UInt64

    public init(
        widthStart: Double, widthEnd: Double, widthCount: Int, pointsPerWidth: Int, particleCount: Int = 4,
        dimension: Int = 2, mode: EnergyMode = .periodic, potential: ModifiedLennardJones = .thesis,
        depth: Int? = nil, relaxation: Relaxation, keptFraction: Double = 1, seed: UInt64 = 1
    ) throws(ToyModelError) {
        self.widthStart = widthStart
        self.widthEnd = widthEnd
        self.widthCount = widthCount
        self.pointsPerWidth = pointsPerWidth
        self.particleCount = particleCount
        self.dimension = dimension
        self.mode = mode
        exponent = potential.exponent
        cutoff = potential.cutoff
        characteristicDistance = potential.characteristicDistance
        characteristicEnergy = potential.characteristicEnergy
        self.depth = depth
        self.relaxation = relaxation
        self.keptFraction = keptFraction
        self.seed = seed
        try validate()
    }

    /// Throws for any value out of range (and for an invalid potential).
    public func validate() throws(ToyModelError) {
        try ToyStructure.validate(dimension: dimension, width: min(widthStart, widthEnd), particleCount: particleCount)
        try ToyStructure.validate(dimension: dimension, width: max(widthStart, widthEnd), particleCount: particleCount)
        guard widthCount >= 1 else { throw .invalidParameter("the number of widths must be at least 1, got \(widthCount)") }
        guard widthCount > 1 || widthStart == widthEnd else {
            throw .invalidParameter("one width needs equal start and end, got \(widthStart) and \(widthEnd)")
        }
        guard pointsPerWidth >= 1 else { throw .invalidParameter("the number of data points per width must be at least 1, got \(pointsPerWidth)") }
        guard widthCount <= 1_000_000, pointsPerWidth <= 1_000_000_000, widthCount * pointsPerWidth <= 1_000_000_000 else {
            throw .invalidParameter("a database holds at most 10⁹ points (widths × points per width), got \(widthCount) × \(pointsPerWidth)")
        }
        guard keptFraction > 0, keptFraction <= 1 else { throw .invalidParameter("the kept fraction must lie in (0, 1], got \(keptFraction)") }
        guard (depth ?? 0) >= 0 else { throw .invalidParameter("the depth cannot be negative, got \(depth!)") }
        let model = ToyModel(potential: try potential(), mode: mode)
        let narrowest = try ToyStructure(dimension: dimension, width: min(widthStart, widthEnd), positions: [.zero])
        try model.checkImages(narrowest, depth: depth)
        try model.checkImages(narrowest, depth: relaxation.depth)
        _ = try Relaxation(epochs: relaxation.epochs, maxStep: relaxation.maxStep, move: relaxation.move, depth: relaxation.depth,
                           staleImages: relaxation.staleImages)
        try relaxation.validate(for: mode)
    }

    public func potential() throws(ToyModelError) -> ModifiedLennardJones {
        try ModifiedLennardJones(exponent: exponent, cutoff: cutoff, characteristicDistance: characteristicDistance, characteristicEnergy: characteristicEnergy)
    }

    /// Width number k of 0..<widthCount.
    public func width(_ k: Int) -> Double {
        widthCount == 1 ? widthStart : widthStart + (widthEnd - widthStart) * Double(k) / Double(widthCount - 1)
    }
}
