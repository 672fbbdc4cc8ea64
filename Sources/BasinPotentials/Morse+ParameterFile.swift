import BasinAtoms
import Foundation

extension Morse {
    /// Reads a Morse parameter file: one entry per element pair, `El1 El2 D0 alpha r0 cutoff`,
    /// text after `#` a comment. Every pair of the elements the file names must be given, once.
    public init(contentsOf url: URL, shift: Bool = false, units: UnitSystem = .metal) throws(ParameterFileError) {
        try self.init(file: ParameterFile(contentsOf: url, wordsPerEntry: 6), shift: shift, units: units)
    }

    /// Parses the text of a Morse parameter file; errors name `file`.
    public init(text: String, file: String = "<text>", shift: Bool = false, units: UnitSystem = .metal) throws(ParameterFileError) {
        try self.init(file: ParameterFile(text: text, file: file, wordsPerEntry: 6), shift: shift, units: units)
    }

    private init(file: ParameterFile, shift: Bool, units: UnitSystem) throws(ParameterFileError) {
        var pairs: [ElementPair: PairParameters] = [:]
        var elements: [String] = []
        for entry in file.entries {
            let key = ElementPair(entry.words[0], entry.words[1])
            let p = PairParameters(
                d0: try file.number(entry, 2, "D0"), alpha: try file.number(entry, 3, "alpha"),
                r0: try file.number(entry, 4, "r0"), cutoff: try file.number(entry, 5, "cutoff"))
            guard p.d0 >= 0 else { throw ParameterFileError(file: file.file, line: entry.lines[2], "D0 must not be negative, found \(p.d0)") }
            guard p.alpha > 0 else { throw ParameterFileError(file: file.file, line: entry.lines[3], "alpha must be positive, found \(p.alpha)") }
            guard p.cutoff > 0 else { throw ParameterFileError(file: file.file, line: entry.lines[5], "cutoff must be positive, found \(p.cutoff)") }
            guard pairs[key] == nil else { throw ParameterFileError(file: file.file, line: entry.line, "duplicate entry for the pair \(key)") }
            pairs[key] = p
            for symbol in entry.words[0..<2] where !elements.contains(symbol) { elements.append(symbol) }
        }
        guard !pairs.isEmpty else { throw ParameterFileError(file: file.file, line: nil, "the file has no entries") }
        for (n, a) in elements.enumerated() {
            for b in elements[n...] where pairs[ElementPair(a, b)] == nil {
                throw ParameterFileError(file: file.file, line: nil, "missing the entry for the element pair \(ElementPair(a, b))")
            }
        }
        do throws(PotentialError) {
            try self.init(pairs: pairs, shift: shift, units: units)
        } catch {
            throw ParameterFileError(file: file.file, line: nil, error.description)
        }
    }
}
