import BasinOptimize

extension MinimumFingerprint {
    /// The fingerprint of a stored minimum, rebuilt from its columns instead of its positions.
    init(energy: Double, principalMoments: SIMD3<Double>, centroidDistances: [Double]) {
        self.init(energy: energy, positions: [])
        self.principalMoments = principalMoments
        self.centroidDistances = centroidDistances
    }
}
