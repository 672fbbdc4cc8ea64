import BasinMath

/// A summary of a local minimum that does not change under translation, rotation, reflection
/// or permutation of the atoms, used to recognise the same minimum found twice.
///
/// It holds the energy, the three principal moments of the unweighted inertia tensor about the
/// centroid (ascending, length²) and every atom's distance from the centroid (ascending,
/// length). Two minima are taken as the same when their energies differ by at most
/// `energyTolerance` and every moment and distance agrees within `lengthTolerance` (moments
/// compared relative to the largest moment). Mirror images (enantiomers) therefore count as
/// one minimum, as in GMIN and pele.
///
/// The fingerprint is meant for clusters (no periodic images): positions are used as given.
public struct MinimumFingerprint: Sendable, Equatable, Codable {
    /// Energy of the minimum (energy units).
    public var energy: Double
    /// Principal moments Σᵢ (|rᵢ|² δ − rᵢrᵢᵀ) about the centroid, ascending (length²).
    public var principalMoments: SIMD3<Double>
    /// Distances of the atoms from the centroid, ascending (length).
    public var centroidDistances: [Double]

    public init(energy: Double, positions: [SIMD3<Double>]) {
        self.energy = energy
        let centroid = positions.reduce(SIMD3<Double>.zero, +) / Double(max(positions.count, 1))
        var inertia = Matrix3.zero
        var distances = [Double]()
        distances.reserveCapacity(positions.count)
        for r in positions {
            let d = r - centroid
            let d2 = (d * d).sum()
            distances.append(d2.squareRoot())
            inertia = inertia + d2 * Matrix3.identity - Matrix3.outer(d, d)
        }
        principalMoments = inertia.symmetricEigenvalues
        centroidDistances = distances.sorted()
    }

    /// Whether `other` is the same minimum within the tolerances (energy units; length units).
    public func matches(_ other: MinimumFingerprint, energyTolerance: Double = 1e-6, lengthTolerance: Double = 1e-3)
        -> Bool
    {
        guard centroidDistances.count == other.centroidDistances.count,
            abs(energy - other.energy) <= energyTolerance
        else { return false }
        let scale = max(principalMoments.max(), other.principalMoments.max(), 1)
        let difference = principalMoments - other.principalMoments
        let momentDifference = max(abs(difference.x), abs(difference.y), abs(difference.z)) / scale
        guard momentDifference <= lengthTolerance else { return false }
        for (a, b) in zip(centroidDistances, other.centroidDistances) where abs(a - b) > lengthTolerance {
            return false
        }
        return true
    }
}
