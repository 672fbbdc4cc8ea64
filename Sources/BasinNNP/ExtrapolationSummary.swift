/// What an `ExtrapolationMonitor` has counted: extrapolation warnings (symmetry-function values
/// outside their scaling.data range) per element, per function and per atom, with how far
/// outside, over every evaluation since it was made or reset.
public struct ExtrapolationSummary: Sendable, Encodable {
    /// Evaluations scanned, and those with at least one warning.
    public var evaluations = 0
    public var evaluationsWithWarnings = 0
    /// Warnings in all: one per (evaluation, atom, function) whose value is out of range.
    public var warnings = 0
    /// Per element (model order), its warnings and the functions that had any.
    public var elements: [ElementCount] = []
    /// Atoms (0-based index) that had warnings, with their counts over all evaluations.
    public var atoms: [AtomCount] = []
    /// The first warnings, in the order seen (at most `ExtrapolationMonitor.detailLimit`).
    public var first: [ExtrapolationWarning] = []
    /// The warning that took the count past `ExtrapolationMonitor.limit`, if one did.
    public var limitExceeded: ExtrapolationWarning?

    public struct ElementCount: Sendable, Encodable {
        public var element: String
        public var warnings: Int
        public var functions: [FunctionCount]
    }

    public struct FunctionCount: Sendable, Encodable {
        /// 1-based index in the element's n2p2 order, and the type code.
        public var function: Int
        public var type: Int
        public var warnings: Int
        /// The training range, and the largest distance outside it of any value seen.
        public var minimum: Double
        public var maximum: Double
        public var largestExcess: Double
    }

    public struct AtomCount: Sendable, Encodable {
        public var atom: Int
        public var element: String
        public var warnings: Int
    }

    /// One line: counts, the worst function of each element, and the atoms involved.
    public var text: String {
        guard warnings > 0 else { return "extrapolation warnings: none in \(evaluations) evaluations" }
        var line = "extrapolation warnings: \(warnings) in \(evaluationsWithWarnings) of \(evaluations) evaluations, \(atoms.count) atoms"
        for element in elements where element.warnings > 0 {
            let worst = element.functions.max { $0.warnings < $1.warnings }!
            line += "; \(element.element) \(element.warnings) (most: function \(worst.function), \(worst.warnings))"
        }
        return line
    }
}
