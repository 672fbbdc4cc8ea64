import Foundation

extension Vashishta {
    /// One entry of a Vashishta parameter file: element triplet (i, j, k) and the 14 numbers
    /// LAMMPS `pair_style vashishta` reads, in metal units (eV, Å, charges in |e|).
    ///
    /// The two-body term of a pair (i, j) uses the entry (i, j, j): H, η, Z_i, Z_j, λ1, D, λ4, W,
    /// rc, and r0 and γ for the radial factor of the three-body term. The three-body term with
    /// apex i and legs j, k uses B, C and cos θ₀ of entry (i, j, k).
    public struct Entry: Sendable, Equatable {
        public var elements: (String, String, String)
        /// Steric repulsion strength H (eV·Å^η) and exponent η.
        public var h: Double
        public var eta: Double
        /// Effective charges Z_i, Z_j (units of |e|).
        public var zi: Double
        public var zj: Double
        /// Screening length λ1 of the Coulomb term (Å).
        public var lambda1: Double
        /// Charge–dipole strength D (eV·Å⁴) and its screening length λ4 (Å).
        public var d: Double
        public var lambda4: Double
        /// Van der Waals strength W (eV·Å⁶).
        public var w: Double
        /// Two-body cutoff rc (Å).
        public var rc: Double
        /// Three-body strength B (eV), range γ (Å), cutoff r0 (Å), saturation C and cos θ₀.
        public var b: Double
        public var gamma: Double
        public var r0: Double
        public var c: Double
        public var cosTheta0: Double

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.elements == rhs.elements && lhs.numbers == rhs.numbers
        }

        /// The 14 numbers in file order.
        var numbers: [Double] { [h, eta, zi, zj, lambda1, d, lambda4, w, rc, b, gamma, r0, c, cosTheta0] }

        /// The name of the first constant the kernel derives from these numbers (H·η, the
        /// shifts V2(rc) and V2′(rc)) that overflows, or nil. Such parameters (an H of
        /// 1e308) would make energies and forces NaN or infinite.
        var overflowingConstant: String? {
            let pair = PairConstants(self)
            let constants = [("H·η", pair.hEta), ("V2′(rc)", pair.slopeAtCutoff), ("rc·V2′(rc) − V2(rc)", pair.offset)]
            return constants.first { !$0.1.isFinite }?.0
        }

        static let fieldNames = ["H", "eta", "Zi", "Zj", "lambda1", "D", "lambda4", "W", "rc", "B", "gamma", "r0", "C", "cos(theta0)"]
    }

    /// Reads the entries of a LAMMPS `.vashishta` file (17 words per entry, `#` comments),
    /// checking what LAMMPS checks: numeric fields, no negative parameter other than the
    /// charges and cos θ₀, no duplicate triplet, and an entry for every triplet of the elements
    /// the file names.
    static func entries(of file: ParameterFile) throws(ParameterFileError) -> (elements: [String], entries: [Entry]) {
        var entries: [Entry] = []
        var elements: [String] = []
        for entry in file.entries {
            var values: [Double] = []
            for (index, name) in Entry.fieldNames.enumerated() {
                values.append(try file.number(entry, 3 + index, name))
            }
            for (index, name) in Entry.fieldNames.enumerated() where ![2, 3, 13].contains(index) && values[index] < 0 {
                throw ParameterFileError(file: file.file, line: entry.lines[3 + index], "\(name) must not be negative, found \(values[index])")
            }
            let triplet = (entry.words[0], entry.words[1], entry.words[2])
            let parsed = Entry(
                elements: triplet, h: values[0], eta: values[1], zi: values[2], zj: values[3], lambda1: values[4], d: values[5],
                lambda4: values[6], w: values[7], rc: values[8], b: values[9], gamma: values[10], r0: values[11],
                c: values[12], cosTheta0: values[13])
            if let constant = parsed.overflowingConstant {
                throw ParameterFileError(file: file.file, line: entry.line, "\(constant) overflows; the parameters are out of range")
            }
            if entries.contains(where: { $0.elements == triplet }) {
                throw ParameterFileError(file: file.file, line: entry.line, "duplicate entry for \(triplet.0) \(triplet.1) \(triplet.2)")
            }
            for symbol in entry.words[0..<3] where !elements.contains(symbol) { elements.append(symbol) }
            entries.append(parsed)
        }
        guard !entries.isEmpty else { throw ParameterFileError(file: file.file, line: nil, "the file has no entries") }
        for i in elements {
            for j in elements {
                for k in elements where !entries.contains(where: { $0.elements == (i, j, k) }) {
                    throw ParameterFileError(file: file.file, line: nil, "missing the entry for the element triplet \(i) \(j) \(k)")
                }
            }
        }
        return (elements, entries)
    }
}
