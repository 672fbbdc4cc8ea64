/// n2p2's data-set normalization (Mode.cpp `setupNormalization`, `physicalEnergy`): networks are
/// trained on E* = (E − Σ_i E_atom(Z_i) − N·mean_energy)·conv_energy and r* = r·conv_length, so
/// a prediction E* maps back to E = E*/conv_energy + N·mean_energy + Σ_i E_atom(Z_i).
///
/// Symmetry functions are dimensionless and identical in both unit systems, so conv_length
/// changes nothing that Basin computes; it is kept for the files.
public struct EnergyNormalization: Sendable, Hashable {
    /// `mean_energy`: mean energy per atom of the data set (model energy units).
    public var meanEnergy: Double
    /// `conv_energy`: factor from model energy units to normalized units.
    public var convEnergy: Double
    /// `conv_length`: factor from model length units to normalized units.
    public var convLength: Double

    public init(meanEnergy: Double, convEnergy: Double, convLength: Double) {
        self.meanEnergy = meanEnergy
        self.convEnergy = convEnergy
        self.convLength = convLength
    }
}
