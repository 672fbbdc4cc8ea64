import BasinAtoms
import BasinMath
import BasinOptimize
import BasinPotentials

extension PotentialEnergySurface: LandscapeSurface {
    /// The Hessian of the potential energy (energy / length²): analytic where the potential
    /// implements `.hessian` (Lennard-Jones, Morse), otherwise central differences of the
    /// forces, H_ab ≈ (g_b(x + h e_a) − g_b(x − h e_a)) / 2h with h = 10⁻⁴ length units
    /// (error O(h²) ≈ 10⁻⁸ relative), symmetrised; that costs 6N force evaluations.
    public mutating func hessian(at x: [Double]) throws(PotentialError) -> DenseMatrix {
        if calculator.potential.implementedProperties.contains(.hessian) {
            let evaluation = try calculator.evaluate(configuration(at: x), [.energy, .hessian])
            guard let hessian = evaluation.hessian else { preconditionFailure("the potential did not fill the Hessian it implements") }
            return hessian
        }
        return try Self.centralDifferenceHessian(of: &self, at: x, step: 1e-4)
    }

    /// Translations (and for a cluster also rotations about the centroid), orthonormal.
    public func symmetryModes(at x: [Double]) -> [[Double]] {
        RigidModes.modes(at: x, rotations: !configuration.cell.isPeriodic)
    }

    public func aligned(_ x: [Double], onto reference: [Double]) -> [Double] {
        let cell = configuration.cell
        return cell.isPeriodic
            ? BandInterpolation.nearestImage(of: x, to: reference, cell: cell) : RigidAlignment.align(x, onto: reference).aligned
    }

    /// A cluster's minima are the same when their fingerprints match (energies within 10⁻⁶,
    /// moments and centroid distances within 10⁻³ length; `MinimumFingerprint`), so a rotated,
    /// translated or renumbered copy counts. In a periodic cell, when the energies agree within
    /// 10⁻⁶ and, after removing the mean displacement, no atom is further than 10⁻² length from
    /// its counterpart (minimum image).
    public func sameMinimum(_ a: [Double], value valueA: Double, _ b: [Double], value valueB: Double) -> Bool {
        let cell = configuration.cell
        let first = RigidModes.vectors(a), second = RigidModes.vectors(b)
        guard cell.isPeriodic else {
            return MinimumFingerprint(energy: valueA, positions: first).matches(MinimumFingerprint(energy: valueB, positions: second))
        }
        guard abs(valueA - valueB) <= 1e-6 else { return false }
        let displacements = zip(first, second).map { cell.minimumImage($1 - $0) }
        let mean = displacements.reduce(SIMD3<Double>.zero, +) / Double(max(1, displacements.count))
        return displacements.allSatisfy { length(cell.minimumImage($0 - mean)) <= 1e-2 }
    }
}

extension LandscapeSurface {
    /// The Hessian by central differences of the gradient with step `step`, symmetrised:
    /// 2·`dimension` gradient evaluations.
    public static func centralDifferenceHessian(of surface: inout Self, at x: [Double], step: Double) throws(Failure) -> DenseMatrix {
        let n = surface.dimension
        var hessian = DenseMatrix(rows: n, columns: n)
        var point = x
        var plus = [Double](repeating: 0, count: n), minus = plus
        for a in 0..<n {
            point[a] = x[a] + step
            _ = try surface.evaluate(at: point, gradient: &plus)
            point[a] = x[a] - step
            _ = try surface.evaluate(at: point, gradient: &minus)
            point[a] = x[a]
            for b in 0..<n { hessian[a, b] = (plus[b] - minus[b]) / (2 * step) }
        }
        for a in 0..<n {
            for b in (a + 1)..<n {
                let mean = 0.5 * (hessian[a, b] + hessian[b, a])
                hessian[a, b] = mean
                hessian[b, a] = mean
            }
        }
        return hessian
    }
}
