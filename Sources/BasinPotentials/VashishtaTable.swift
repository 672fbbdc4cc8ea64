import Foundation

extension Vashishta {
    /// LAMMPS's Coulomb constant e²/(4πε₀) in metal units (`force->qqr2e`, eV·Å).
    static let coulombConstant = 14.399645

    /// Constants of one ordered species pair (i, j), from entry (i, j, j) (the derived values of
    /// LAMMPS `PairVashishta::setup_params`).
    struct PairConstants {
        var cutSquared = 0.0
        /// r0² of leg i–j of the three-body term.
        var threeBodyCutSquared = 0.0
        var h = 0.0, eta = 0.0, hEta = 0.0
        /// The bits of η when it is a whole number below 16 (r^−η is then a product of
        /// 1/r, 1/r², 1/r⁴, 1/r⁸, much cheaper than `pow`), each 1 or 0; nil otherwise.
        var etaBits: SIMD4<Double>?
        var zz = 0.0, lambda1Inverse = 0.0
        var d = 0.0, lambda4Inverse = 0.0
        var w = 0.0, w6 = 0.0
        /// V2′(rc) and rc V2′(rc) − V2(rc) (LAMMPS `dvrc`, `c0`).
        var slopeAtCutoff = 0.0, offset = 0.0
        var gamma = 0.0, r0 = 0.0

        init() {}

        init(_ p: Entry) {
            func inverse(_ x: Double) -> Double { x == 0 ? 0 : 1 / x }
            cutSquared = p.rc * p.rc
            threeBodyCutSquared = p.r0 * p.r0
            h = p.h
            eta = p.eta
            if p.eta == p.eta.rounded(), (0..<16).contains(p.eta) {
                let e = Int(p.eta)
                etaBits = SIMD4(Double(e & 1), Double((e >> 1) & 1), Double((e >> 2) & 1), Double((e >> 3) & 1))
            }
            hEta = p.h * p.eta
            zz = p.zi * p.zj * Vashishta.coulombConstant
            lambda1Inverse = inverse(p.lambda1)
            d = p.d
            lambda4Inverse = inverse(p.lambda4)
            w = p.w
            w6 = 6 * p.w
            gamma = p.gamma
            r0 = p.r0
            let rcInverse = inverse(p.rc)
            let rc2Inverse = rcInverse * rcInverse, rc4Inverse = rc2Inverse * rc2Inverse
            let rc6Inverse = rc2Inverse * rc4Inverse
            let rcEta = pow(rcInverse, p.eta)
            let coulomb = zz * rcInverse * exp(-p.rc * lambda1Inverse)
            let dipole = d * rc4Inverse * exp(-p.rc * lambda4Inverse)
            let value = h * rcEta + coulomb - dipole - w * rc6Inverse
            slopeAtCutoff = dipole * (4 * rcInverse + lambda4Inverse) + w6 * rc6Inverse * rcInverse
                - hEta * rcEta * rcInverse - coulomb * (rcInverse + lambda1Inverse)
            offset = p.rc * slopeAtCutoff - value
        }

        /// The shifted V2(r) and −V2′(r)/r at squared distance `r2` (LAMMPS `twobody`).
        @inline(__always)
        func energyAndForceOverDistance(r2: Double) -> (energy: Double, forceOverDistance: Double) {
            let r = r2.squareRoot()
            let r2Inverse = 1 / r2
            let r4Inverse = r2Inverse * r2Inverse
            let r6Inverse = r2Inverse * r4Inverse
            let rEta: Double
            if let bits = etaBits {
                let r1Inverse = 1 / r, r8Inverse = r4Inverse * r4Inverse
                // Factor k is (1/r)^(2^k) when bit k of η is set, else 1.
                let factors = SIMD4(r1Inverse, r2Inverse, r4Inverse, r8Inverse) * bits + (1 - bits)
                rEta = (factors[0] * factors[1]) * (factors[2] * factors[3])
            } else {
                rEta = pow(r, -eta)
            }
            let lambda1r = r * lambda1Inverse, lambda4r = r * lambda4Inverse
            let coulomb = zz * exp(-lambda1r) / r
            let dipole = d * r4Inverse * exp(-lambda4r)
            let force = (slopeAtCutoff * r
                - (4 * dipole + lambda4r * dipole + w6 * r6Inverse - hEta * rEta - coulomb - lambda1r * coulomb)) * r2Inverse
            let energy = h * rEta + coulomb - dipole - w * r6Inverse - r * slopeAtCutoff + offset
            return (energy, force)
        }
    }

    /// Constants of one ordered species triplet (apex i; legs j, k) from entry (i, j, k):
    /// B, 2B, C and cos θ₀.
    struct TripletConstants {
        var b = 0.0, twoB = 0.0, c = 0.0, cosTheta0 = 0.0
    }

    /// The constants of the potential for the species of one configuration.
    struct Table {
        let speciesCount: Int
        /// Indexed i · n + j.
        let pairs: [PairConstants]
        /// Squared two-body and three-body cutoffs (rc², r0²) of each pair, indexed i · n + j.
        let cutoffs: [SIMD2<Double>]
        /// Indexed (i · n + j) · n + k.
        let triplets: [TripletConstants]
        /// The tabulated two-body term, when the potential asks for one.
        let twoBody: TwoBodyTable?

        /// `speciesElements[s]` is the index in `potential.elements` of configuration species s.
        init(_ potential: Vashishta, speciesElements: [Int]) {
            let n = speciesElements.count
            speciesCount = n
            let elements = potential.elements
            var pairs = [PairConstants](repeating: PairConstants(), count: n * n)
            var triplets = [TripletConstants](repeating: TripletConstants(), count: n * n * n)
            for s in 0..<n {
                for t in 0..<n {
                    let ei = elements[speciesElements[s]], ej = elements[speciesElements[t]]
                    pairs[s * n + t] = PairConstants(potential.entry(ei, ej, ej)!)
                    for u in 0..<n {
                        let p = potential.entry(ei, ej, elements[speciesElements[u]])!
                        triplets[(s * n + t) * n + u] = TripletConstants(b: p.b, twoB: 2 * p.b, c: p.c, cosTheta0: p.cosTheta0)
                    }
                }
            }
            self.pairs = pairs
            cutoffs = pairs.map { SIMD2($0.cutSquared, $0.threeBodyCutSquared) }
            self.triplets = triplets
            twoBody = potential.tabulation.map { TwoBodyTable($0, pairs: pairs, outer: potential.cutoff) }
        }
    }
}
