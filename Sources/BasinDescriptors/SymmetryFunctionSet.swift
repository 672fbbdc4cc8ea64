import BasinAtoms

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
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let first = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first
            guard first == "symfunction_short" || first == "symfunction" else { continue }
            let (central, function) = try parser.parse(String(line), line: index + 1)
            byElement[central, default: []].append(function)
        }
        return byElement.map { SymmetryFunctionSet(central: $0.key, functions: $0.value) }
            .sorted { $0.central.atomicNumber < $1.central.atomicNumber }
    }
}
