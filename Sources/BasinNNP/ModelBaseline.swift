import BasinPotentials
import Foundation

/// `baseline.data`: the fixed potential a model's networks were trained on top of (Δ-learning:
/// the networks fit reference − baseline), so that the model's energies and forces are
/// networks + baseline. A model folder without the file has no baseline.
///
/// The one baseline today is fixed-charge electrostatics in LAMMPS's `coul/dsf` form
/// (`DampedShiftedCoulomb`), in metal units (|e|, 1/Å, Å):
///
///     # comments
///     coul/dsf ALPHA CUTOFF
///     charge SYMBOL Q          (one line per element of the model)
///
/// The same model runs in LAMMPS as `pair_style hybrid/overlay hdnnp … coul/dsf ALPHA CUTOFF`
/// with `set type N charge Q` for each type.
public enum ModelBaseline {
    public static let fileName = "baseline.data"

    /// The file's text for `baseline`: its style line, then one charge line per element in
    /// alphabetical order, every number written so that it reads back exactly.
    public static func text(_ baseline: DampedShiftedCoulomb) -> String {
        var text = """
            # Fixed baseline under this model's networks: energy and forces = networks + baseline.
            # LAMMPS: pair_style hybrid/overlay hdnnp ... coul/dsf ALPHA CUTOFF, with these charges per type.

            """
        text += "coul/dsf \(baseline.alpha) \(baseline.cutoff)\n"
        for symbol in baseline.charges.keys.sorted() { text += "charge \(symbol) \(baseline.charges[symbol]!)\n" }
        return text
    }

    /// Reads `text` (the contents of `file`).
    /// - Throws: `ModelFileError` naming the file and line of an unknown keyword, a missing or
    ///   extra word, a number that does not parse, a repeated element or a bad parameter.
    public static func parse(_ text: String, file: String) throws(ModelFileError) -> DampedShiftedCoulomb {
        var style: (alpha: Double, cutoff: Double, line: Int)?
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
            default:
                throw ModelFileError(file: file, line: line, reason: "unknown keyword '\(keyword)' (expected coul/dsf or charge)")
            }
        }
        guard let style else { throw ModelFileError(file: file, reason: "no 'coul/dsf ALPHA CUTOFF' line") }
        do {
            return try DampedShiftedCoulomb(charges: charges, alpha: style.alpha, cutoff: style.cutoff)
        } catch {
            throw ModelFileError(file: file, line: charges.isEmpty ? nil : style.line, reason: error.description)
        }
    }
}
