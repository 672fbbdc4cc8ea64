import Foundation

extension Morse {
    /// Precomputed per-pair constants for the species of one configuration (LAMMPS `morse1`,
    /// `offset`), evaluated by the shared pair loop.
    struct Table: PairFunction {
        let speciesCount: Int
        /// Per pair: D₀, α, r₀, the energy shift, 2αD₀, two unused, the squared cutoff.
        let table: [SIMD8<Double>]

        /// `parameters[s · speciesCount + t]` holds the parameters of species pair (s, t).
        init(speciesCount: Int, parameters: [PairParameters], shift: Bool) {
            self.speciesCount = speciesCount
            table = parameters.map { p in
                var offset = 0.0
                if shift {
                    let e = exp(-p.alpha * (p.cutoff - p.r0))
                    offset = p.d0 * (e * e - 2 * e)
                }
                return SIMD8(p.d0, p.alpha, p.r0, offset, 2 * p.alpha * p.d0, 0, 0, p.cutoff * p.cutoff)
            }
        }

        @inline(__always)
        func constants(_ p: Int) -> SIMD8<Double> { table.withUnsafeBufferPointer { $0[p] } }

        @inline(__always)
        func energyAndForceOverDistance(r2: PairVector, _ c: PairLanes) -> (energy: PairVector, forceOverDistance: PairVector) {
            let r = r2.squareRoot()
            let x = -c[1] * (r - c[2])
            // No SIMD exponential in the standard library: one call per lane.
            let e = PairVector(exp(x[0]), exp(x[1]))
            return (c[0] * (e * e - 2 * e) - c[3], c[4] * (e * e - e) / r)
        }

        func derivatives(r: Double, _ c: SIMD8<Double>) -> (first: Double, second: Double) {
            let e = exp(-c[1] * (r - c[2]))
            // φ′ = −2αD₀(e² − e), φ″ = 2α²D₀(2e² − e) with e = exp(−α(r − r₀)).
            return (-c[4] * (e * e - e), c[4] * c[1] * (2 * e * e - e))
        }
    }
}
