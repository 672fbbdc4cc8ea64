import BasinPotentials
import Foundation

/// `baseline.data`, in metal units (|e|, 1/Å, Å):
///
///     # comments
///     coul/dsf ALPHA CUTOFF
///     charge SYMBOL Q          (one line per element of the model)
///     zbl INNER OUTER          (optional: the repulsive core, each element with its own Z)
///
/// The same model runs in LAMMPS as `pair_style hybrid/overlay hdnnp … coul/dsf ALPHA CUTOFF
/// zbl INNER OUTER`, with `set type N charge Q` and `pair_coeff I J zbl Z_I Z_J` per type.
extension ModelBaseline {
    /// The file's text: the style line, one charge line per element in alphabetical order, the
    /// core's line when there is one, every number written so that it reads back exactly.
    public var text: String {
        var text = """
            # Fixed baseline under this model's networks: energy and forces = networks + baseline.
            # LAMMPS: pair_style hybrid/overlay hdnnp ... coul/dsf ALPHA CUTOFF [zbl INNER OUTER],
            # with these charges per type [and pair_coeff I J zbl Z_I Z_J, Z the atomic numbers].

            """
        text += "coul/dsf \(coulomb.alpha) \(coulomb.cutoff)\n"
        for symbol in coulomb.charges.keys.sorted() { text += "charge \(symbol) \(coulomb.charges[symbol]!)\n" }
        if let core { text += "zbl \(core.inner) \(core.cutoff)\n" }
        return text
    }

    /// Reads `text` (the contents of `file`).
    /// - Throws: `ModelFileError` naming the file and line of an unknown keyword, a missing or
    ///   extra word, a number that does not parse, a repeated element or style, or a bad parameter.
    public static func parse(_ text: String, file: String) throws(ModelFileError) -> ModelBaseline {
        var style: (alpha: Double, cutoff: Double, line: Int)?
        var core: (inner: Double, outer: Double, line: Int)?
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
            guard words.count == 3 else {
                throw ModelFileError(file: file, line: line, reason: "'\(keyword)' takes two values, found \(words.count - 1)")
            }
            switch keyword {
            case "coul/dsf":
                guard style == nil else { throw ModelFileError(file: file, line: line, reason: "a second coul/dsf line") }
                style = (try number(1, "alpha"), try number(2, "the cutoff"), line)
            case "charge":
                guard charges[words[1]] == nil else { throw ModelFileError(file: file, line: line, reason: "a second charge for \(words[1])") }
                charges[words[1]] = try number(2, "the charge")
            case "zbl":
                guard core == nil else { throw ModelFileError(file: file, line: line, reason: "a second zbl line") }
                core = (try number(1, "the inner cutoff"), try number(2, "the outer cutoff"), line)
            default:
                throw ModelFileError(file: file, line: line, reason: "unknown keyword '\(keyword)' (expected coul/dsf, charge or zbl)")
            }
        }
        guard let style else { throw ModelFileError(file: file, reason: "no 'coul/dsf ALPHA CUTOFF' line") }
        let coulomb: DampedShiftedCoulomb
        do {
            coulomb = try DampedShiftedCoulomb(charges: charges, alpha: style.alpha, cutoff: style.cutoff)
        } catch {
            throw ModelFileError(file: file, line: charges.isEmpty ? nil : style.line, reason: error.description)
        }
        guard let core else { return ModelBaseline(coulomb: coulomb) }
        do {
            let repulsion = try ScreenedNuclearRepulsion(elements: charges.keys.sorted(), inner: core.inner, outer: core.outer)
            return ModelBaseline(coulomb: coulomb, core: repulsion)
        } catch {
            throw ModelFileError(file: file, line: core.line, reason: error.description)
        }
    }
}
