import BasinPotentials
import Foundation

/// `baseline.data`, in metal units (|e|, 1/Å, Å):
///
///     # comments
///     coul/dsf ALPHA CUTOFF
///     charge SYMBOL Q          (one line per element of the model)
///     zbl INNER OUTER          (optional: the repulsive core for every pair of elements, each
///                               element with its own Z)
///     zbl A B INNER OUTER      (optional, one per pair: the core of the pair A–B, which then
///                               differs from the line above or, without one, is its only core)
///     steric A B H ETA RC      (optional, one per pair: Vashishta's H/r^η shifted at RC)
///     charge-dipole-tail A B D LAMBDA RM RC
///                              (optional, one per pair: −D e^(−r/λ)/r⁴ shifted at RC minus the
///                               same shifted at RM, `ChargeDipoleTail`)
///
/// The same model runs in LAMMPS as `pair_style hybrid/overlay hdnnp … coul/dsf ALPHA CUTOFF
/// zbl INNER OUTER …` (one `zbl` sub-style per distinct pair of cutoffs), with `set type N
/// charge Q` and `pair_coeff I J zbl [K] Z_I Z_J` per pair of types, plus `vashishta` with
/// `pair_coeff * * vashishta FILE …` for the steric lines (FILE: `StericRepulsion.vashishtaText`)
/// and `table spline N` with `pair_coeff I J table FILE A_B RC` per pair for the tail's lines
/// (FILE: `ChargeDipoleTail.lammpsTable`).
extension ModelBaseline {
    /// The file's text: the style line, one charge line per element in alphabetical order, the
    /// core's line when there is one, every number written so that it reads back exactly.
    public var text: String {
        var text = """
            # Fixed baseline under this model's networks: energy and forces = networks + baseline.
            # LAMMPS: pair_style hybrid/overlay hdnnp ... coul/dsf ALPHA CUTOFF [zbl INNER OUTER ...] [vashishta],
            # with these charges per type [pair_coeff I J zbl [K] Z_I Z_J per pair, Z the atomic numbers,
            # one zbl sub-style per distinct pair of cutoffs] [pair_coeff * * vashishta baseline-steric.vashishta ...]
            # [table spline N, pair_coeff I J table baseline-tail.table A_B RC per pair of the charge-dipole tail].

            """
        text += "coul/dsf \(coulomb.alpha) \(coulomb.cutoff)\n"
        for symbol in coulomb.charges.keys.sorted() { text += "charge \(symbol) \(coulomb.charges[symbol]!)\n" }
        if let core {
            if let common = core.commonSwitching {
                text += "zbl \(common.inner) \(common.outer)\n"
            } else {
                for (pair, s) in core.switching.sorted(by: { $0.key < $1.key }) {
                    text += "zbl \(pair.first) \(pair.second) \(s.inner) \(s.outer)\n"
                }
            }
        }
        if let steric {
            for (pair, t) in steric.terms.sorted(by: { $0.key < $1.key }) {
                text += "steric \(pair.first) \(pair.second) \(t.h) \(t.eta) \(t.cutoff)\n"
            }
        }
        if let tail {
            for (pair, t) in tail.terms.sorted(by: { $0.key < $1.key }) {
                text += "charge-dipole-tail \(pair.first) \(pair.second) \(t.d) \(t.lambda) \(t.inner) \(t.cutoff)\n"
            }
        }
        return text
    }

    /// Reads `text` (the contents of `file`).
    /// - Throws: `ModelFileError` naming the file and line of an unknown keyword, a missing or
    ///   extra word, a number that does not parse, a repeated element or style, or a bad parameter.
    public static func parse(_ text: String, file: String) throws(ModelFileError) -> ModelBaseline {
        var style: (alpha: Double, cutoff: Double, line: Int)?
        var core: (inner: Double, outer: Double, line: Int)?
        var pairCores: [ElementPair: (inner: Double, outer: Double, line: Int)] = [:]
        var sterics: [ElementPair: (term: StericRepulsion.Term, line: Int)] = [:]
        var tails: [ElementPair: (term: ChargeDipoleTail.Term, line: Int)] = [:]
        var charges: [String: Double] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let words = raw.prefix { $0 != "#" }.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let keyword = words.first else { continue }
            func number(_ k: Int, _ name: String) throws(ModelFileError) -> Double {
                guard let value = Double(words[k]), value.isFinite else {
                    throw ModelFileError(file: file, line: line, reason: "\(name) '\(words[k])' is not a finite number")
                }
                return value
            }
            if keyword == "steric" {
                guard words.count == 6 else {
                    throw ModelFileError(file: file, line: line, reason: "'steric' takes two elements and three values, found \(words.count - 1) words")
                }
                let pair = ElementPair(words[1], words[2])
                guard sterics[pair] == nil else { throw ModelFileError(file: file, line: line, reason: "a second steric line for \(pair)") }
                sterics[pair] = (.init(h: try number(3, "H"), eta: try number(4, "η"), cutoff: try number(5, "the cutoff")), line)
                continue
            }
            if keyword == "charge-dipole-tail" {
                guard words.count == 7 else {
                    throw ModelFileError(file: file, line: line, reason: "'charge-dipole-tail' takes two elements and four values, found \(words.count - 1) words")
                }
                let pair = ElementPair(words[1], words[2])
                guard tails[pair] == nil else { throw ModelFileError(file: file, line: line, reason: "a second charge-dipole-tail line for \(pair)") }
                let term = ChargeDipoleTail.Term(
                    d: try number(3, "D"), lambda: try number(4, "λ"), inner: try number(5, "the inner radius"), cutoff: try number(6, "the cutoff"))
                tails[pair] = (term, line)
                continue
            }
            guard words.count == 3 || (keyword == "zbl" && words.count == 5) else {
                let expected = keyword == "zbl" ? "two values (or two elements and two values)" : "two values"
                throw ModelFileError(file: file, line: line, reason: "'\(keyword)' takes \(expected), found \(words.count - 1)")
            }
            switch keyword {
            case "coul/dsf":
                guard style == nil else { throw ModelFileError(file: file, line: line, reason: "a second coul/dsf line") }
                style = (try number(1, "alpha"), try number(2, "the cutoff"), line)
            case "charge":
                guard charges[words[1]] == nil else { throw ModelFileError(file: file, line: line, reason: "a second charge for \(words[1])") }
                charges[words[1]] = try number(2, "the charge")
            case "zbl" where words.count == 5:
                let pair = ElementPair(words[1], words[2])
                guard pairCores[pair] == nil else { throw ModelFileError(file: file, line: line, reason: "a second zbl line for \(pair)") }
                pairCores[pair] = (try number(3, "the inner cutoff"), try number(4, "the outer cutoff"), line)
            case "zbl":
                guard core == nil else { throw ModelFileError(file: file, line: line, reason: "a second zbl line") }
                core = (try number(1, "the inner cutoff"), try number(2, "the outer cutoff"), line)
            default:
                throw ModelFileError(file: file, line: line, reason: "unknown keyword '\(keyword)' (expected coul/dsf, charge, zbl, steric or charge-dipole-tail)")
            }
        }
        guard let style else { throw ModelFileError(file: file, reason: "no 'coul/dsf ALPHA CUTOFF' line") }
        let coulomb: DampedShiftedCoulomb
        do {
            coulomb = try DampedShiftedCoulomb(charges: charges, alpha: style.alpha, cutoff: style.cutoff)
        } catch {
            throw ModelFileError(file: file, line: charges.isEmpty ? nil : style.line, reason: error.description)
        }
        let symbols = charges.keys.sorted()
        let steric = try pairTerms(sterics, file: file) { terms throws(PotentialError) in try StericRepulsion(elements: symbols, terms: terms) }
        let tail = try pairTerms(tails, file: file) { terms throws(PotentialError) in try ChargeDipoleTail(elements: symbols, terms: terms) }
        guard core != nil || !pairCores.isEmpty else { return ModelBaseline(coulomb: coulomb, steric: steric, tail: tail) }
        var switching: [ElementPair: ScreenedNuclearRepulsion.Switching] = [:]
        if let core {
            for (n, a) in symbols.enumerated() {
                for b in symbols[n...] { switching[ElementPair(a, b)] = .init(inner: core.inner, outer: core.outer) }
            }
        }
        for (pair, c) in pairCores {
            guard charges[pair.first] != nil, charges[pair.second] != nil else {
                throw ModelFileError(file: file, line: c.line, reason: "the zbl pair \(pair) names an element without a charge line")
            }
            switching[pair] = .init(inner: c.inner, outer: c.outer)
        }
        // Each line on its own first, so that an error names its line.
        var checks: [(line: Int, check: () throws -> Void)] = pairCores.map { pair, c in
            (c.line, { _ = try ScreenedNuclearRepulsion(elements: [pair.first, pair.second], switching: [pair: .init(inner: c.inner, outer: c.outer)]) })
        }
        if let core { checks.append((core.line, { _ = try ScreenedNuclearRepulsion(elements: symbols, inner: core.inner, outer: core.outer) })) }
        for (line, check) in checks.sorted(by: { $0.line < $1.line }) {
            do { try check() } catch { throw ModelFileError(file: file, line: line, reason: "\(error)") }
        }
        do {
            return ModelBaseline(
                coulomb: coulomb, core: try ScreenedNuclearRepulsion(elements: symbols, switching: switching), steric: steric, tail: tail)
        } catch {
            throw ModelFileError(file: file, reason: error.description)
        }
    }

    /// The part built from one kind of per-pair lines (nil for none): each line on its own first,
    /// so that an error names its line, then all of them together.
    private static func pairTerms<Term, Part>(
        _ lines: [ElementPair: (term: Term, line: Int)], file: String, build: ([ElementPair: Term]) throws(PotentialError) -> Part
    ) throws(ModelFileError) -> Part? {
        guard !lines.isEmpty else { return nil }
        for (pair, entry) in lines.sorted(by: { $0.value.line < $1.value.line }) {
            do {
                _ = try build([pair: entry.term])
            } catch {
                throw ModelFileError(file: file, line: entry.line, reason: error.description)
            }
        }
        do {
            return try build(lines.mapValues(\.term))
        } catch {
            throw ModelFileError(file: file, reason: error.description)
        }
    }
}
