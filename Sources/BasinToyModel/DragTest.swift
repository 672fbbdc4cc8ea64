/// The drag test: one particle is moved along a line through the cell while the others stay,
/// and the true energy per particle is compared with a network's prediction.
public enum DragTest {
    /// One position on the path.
    public struct Point: Sendable, Codable, Equatable {
        /// The dragged particle's coordinate along the line (length).
        public var position: Double
        /// E/N_p of the model and of the network (energy unit of E_c).
        public var trueEnergy: Double
        public var predictedEnergy: Double
        /// d(E/N_p)/d(position): analytic for the model, central differences for the network.
        public var trueSlope: Double
        public var predictedSlope: Double
        /// The network's inputs, the proximity-matrix eigenvalues.
        public var eigenvalues: [Double]
    }

    /// Drags `particle` along `axis` (0 = x, 1 = y, 2 = z) from 0 to w in `steps` steps.
    public static func run(
        _ structure: ToyStructure, particle: Int, axis: Int, steps: Int, network: ToyNetwork
    ) throws(ToyModelError) -> [Point] {
        guard structure.positions.indices.contains(particle) else {
            throw .invalidParameter("particle \(particle) does not exist (N_p = \(structure.count))")
        }
        guard (0..<structure.dimension).contains(axis) else { throw .invalidParameter("axis \(axis) does not exist in \(structure.dimension)-D") }
        guard steps >= 2 else { throw .invalidParameter("the drag path needs at least 2 steps, got \(steps)") }
        let settings = network.settings
        guard settings.dimension == structure.dimension, settings.particleCount == structure.count else {
            throw .invalidParameter("the network was trained on \(settings.particleCount) particles in \(settings.dimension)-D")
        }
        let model = ToyModel(potential: try settings.potential(), mode: settings.mode)
        try model.checkImages(structure, depth: settings.depth)
        try network.descriptor.checkImages(structure)
        let workspace = ToyWorkspace()
        let w = structure.width, h = 1e-5 * w
        var s = structure, gradient: [SIMD3<Double>] = []
        var points: [Point] = []
        for k in 0...steps {
            let x = w * Double(k) / Double(steps)
            s.positions[particle][axis] = x
            let energy = model.energyPerParticle(s, depth: settings.depth, gradient: &gradient, workspace: workspace)
            let eigenvalues = network.descriptor.values(s)
            var plus = s, minus = s
            plus.positions[particle][axis] = x + h
            minus.positions[particle][axis] = x - h
            let predicted = network.predict([eigenvalues, network.descriptor.values(plus), network.descriptor.values(minus)])
            points.append(Point(
                position: x, trueEnergy: energy, predictedEnergy: predicted[0], trueSlope: gradient[particle][axis],
                predictedSlope: (predicted[1] - predicted[2]) / (2 * h), eigenvalues: eigenvalues))
        }
        return points
    }
}
