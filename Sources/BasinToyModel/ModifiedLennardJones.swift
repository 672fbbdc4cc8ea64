/// The modified Lennard-Jones function of the toy model (Heiszwolf, *Design of a toy model
/// database for predicting potential energy surfaces with neural nets*, TU Eindhoven 2020),
/// shifted and tilted so that its value and slope vanish at a built-in cutoff R₀:
///
///     f(s) = (R_c/s)^{2n} − 2 (R_c/s)^n
///     V(s) = E_c [f(s) − f(R₀) − f′(R₀)(s − R₀)]   for s < R₀,   0 beyond.
///
/// s is a distance (pairs) or the mean side length of a triangle (triplets), in the same
/// length unit as R_c; V is in the unit of E_c. With n = 6 and R₀ = 2R_c the minimum is
/// V(R_c) ≈ −0.8767 E_c.
public struct ModifiedLennardJones: Sendable, Equatable {
    /// n, the exponent (≥ 1).
    public let exponent: Int
    /// R₀, beyond which V = 0 (length); R₀ > R_c.
    public let cutoff: Double
    /// R_c, where f has its minimum (length).
    public let characteristicDistance: Double
    /// E_c, the energy scale.
    public let characteristicEnergy: Double
    /// f(R₀) and f′(R₀), computed once.
    @usableFromInline let valueAtCutoff: Double, slopeAtCutoff: Double

    /// n = 6, R₀ = 2, R_c = 1, E_c = 1: the thesis's choice.
    public static let thesis = try! ModifiedLennardJones()

    public init(exponent: Int = 6, cutoff: Double = 2, characteristicDistance: Double = 1, characteristicEnergy: Double = 1) throws(ToyModelError) {
        guard exponent >= 1 else { throw .invalidParameter("the exponent n must be at least 1, got \(exponent)") }
        guard characteristicDistance > 0, characteristicDistance.isFinite else {
            throw .invalidParameter("R_c must be positive and finite, got \(characteristicDistance)")
        }
        guard cutoff.isFinite, cutoff > characteristicDistance else {
            throw .cutoffNotBeyondMinimum(cutoff: cutoff, minimum: characteristicDistance)
        }
        guard characteristicEnergy.isFinite else { throw .invalidParameter("E_c must be finite, got \(characteristicEnergy)") }
        self.exponent = exponent
        self.cutoff = cutoff
        self.characteristicDistance = characteristicDistance
        self.characteristicEnergy = characteristicEnergy
        (valueAtCutoff, slopeAtCutoff) = Self.bare(cutoff, exponent: exponent, characteristicDistance: characteristicDistance)
    }

    /// f(s) and f′(s) of the unshifted function.
    @inlinable
    static func bare(_ s: Double, exponent: Int, characteristicDistance: Double) -> (value: Double, slope: Double) {
        let x = characteristicDistance / s
        var u = 1.0
        for _ in 0..<exponent { u *= x }
        let n = Double(exponent)
        return (u * u - 2 * u, 2 * n * (u - u * u) / s)
    }

    /// V(s) and dV/ds; both zero for s ≥ R₀.
    @inlinable
    public func valueAndSlope(_ s: Double) -> (value: Double, slope: Double) {
        guard s < cutoff else { return (0, 0) }
        let f = Self.bare(s, exponent: exponent, characteristicDistance: characteristicDistance)
        return (characteristicEnergy * (f.value - valueAtCutoff - slopeAtCutoff * (s - cutoff)),
                characteristicEnergy * (f.slope - slopeAtCutoff))
    }

    /// V(s).
    @inlinable
    public func value(_ s: Double) -> Double { valueAndSlope(s).value }
}
