/// A distinct local minimum found by basin hopping.
///
/// Two quenches that end in the same minimum (up to translation, rotation, reflection and
/// permutation of the atoms, as judged by `MinimumFingerprint.matches`) count as one; the first
/// one found supplies the positions.
public struct BasinHoppingMinimum: Sendable {
    /// Energy of the minimum (energy units).
    public var energy: Double
    /// Atom positions at the minimum as first found (length units).
    public var positions: [SIMD3<Double>]
    /// The invariant summary used to recognise the minimum.
    public var fingerprint: MinimumFingerprint
    /// The basin-hopping step that first found it; 0 for the quench of the starting point.
    public var firstStep: Int
    /// How many quenches ended in it (at least 1).
    public var timesFound: Int

    public init(energy: Double, positions: [SIMD3<Double>], fingerprint: MinimumFingerprint, firstStep: Int, timesFound: Int = 1) {
        self.energy = energy
        self.positions = positions
        self.fingerprint = fingerprint
        self.firstStep = firstStep
        self.timesFound = timesFound
    }
}
