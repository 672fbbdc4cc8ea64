import BasinAtoms
import BasinPotentials

extension NNPModel {
    /// The model as a potential: its networks (`NeuralNetworkPotential`), with the baseline added
    /// (`PotentialWithBaseline`) when the model has one.
    /// - Throws: `PotentialError.invalidParameters` for a model with a baseline asked for other
    ///   than metal units or for unit factors other than 1 (the baseline is in eV, Å and |e|).
    public func potential(
        units: UnitSystem, lengthFactor: Double = 1, energyFactor: Double = 1, extrapolation: ExtrapolationMonitor? = nil
    ) throws(PotentialError) -> any Potential {
        let networks = NeuralNetworkPotential(
            model: self, units: units, lengthFactor: lengthFactor, energyFactor: energyFactor, extrapolation: extrapolation)
        guard let baseline else { return networks }
        guard units == .metal, lengthFactor == 1, energyFactor == 1 else {
            throw .invalidParameters("a model with a \(ModelBaseline.fileName) runs in metal units without cflength or cfenergy")
        }
        return try PotentialWithBaseline(main: networks, baseline: baseline.potential())
    }
}
