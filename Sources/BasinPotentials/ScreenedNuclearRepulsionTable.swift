import Foundation

extension ScreenedNuclearRepulsion {
    /// Precomputed per-pair constants for the species of one configuration (LAMMPS
    /// `PairZBL::set_coeff`), evaluated by the shared pair loop.
    struct Table: PairFunction {
        let speciesCount: Int
        /// Per pair: k Z_i Z_j, 1/a, r_in, A, B, C, r_out, r_out².
        let table: [SIMD8<Double>]

        /// - Parameter symbols: the element of each species of the configuration (a pair
        ///   without a switching in `potential`: no repulsion).
        init(_ potential: ScreenedNuclearRepulsion, symbols: [String]) {
            speciesCount = symbols.count
            table = symbols.flatMap { a in
                symbols.map { b in
                    guard let s = potential.switching[ElementPair(a, b)] else { return SIMD8(0, 1, 0, 0, 0, 0, 0, 0) }
                    return Self.constants(potential.atomicNumbers[a]!, potential.atomicNumbers[b]!, s)
                }
            }
        }

        /// The constants of one pair of nuclear charges switched off by `s`.
        static func constants(_ zi: Double, _ zj: Double, _ s: ScreenedNuclearRepulsion.Switching) -> SIMD8<Double> {
            let inner = s.inner, outer = s.outer
            let p = ScreenedNuclearRepulsion.screeningPower
            let inverseLength = (pow(zi, p) + pow(zj, p)) / ScreenedNuclearRepulsion.screeningLength
            let bare = SIMD8<Double>(DampedShiftedCoulomb.coulombConstant * zi * zj, inverseLength, inner, 0, 0, 0, outer, outer * outer)
            // A, B and C make φ, φ′ and φ″ vanish at r_out (LAMMPS's sw1, sw2 and sw5).
            let (e, first, second) = bareTerms(r: outer, bare)
            let width = outer - inner
            let a = (-3 * first + width * second) / (width * width)
            let b = (2 * first - width * second) / (width * width * width)
            let c = -e + width / 2 * first - width * width / 12 * second
            return SIMD8(bare[0], inverseLength, inner, a, b, c, outer, outer * outer)
        }

        /// The unswitched ZBL energy and its first two derivatives at r.
        static func bareTerms(r: Double, _ c: SIMD8<Double>) -> (energy: Double, first: Double, second: Double) {
            let decay = ScreenedNuclearRepulsion.exponents * c[1]
            var screening = SIMD4<Double>()
            for m in 0..<4 { screening[m] = ScreenedNuclearRepulsion.coefficients[m] * exp(-decay[m] * r) }
            let sum = screening.sum(), slope = (screening * decay).sum(), curvature = (screening * decay * decay).sum()
            let inverse = 1 / r
            let energy = c[0] * sum * inverse
            let first = -c[0] * slope * inverse - energy * inverse
            let second = c[0] * (curvature * inverse + 2 * slope * inverse * inverse + 2 * sum * inverse * inverse * inverse)
            return (energy, first, second)
        }

        @inline(__always)
        func constants(_ p: Int) -> SIMD8<Double> { table.withUnsafeBufferPointer { $0[p] } }

        @inline(__always)
        func energyAndForceOverDistance(r2: PairVector, _ c: PairLanes) -> (energy: PairVector, forceOverDistance: PairVector) {
            let r = r2.squareRoot()
            let inverse = 1 / r
            // No SIMD exponential in the standard library: one call per lane and term.
            var sum = PairVector.zero, slope = PairVector.zero
            for lane in 0..<PairVector.scalarCount {
                let x = c[1][lane] * r[lane]
                for m in 0..<4 {
                    let term = ScreenedNuclearRepulsion.coefficients[m] * exp(-ScreenedNuclearRepulsion.exponents[m] * x)
                    sum[lane] += term
                    slope[lane] += term * ScreenedNuclearRepulsion.exponents[m]
                }
            }
            let bare = c[0] * sum * inverse
            let t = (r - c[2]).replacing(with: 0, where: r .< c[2])
            let energy = bare + c[5] + t * t * t * (c[3] / 3 + c[4] / 4 * t)
            let derivative = -c[0] * slope * c[1] * inverse - bare * inverse + t * t * (c[3] + c[4] * t)
            return (energy, -derivative * inverse)
        }

        func derivatives(r: Double, _ c: SIMD8<Double>) -> (first: Double, second: Double) {
            let (_, first, second) = Self.bareTerms(r: r, c)
            let t = max(r - c[2], 0)
            return (first + t * t * (c[3] + c[4] * t), second + t * (2 * c[3] + 3 * c[4] * t))
        }
    }
}
