import BasinAtoms
import BasinPotentials

extension Minimizer {
    /// Relaxes the atoms of `configuration` to a local minimum of the calculator's potential
    /// energy, moving only positions, and leaves the relaxed positions in `configuration`.
    ///
    /// The force threshold is the largest per-atom force (energy / length, ASE's fmax); the
    /// observer's points are 3N Cartesian coordinates (see `PotentialEnergySurface`).
    public func relax(
        _ configuration: inout Configuration, calculator: Calculator, until criteria: StoppingCriteria,
        observer: MinimizationObserver? = nil
    ) throws(PotentialError) -> MinimizationResult {
        var surface = PotentialEnergySurface(configuration: configuration, calculator: calculator)
        let result = try minimize(&surface, from: surface.coordinates, until: criteria, observer: observer)
        configuration = surface.configuration(at: result.point)
        return result
    }
}
