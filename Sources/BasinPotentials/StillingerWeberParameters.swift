import Foundation

extension StillingerWeber {
    /// The eleven numbers of one entry (i, j, k) of a LAMMPS `.sw` file, in file order.
    ///
    /// Entry (i, j, j) supplies the two-body term of pair i–j (ε, σ, a, A, B, p, q, tol) and the
    /// leg i–j of every three-body term centred on i (γ, σ, a); entry (i, j, k) supplies the
    /// angular factor of the triplet j–i–k centred on i (ε, λ, cos θ₀). Energies in eV, lengths
    /// in Å (LAMMPS metal units).
    public struct Parameters: Sendable, Equatable {
        /// ε, the energy scale (eV).
        public var epsilon: Double
        /// σ, the length scale (Å).
        public var sigma: Double
        /// a: the interaction vanishes at r = a·σ.
        public var a: Double
        /// λ, the strength of the three-body term.
        public var lambda: Double
        /// γ, the range of a three-body leg in units of σ.
        public var gamma: Double
        /// cos θ₀, the preferred angle (−1/3 for tetrahedral bonding).
        public var cosTheta0: Double
        /// A, the two-body prefactor.
        public var bigA: Double
        /// B, the repulsive two-body coefficient.
        public var bigB: Double
        /// p, the repulsive power.
        public var p: Double
        /// q, the attractive power.
        public var q: Double
        /// tol: when positive, pairs farther than a·σ + σ/ln(tol) (γσ/ln(tol) when γ < 1) are
        /// dropped, as in LAMMPS; tol is capped at 0.01. Zero keeps the exact cutoff a·σ.
        public var tol: Double

        public init(
            epsilon: Double, sigma: Double, a: Double, lambda: Double, gamma: Double, cosTheta0: Double,
            bigA: Double, bigB: Double, p: Double, q: Double, tol: Double
        ) {
            self.epsilon = epsilon
            self.sigma = sigma
            self.a = a
            self.lambda = lambda
            self.gamma = gamma
            self.cosTheta0 = cosTheta0
            self.bigA = bigA
            self.bigB = bigB
            self.p = p
            self.q = q
            self.tol = tol
        }

        /// The parameters of silicon of Stillinger and Weber, Phys. Rev. B 31, 5262 (1985).
        public static let silicon = Parameters(
            epsilon: 2.1683, sigma: 2.0951, a: 1.80, lambda: 21.0, gamma: 1.20, cosTheta0: -1.0 / 3.0,
            bigA: 7.049556277, bigB: 0.6022245584, p: 4, q: 0, tol: 0)

        /// a·σ (Å), where the terms this entry supplies vanish.
        public var cut: Double { a * sigma }

        /// The distance (Å) within which a pair counts: a·σ, shortened by `tol` as LAMMPS does.
        public var listCutoff: Double {
            guard tol > 0 else { return cut }
            let t = min(tol, 0.01)
            return cut + (gamma < 1 ? gamma * sigma : sigma) / log(t)
        }

        /// The name of the first constant the kernel derives from these numbers (A·ε·B·σ^p,
        /// λ·ε, γ·σ, …) that overflows, or nil. Such parameters (ε or γ of 1e308) would make
        /// every energy and force NaN or infinite.
        var overflowingConstant: String? {
            let pair = StillingerWeberConstants.Pair(self), triplet = StillingerWeberConstants.Triplet(self)
            let constants = [
                ("A·ε·p·B·σ^p", pair.c1), ("A·ε·q·σ^q", pair.c2), ("A·ε·B·σ^(p+1)", pair.c3), ("A·ε·σ^(q+1)", pair.c4),
                ("A·ε·B·σ^p", pair.c5), ("A·ε·σ^q", pair.c6), ("γ·σ", pair.sigmaGamma), ("2·λ·ε", triplet.twoLambdaEpsilon),
            ]
            return constants.first { !$0.1.isFinite }?.0
        }

        /// The names of the numbers in the order of a `.sw` line.
        static let fieldNames = ["epsilon", "sigma", "a", "lambda", "gamma", "costheta0", "A", "B", "p", "q", "tol"]

        /// The parameters from the numbers of a `.sw` line, in file order.
        init(fields f: [Double]) {
            self.init(
                epsilon: f[0], sigma: f[1], a: f[2], lambda: f[3], gamma: f[4], cosTheta0: f[5],
                bigA: f[6], bigB: f[7], p: f[8], q: f[9], tol: f[10])
        }
    }

    /// Reads the entries of a `.sw` file for `elements` (all elements the file names, in order of
    /// first appearance, when nil), as `pair_coeff * * FILE elements…` does: entries naming other
    /// elements are skipped, and every ordered triplet of the elements needs exactly one entry.
    static func read(_ file: ParameterFile, elements requested: [String]?) throws(ParameterFileError) -> (elements: [String], table: [Parameters]) {
        var elements = requested ?? []
        if requested == nil {
            for entry in file.entries {
                for symbol in entry.words[0..<3] where !elements.contains(symbol) { elements.append(symbol) }
            }
        }
        guard !elements.isEmpty else { throw ParameterFileError(file: file.file, line: nil, "the file has no entries") }
        let n = elements.count
        var table = [Parameters?](repeating: nil, count: n * n * n)
        for entry in file.entries {
            guard let i = elements.firstIndex(of: entry.words[0]),
                  let j = elements.firstIndex(of: entry.words[1]),
                  let k = elements.firstIndex(of: entry.words[2]) else { continue }
            var fields: [Double] = []
            for (offset, name) in Parameters.fieldNames.enumerated() {
                let value = try file.number(entry, 3 + offset, name)
                guard name == "costheta0" || value >= 0 else {
                    throw ParameterFileError(file: file.file, line: entry.lines[3 + offset], "\(name) must not be negative, found \(value)")
                }
                fields.append(value)
            }
            let index = (i * n + j) * n + k
            guard table[index] == nil else {
                throw ParameterFileError(file: file.file, line: entry.line, "a second entry for \(entry.words[0..<3].joined(separator: " "))")
            }
            let parameters = Parameters(fields: fields)
            if let constant = parameters.overflowingConstant {
                throw ParameterFileError(file: file.file, line: entry.line, "\(constant) overflows; the parameters are out of range")
            }
            if j == k, !(parameters.listCutoff > 0) {
                throw ParameterFileError(file: file.file, line: entry.line, "the pair cutoff a·σ (shortened by tol) must be positive")
            }
            table[index] = parameters
        }
        var complete: [Parameters] = []
        for (index, parameters) in table.enumerated() {
            guard let parameters else {
                let triplet = [index / (n * n), index / n % n, index % n].map { elements[$0] }.joined(separator: " ")
                throw ParameterFileError(
                    file: file.file, line: nil,
                    "no entry for \(triplet): every ordered triplet of \(elements.joined(separator: ", ")) needs one")
            }
            complete.append(parameters)
        }
        return (elements, complete)
    }
}
