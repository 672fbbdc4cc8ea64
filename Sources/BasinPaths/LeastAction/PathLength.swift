import Foundation
import BasinAtoms
import BasinMath

/// The path length ∫₀ᵀ |Q̇′(t)| dt of Wang et al. (J. Chem. Inf. Model. 62, 3346, 2022, eq. 7),
/// with Q̇′ the velocities after removing overall motion: the centre-of-mass velocity always,
/// and in an open cluster also the rigid rotation ω × (r − r_cm), ω = I⁻¹ L from the angular
/// momentum L and inertia tensor I about the centre of mass. The velocities are the network's
/// exact Q̇; the integral is Simpson's rule over `intervals` (even) steps.
public enum PathLength {
    public static func of(_ network: TrajectoryNetwork, template: Configuration, intervals: Int = 2000) -> Double {
        precondition(intervals >= 2 && intervals % 2 == 0, "Simpson's rule needs an even number of intervals")
        let h = network.duration / Double(intervals)
        var sum = 0.0
        for k in 0...intervals {
            let state = network.state(at: Double(k) * h)
            let speed = internalSpeed(
                positions: PathSample.vectors(state.positions), velocities: PathSample.vectors(state.velocities),
                masses: template.masses, removeRotation: !template.cell.isPeriodic)
            let weight: Double = (k == 0 || k == intervals) ? 1 : (k % 2 == 1 ? 4 : 2)
            sum += weight * speed
        }
        return sum * h / 3
    }

    /// |v′|, the norm of all velocities after removing the centre-of-mass motion (and the
    /// rigid rotation when `removeRotation`; skipped for a linear or single-atom structure,
    /// whose inertia tensor is singular).
    public static func internalSpeed(positions: [SIMD3<Double>], velocities: [SIMD3<Double>], masses: [Double], removeRotation: Bool) -> Double {
        let total = masses.reduce(0, +)
        var centre = SIMD3<Double>.zero, momentum = SIMD3<Double>.zero
        for i in positions.indices {
            centre += masses[i] * positions[i]
            momentum += masses[i] * velocities[i]
        }
        centre /= total
        let drift = momentum / total
        var omega = SIMD3<Double>.zero
        if removeRotation {
            var angular = SIMD3<Double>.zero
            var inertia = Matrix3.zero
            for i in positions.indices {
                let r = positions[i] - centre
                angular += masses[i] * cross(r, velocities[i] - drift)
                inertia += masses[i] * (dot(r, r) * Matrix3.identity - Matrix3.outer(r, r))
            }
            if abs(inertia.determinant) > 1e-12 * pow(inertia.trace, 3) { omega = inertia.inverse * angular }
        }
        var squared = 0.0
        for i in positions.indices {
            let v = velocities[i] - drift - cross(omega, positions[i] - centre)
            squared += dot(v, v)
        }
        return squared.squareRoot()
    }
}
