import BasinAtoms
import BasinText

/// The symmetry functions of one central element, in n2p2's sorted order
/// (Element::sortSymmetryFunctions, see `SymmetryFunction.precedes`): index s of `functions`
/// is n2p2's input index s of the element's network and its `sf_index` − 1 in scaling.data.
public struct SymmetryFunctionSet: Sendable, Hashable {
    public let central: Element
    public let functions: [SymmetryFunction]

    /// The functions sorted into n2p2's order.
    public init(central: Element, functions: [SymmetryFunction]) {
        self.central = central
        self.functions = functions.sorted(by: SymmetryFunction.precedes)
    }

    /// Largest cutoff radius r_c (length units), 0 without functions.
    public var cutoffRadius: Double { functions.map(\.cutoff.radius).max() ?? 0 }

    /// One set per central element from `symfunction_short` lines (other lines are skipped, and
    /// comments dropped), ordered by atomic number.
    public static func parse(
        _ text: String, cutoffKind: CutoffKind, alpha: Double = 0
    ) throws(SymmetryFunctionParseError) -> [SymmetryFunctionSet] {
        let parser = SymmetryFunctionParser(cutoffKind: cutoffKind, alpha: alpha)
        var byElement: [Element: [SymmetryFunction]] = [:]
        for (index, line) in TextFile.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let first = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).first
            guard first == "symfunction_short" || first == "symfunction" else { continue }
            let (central, function) = try parser.parse(String(line), line: index + 1)
            byElement[central, default: []].append(function)
        }
        return byElement.map { SymmetryFunctionSet(central: $0.key, functions: $0.value) }
            .sorted { $0.central.atomicNumber < $1.central.atomicNumber }
    }

    /// One set per central element from the text of an n2p2 `input.nn`: its
    /// `cutoff_type <code> [alpha]` line (required, once) and its `symfunction_short` lines.
    public static func parse(settings text: String) throws(SymmetryFunctionParseError) -> [SymmetryFunctionSet] {
        var cutoff: (kind: CutoffKind, alpha: Double, line: Int)?
        for (index, line) in TextFile.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let tokens = line.prefix { $0 != "#" && $0 != "!" }.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard tokens.first == "cutoff_type" else { continue }
            func fail(_ reason: String) -> SymmetryFunctionParseError { SymmetryFunctionParseError(line: index + 1, reason: reason) }
            if let earlier = cutoff { throw fail("cutoff_type given twice (first on line \(earlier.line))") }
            guard tokens.count == 2 || tokens.count == 3 else { throw fail("cutoff_type takes <code> [alpha]") }
            guard let code = Int(tokens[1]), let kind = CutoffKind(rawValue: code) else {
                throw fail("unknown cutoff_type '\(tokens[1])' (n2p2 codes 0-8)")
            }
            let alpha = tokens.count == 3 ? Double(tokens[2]) : 0
            guard let alpha, alpha >= 0, alpha < 1 else { throw fail("the cutoff alpha must lie in [0, 1), got '\(tokens[2])'") }
            cutoff = (kind, alpha, index + 1)
        }
        guard let cutoff else { throw SymmetryFunctionParseError(line: 0, reason: "no cutoff_type line") }
        return try parse(text, cutoffKind: cutoff.kind, alpha: cutoff.alpha)
    }

    /// The text of an input.nn fragment for `sets`: one `cutoff_type <code> [alpha]` line (α only
    /// when not 0), then each set's functions as `settingsLine`s in n2p2 order; `parse(settings:)`
    /// reads it back to equal sets. Every function must share one cutoff type and α, as input.nn
    /// requires. Empty when there are no functions.
    public static func settings(_ sets: [SymmetryFunctionSet]) -> String {
        let cutoffs = sets.flatMap { $0.functions.map(\.cutoff) }
        guard let first = cutoffs.first else { return "" }
        precondition(cutoffs.allSatisfy { $0.kind == first.kind && $0.alpha == first.alpha }, "one global cutoff type")
        var lines = ["cutoff_type \(first.kind.rawValue)" + (first.alpha == 0 ? "" : " \(first.alpha)")]
        for set in sets {
            lines += set.functions.map { $0.settingsLine(central: set.central) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
