/// When two minima count as the same: the tolerances handed to `MinimumFingerprint.matches`.
///
/// Minima whose energies differ by at most `energy` are compared further; they are the same
/// when their principal moments (relative to the largest) and sorted centroid distances agree
/// within `length`. Both must be positive.
public struct MinimumMatching: Sendable, Equatable {
    /// Largest energy difference of one minimum found twice (energy units).
    public var energy: Double
    /// Largest difference of centroid distances, and relative difference of principal moments,
    /// of one minimum found twice (length units).
    public var length: Double

    /// Defaults suit minima relaxed to forces below about 10⁻⁴ in reduced Lennard-Jones units.
    public init(energy: Double = 1e-6, length: Double = 1e-3) {
        precondition(energy > 0 && length > 0, "matching tolerances must be positive")
        self.energy = energy
        self.length = length
    }
}
