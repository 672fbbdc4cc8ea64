import BasinCompression

/// The check of a compressed minimum against the full-precision copy it was made from.
public struct CompressedVerification: Sendable, Codable, Equatable {
    /// ‖X_decompressed − X*_stored‖₂, the Euclidean distance over the 3n − 6 reduced
    /// coordinates (equal to that of all 3n Cartesian positions in the frame), with the stored
    /// minimum brought into the compressed minimum's frame (reduced length units).
    public var distance: Double
    /// ‖X^(0),c − X*_stored‖₂: how far rounding moved the start of Newton's method.
    public var roundingDistance: Double
    /// E = 4 V_n of the decompressed minimum (reduced energy units, ε = 1).
    public var energy: Double
    /// E = 4 V_n of the stored positions.
    public var storedEnergy: Double
    /// |E − E_stored| / |E_stored|.
    public var relativeEnergyDifference: Double
    /// Newton steps of the decompression.
    public var iterations: Int
    /// ‖U_n‖ at the decompressed minimum.
    public var gradientNorm: Double
    /// Whether `distance` ≤ `CompressedMinimum.distanceTolerance` and the relative energy
    /// difference ≤ `CompressedMinimum.energyTolerance`.
    public var passed: Bool
}

extension CompressedMinimum {
    /// Largest accepted ‖X_decompressed − X*_stored‖₂ (reduced length units).
    public static let distanceTolerance = 1e-10
    /// Largest accepted relative energy difference.
    public static let energyTolerance = 1e-12

    /// Decompresses and compares with `positions`, the full-precision minimum (Cartesian,
    /// reduced units, stored order; any rotation and translation). Throws when the atom count
    /// differs, the positions cannot be put into the frame, or Newton's method fails.
    public func verify(against positions: [SIMD3<Double>], threads: Int = 1) throws(CompressedMinimumError) -> CompressedVerification {
        guard positions.count == atomCount else {
            throw .invalidInput("the compressed minimum has \(atomCount) atoms, the stored one \(positions.count)")
        }
        let stored: [Double]
        do {
            stored = try frame.coordinates(of: positions)
        } catch {
            throw .invalidInput("\(error)")
        }
        let result = try decompress(threads: threads)
        let problem = ReducedLennardJones(atomCount: atomCount)
        let energy = 4 * problem.energy(result.coordinates), storedEnergy = 4 * problem.energy(stored)
        let distance = Self.distance(result.coordinates, stored)
        let relative = abs(energy - storedEnergy) / abs(storedEnergy)
        return CompressedVerification(
            distance: distance, roundingDistance: Self.distance(coordinates, stored), energy: energy,
            storedEnergy: storedEnergy, relativeEnergyDifference: relative, iterations: result.iterations,
            gradientNorm: result.gradientNorm,
            passed: distance <= Self.distanceTolerance && relative <= Self.energyTolerance)
    }

    private static func distance(_ x: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for k in x.indices { sum += (x[k] - y[k]) * (x[k] - y[k]) }
        return sum.squareRoot()
    }
}
