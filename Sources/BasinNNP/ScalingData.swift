import BasinText
import Foundation

/// n2p2's `scaling.data`: the statistics (min, max, mean, sigma) of every symmetry function
/// of every element over the training set, which the input scaling reads.
///
/// Rows are `e_index sf_index min max mean [sigma]` with 1-based element indices in
/// atomic-number order and function indices in n2p2's sorted order, element after element;
/// n2p2 writes them `%10d %10d %24.16E %24.16E %24.16E %24.16E` under a `#` header
/// (Dataset.cpp `writeSymmetryFunctionScaling`), which keeps every `Double` exactly.
public enum ScalingData {
    /// The header n2p2 writes above the rows.
    static let header = """
        ################################################################################
        # Symmetry function scaling data.
        ################################################################################
        # Col  Name     Description
        ################################################################################
        # 1    e_index  Element index.
        # 2    sf_index Symmetry function index.
        # 3    sf_min   Symmetry function minimum.
        # 4    sf_max   Symmetry function maximum.
        # 5    sf_mean  Symmetry function mean.
        # 6    sf_sigma Symmetry function sigma.
        #########################################################################################################################
        #        1          2                        3                        4                        5                        6
        #  e_index   sf_index                   sf_min                   sf_max                  sf_mean                 sf_sigma
        #########################################################################################################################

        """

    /// The file's text for per-element statistics (outer index: element in atomic-number order).
    public static func text(_ statistics: [[SymmetryFunctionStatistics]]) -> String {
        var text = header
        for (e, rows) in statistics.enumerated() {
            for (s, row) in rows.enumerated() {
                text += String(format: "%10ld %10ld %24.16E %24.16E %24.16E %24.16E\n",
                               e + 1, s + 1, row.minimum, row.maximum, row.mean, row.sigma)
            }
        }
        return text
    }

    /// Reads the statistics of `counts[e]` functions for each element e.
    ///
    /// Stricter than n2p2, which reads rows by position only and crashes on a blank line: every
    /// row must carry the element and function index it is read for, a blank line or a missing
    /// or surplus row is an error, and the numbers must be finite with min ≤ mean ≤ max.
    /// - Parameter file: names the file in errors.
    public static func parse(_ text: String, counts: [Int], file: String) throws(ModelFileError) -> [[SymmetryFunctionStatistics]] {
        let text = TextFile.normalized(text)
        var rows: [(line: Int, fields: [Substring])] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            if line.first == "#" { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !fields.isEmpty else {
                throw ModelFileError(file: file, line: index + 1, reason: "blank line (n2p2 cannot read blank lines in scaling.data)")
            }
            rows.append((index + 1, fields))
        }
        let expected = counts.reduce(0, +)
        guard rows.count == expected else {
            throw ModelFileError(
                file: file, line: rows.count > expected ? rows[expected].line : nil,
                reason: "expected \(expected) rows (\(counts.map(String.init).joined(separator: " + ")) symmetry functions), found \(rows.count)")
        }
        var result: [[SymmetryFunctionStatistics]] = []
        var next = 0
        for (e, count) in counts.enumerated() {
            var element: [SymmetryFunctionStatistics] = []
            for s in 0..<count {
                let (line, fields) = rows[next]
                next += 1
                func fail(_ reason: String) -> ModelFileError { ModelFileError(file: file, line: line, reason: reason) }
                guard fields.count == 5 || fields.count == 6 else {
                    throw fail("expected e_index sf_index min max mean [sigma], found \(fields.count) fields")
                }
                guard Int(fields[0]) == e + 1, Int(fields[1]) == s + 1 else {
                    throw fail("expected the row of element \(e + 1), function \(s + 1), found '\(TextExcerpt.quote(fields[0] + " " + fields[1]))'")
                }
                var numbers: [Double] = []
                for field in fields.dropFirst(2) {
                    guard let x = Double(field), x.isFinite else { throw fail("'\(TextExcerpt.quote(field))' is not a finite number") }
                    numbers.append(x)
                }
                guard numbers[0] <= numbers[2], numbers[2] <= numbers[1] else { throw fail("needs min <= mean <= max") }
                element.append(SymmetryFunctionStatistics(
                    minimum: numbers[0], maximum: numbers[1], mean: numbers[2], sigma: numbers.count == 4 ? numbers[3] : 0))
            }
            result.append(element)
        }
        return result
    }
}
