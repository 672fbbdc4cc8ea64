import Foundation

extension DampedShiftedCoulomb {
    /// Precomputed per-pair constants for the species of one configuration (LAMMPS
    /// `PairCoulDSF::init_one`), evaluated by the shared pair loop.
    struct Table: PairFunction {
        let speciesCount: Int
        /// Whether α > 0: the damped form needs erfc and exp per pair, the undamped one neither.
        let damped: Bool
        /// Per pair: k q_i q_j, α, erfc(αr_c)/r_c, erfc(αr_c)/r_c² + 2α/√π e^{−α²r_c²}/r_c, r_c,
        /// 2α/√π, unused, r_c².
        let table: [SIMD8<Double>]
        /// The self energy of an atom of each species (eV).
        let selfEnergies: [Double]

        /// - Parameter charges: the charge of each species of the configuration (|e|).
        init(_ potential: DampedShiftedCoulomb, charges: [Double]) {
            let alpha = potential.alpha, rc = potential.cutoff
            let damping = 2 * alpha / Double.pi.squareRoot()
            let energyShift = erfc(alpha * rc) / rc
            let forceShift = erfc(alpha * rc) / (rc * rc) + damping * exp(-alpha * alpha * rc * rc) / rc
            speciesCount = charges.count
            damped = alpha > 0
            table = charges.flatMap { qi in
                charges.map { qj in
                    SIMD8(DampedShiftedCoulomb.coulombConstant * qi * qj, alpha, energyShift, forceShift, rc, damping, 0, rc * rc)
                }
            }
            selfEnergies = charges.map { potential.selfEnergy(charge: $0) }
        }

        @inline(__always)
        func constants(_ p: Int) -> SIMD8<Double> { table.withUnsafeBufferPointer { $0[p] } }

        @inline(__always)
        func energyAndForceOverDistance(r2: PairVector, _ c: PairLanes) -> (energy: PairVector, forceOverDistance: PairVector) {
            let r = r2.squareRoot()
            let inverse = 1 / r
            let linear = (r - c[4]) * c[3] - c[2]
            guard damped else {
                return (c[0] * (inverse + linear), c[0] * (inverse * inverse - c[3]) * inverse)
            }
            // No SIMD erfc or exponential in the standard library: one call per lane.
            let x = c[1] * r
            var screened = PairVector.zero, gaussian = PairVector.zero
            for lane in 0..<PairVector.scalarCount {
                screened[lane] = erfc(x[lane]) * inverse[lane]
                gaussian[lane] = c[5][lane] * exp(-x[lane] * x[lane])
            }
            return (c[0] * (screened + linear), c[0] * ((screened + gaussian) * inverse - c[3]) * inverse)
        }

        func derivatives(r: Double, _ c: SIMD8<Double>) -> (first: Double, second: Double) {
            // φ′ = −k q q (erfc(αr)/r² + 2α/√π e^{−α²r²}/r − fShift) and its derivative.
            let a = c[1], screened = erfc(a * r), gaussian = c[5] * exp(-a * a * r * r)
            let first = -c[0] * (screened / (r * r) + gaussian / r - c[3])
            let second = c[0] * (2 * screened / (r * r * r) + 2 * gaussian / (r * r) + 2 * a * a * gaussian)
            return (first, second)
        }
    }
}
