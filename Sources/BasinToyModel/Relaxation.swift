import BasinMath

/// The thesis's relaxation: in each epoch every particle in turn is moved at random and the
/// move is kept if the energy per particle does not increase, otherwise reverted.
public struct Relaxation: Sendable, Codable, Equatable {
    /// How a trial move is drawn.
    public enum Move: String, Sendable, Codable, CaseIterable {
        /// A uniformly random direction and a length uniform in [0, maxΔ].
        case sphere
        /// Every coordinate shifted by maxΔ·U(−1, 1), as the thesis's code does.
        case cube
    }

    /// Number of epochs (sweeps over all particles), ≥ 0.
    public var epochs: Int
    /// maxΔ, the largest move (length), > 0.
    public var maxStep: Double
    public var move: Move
    /// d_s used while relaxing (nil: the model's automatic depth).
    public var depth: Int?
    /// Evaluate every trial with the images of the structure before relaxation, as the
    /// thesis's code does by mistake (`thesis` mode only).
    public var staleImages: Bool

    public init(epochs: Int = 40, maxStep: Double = 0.1, move: Move = .sphere, depth: Int? = nil, staleImages: Bool = false) throws(ToyModelError) {
        guard (0...10_000_000).contains(epochs) else { throw .invalidParameter("the number of relaxation epochs must be from 0 to 10000000, got \(epochs)") }
        guard maxStep > 0, maxStep.isFinite else { throw .invalidParameter("the largest move maxΔ must be positive, got \(maxStep)") }
        guard (depth ?? 0) >= 0 else { throw .invalidParameter("the relaxation depth cannot be negative, got \(depth!)") }
        self.epochs = epochs
        self.maxStep = maxStep
        self.move = move
        self.depth = depth
        self.staleImages = staleImages
    }

    /// Throws when the settings do not fit `mode`.
    public func validate(for mode: EnergyMode) throws(ToyModelError) {
        guard !staleImages || mode == .thesis else { throw .invalidParameter("stale images are a thesis-mode option") }
    }

    /// Relaxes `structure` in place; returns the fraction of accepted moves in each epoch.
    /// Moved particles are wrapped back into [0, w)^d.
    public func run(_ structure: inout ToyStructure, model: ToyModel, using generator: inout SeededGenerator, workspace: ToyWorkspace) -> [Double] {
        precondition(!staleImages || model.mode == .thesis, "stale images are a thesis-mode option")
        let initial = structure.positions
        func energyPerParticle(_ s: ToyStructure) -> Double {
            staleImages
                ? model.thesisEnergyPerParticle(s, imagePositions: initial, depth: depth, workspace: workspace)
                : model.energyPerParticle(s, depth: depth, workspace: workspace)
        }
        var energy = energyPerParticle(structure)
        var rates: [Double] = []
        rates.reserveCapacity(epochs)
        let n = structure.count
        for _ in 0..<epochs {
            var accepted = 0
            for i in 0..<n {
                let old = structure.positions[i]
                structure.positions[i] += step(dimension: structure.dimension, using: &generator)
                structure.wrap(particle: i)
                let trial = energyPerParticle(structure)
                if trial <= energy {
                    energy = trial
                    accepted += 1
                } else {
                    structure.positions[i] = old
                }
            }
            rates.append(Double(accepted) / Double(n))
        }
        return rates
    }

    /// One random displacement (z = 0 in 2-D).
    func step(dimension: Int, using generator: inout SeededGenerator) -> SIMD3<Double> {
        switch move {
        case .cube:
            let u = { (g: inout SeededGenerator) in maxStep * (2 * g.uniform() - 1) }
            return SIMD3(u(&generator), u(&generator), dimension == 3 ? u(&generator) : 0)
        case .sphere:
            let direction = SIMD3(generator.normal(), generator.normal(), dimension == 3 ? generator.normal() : 0)
            let length = (direction * direction).sum().squareRoot()
            return (maxStep * generator.uniform() / length) * direction
        }
    }
}
