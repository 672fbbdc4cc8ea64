import BasinAtoms
import BasinOptimize
import BasinPotentials

/// The local minimum below each path frame (the paper's Figure 5): every frame relaxed with
/// L-BFGS, and the sequence of distinct minima the path passes through.
public struct FrameQuench: Sendable {
    /// The minimum energy reached from each frame (energy units).
    public var energies: [Double]
    /// Whether each relaxation met the force threshold.
    public var converged: [Bool]
    /// The energies of the distinct minima in the order the path visits them (consecutive
    /// frames within `energyTolerance` count as one basin).
    public var basins: [Double]

    /// Relaxes each configuration until every force is below `maximumForce`.
    public static func run(
        _ configurations: [Configuration], potential: any Potential, maximumForce: Double = 1e-6,
        maximumSteps: Int = 20_000, energyTolerance: Double = 1e-5
    ) throws(LeastActionError) -> FrameQuench {
        let calculator = Calculator(potential: potential)
        var energies: [Double] = [], converged: [Bool] = []
        for var configuration in configurations {
            configuration.velocities = nil
            do {
                let result = try LBFGS().relax(&configuration, calculator: calculator,
                                               until: StoppingCriteria(maximumForce: maximumForce, maximumSteps: maximumSteps))
                energies.append(result.value)
                converged.append(result.converged)
            } catch {
                throw .potential(error)
            }
        }
        var basins: [Double] = []
        for e in energies where basins.last.map({ abs($0 - e) > energyTolerance }) ?? true { basins.append(e) }
        return FrameQuench(energies: energies, converged: converged, basins: basins)
    }
}
