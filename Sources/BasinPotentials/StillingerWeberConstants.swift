import Foundation

/// Stillinger–Weber constants precomputed per species pair and triplet of a configuration (the
/// LAMMPS `setup_params` idea), so the kernel does no parameter arithmetic per pair.
struct StillingerWeberConstants: Sendable {
    /// Constants of the pair i–j from entry (i, j, j); energies in eV, lengths in Å.
    struct Pair: Sendable {
        /// Squared distance (Å²) below which the pair counts.
        var cutSquared: Double
        /// a·σ (Å).
        var cut: Double
        var sigma: Double
        /// γσ (Å), the scale of a three-body leg.
        var sigmaGamma: Double
        /// A ε p B σ^p, A ε q σ^q, A ε B σ^(p+1), A ε σ^(q+1): the force terms.
        var c1, c2, c3, c4: Double
        /// A ε B σ^p, A ε σ^q: the energy terms.
        var c5, c6: Double
        var p, q: Double
        /// p and q when they are small non-negative integers (r^−p by multiplication), else −1.
        var pInteger, qInteger: Int

        init(_ e: StillingerWeber.Parameters) {
            cutSquared = e.listCutoff * e.listCutoff
            cut = e.cut
            sigma = e.sigma
            sigmaGamma = e.sigma * e.gamma
            let a = e.bigA * e.epsilon
            c1 = a * e.p * e.bigB * pow(e.sigma, e.p)
            c2 = a * e.q * pow(e.sigma, e.q)
            c3 = a * e.bigB * pow(e.sigma, e.p + 1)
            c4 = a * pow(e.sigma, e.q + 1)
            c5 = a * e.bigB * pow(e.sigma, e.p)
            c6 = a * pow(e.sigma, e.q)
            p = e.p
            q = e.q
            pInteger = Self.smallInteger(e.p)
            qInteger = Self.smallInteger(e.q)
        }

        private static func smallInteger(_ x: Double) -> Int {
            x == x.rounded() && x >= 0 && x <= 16 ? Int(x) : -1
        }

        /// r^−n for the power n of this pair (`integer` ≥ 0) or any real power.
        @inline(__always)
        static func inversePower(r: Double, inverse: Double, _ n: Double, integer: Int) -> Double {
            guard integer >= 0 else { return pow(r, -n) }
            var result = 1.0
            for _ in 0..<integer { result *= inverse }
            return result
        }
    }

    /// Constants of the triplet j–i–k centred on i, from entry (i, j, k).
    struct Triplet: Sendable {
        /// λε and 2λε (eV).
        var lambdaEpsilon, twoLambdaEpsilon: Double
        var cosTheta0: Double

        init(_ e: StillingerWeber.Parameters) {
            lambdaEpsilon = e.lambda * e.epsilon
            twoLambdaEpsilon = 2 * e.lambda * e.epsilon
            cosTheta0 = e.cosTheta0
        }
    }

    /// Number of configuration species.
    let speciesCount: Int
    /// Pair (s, t) at index s·n + t.
    let pairs: [Pair]
    /// Triplet (s, t, u) centred on s at index (s·n + t)·n + u.
    let triplets: [Triplet]

    /// Tables for configuration species mapped to file elements by `speciesMap`.
    init(table: [StillingerWeber.Parameters], elementCount m: Int, speciesMap map: [Int]) {
        let n = map.count
        speciesCount = n
        var pairs: [Pair] = []
        var triplets: [Triplet] = []
        for s in 0..<n {
            for t in 0..<n {
                pairs.append(Pair(table[(map[s] * m + map[t]) * m + map[t]]))
                for u in 0..<n { triplets.append(Triplet(table[(map[s] * m + map[t]) * m + map[u]])) }
            }
        }
        self.pairs = pairs
        self.triplets = triplets
    }
}
