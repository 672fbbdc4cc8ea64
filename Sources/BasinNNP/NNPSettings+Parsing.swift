import BasinAtoms
import BasinDescriptors
import BasinNN
import BasinText

extension NNPSettings {
    /// One keyword line: its 1-based number and its tokens, comment removed.
    private struct Entry {
        let line: Int
        let tokens: [String]
        var values: ArraySlice<String> { tokens.dropFirst() }
    }

    /// Keywords that may appear on several lines.
    private static let repeatable: Set<String> = ["symfunction_short", "symfunction", "atom_energy", "element_nodes_short"]

    /// Keywords that shape the model; every other keyword goes to `otherSettings`.
    private static let modelKeywords: Set<String> = repeatable.union([
        "number_of_elements", "elements", "cutoff_type", "scale_symmetry_functions", "center_symmetry_functions",
        "scale_symmetry_functions_sigma", "scale_min_short", "scale_max_short", "global_hidden_layers_short",
        "global_nodes_short", "global_activation_short", "normalize_nodes", "mean_energy", "conv_energy", "conv_length",
    ])

    /// Reads the text of an input.nn as n2p2 does (Settings.cpp `parseLines`): one keyword per
    /// line followed by its values, text after `#` or `!` dropped, blank lines skipped, order free.
    /// - Parameter file: names the file in errors.
    /// - Throws: `ModelFileError` with the line and reason for a malformed or repeated keyword,
    ///   an unknown element or activation, widths or counts that disagree, an incomplete
    ///   normalization, a scaling combination n2p2 rejects, an `nnp_type` other than a
    ///   second-generation HDNNP; without a line for a missing required keyword or an element
    ///   without symmetry functions.
    public static func parse(_ text: String, file: String) throws(ModelFileError) -> NNPSettings {
        let text = TextFile.normalized(text)
        var entries: [String: [Entry]] = [:]
        var others: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let tokens = raw.prefix { $0 != "#" && $0 != "!" }
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = tokens.first else { continue }
            let entry = Entry(line: index + 1, tokens: tokens)
            if let first = entries[keyword]?.first, !repeatable.contains(keyword) {
                throw ModelFileError(file: file, line: index + 1, reason: "\(keyword) is given twice (first on line \(first.line))")
            }
            entries[keyword, default: []].append(entry)
            if !modelKeywords.contains(keyword) { others.append(tokens.joined(separator: " ")) }
        }
        var reader = Reader(file: file, entries: entries)
        return try reader.settings(otherSettings: others)
    }

    /// Turns the collected entries into settings, checking each.
    private struct Reader {
        let file: String
        let entries: [String: [Entry]]

        func fail(_ entry: Entry?, _ reason: String) -> ModelFileError {
            ModelFileError(file: file, line: entry?.line, reason: reason)
        }

        func single(_ keyword: String) -> Entry? { entries[keyword]?.first }

        func required(_ keyword: String) throws(ModelFileError) -> Entry {
            guard let entry = single(keyword) else { throw fail(nil, "missing keyword \(keyword)") }
            return entry
        }

        func values(_ entry: Entry, count: Int) throws(ModelFileError) -> [String] {
            guard entry.values.count == count else {
                throw fail(entry, "\(entry.tokens[0]) takes \(count) value\(count == 1 ? "" : "s"), found \(entry.values.count)")
            }
            return Array(entry.values)
        }

        func number(_ entry: Entry, _ text: String) throws(ModelFileError) -> Double {
            guard let x = Double(text), x.isFinite else { throw fail(entry, "\(entry.tokens[0]): '\(TextExcerpt.quote(text))' is not a finite number") }
            return x
        }

        func integer(_ entry: Entry, _ text: String, minimum: Int) throws(ModelFileError) -> Int {
            guard let n = Int(text), n >= minimum else {
                throw fail(entry, "\(entry.tokens[0]): '\(TextExcerpt.quote(text))' is not an integer of at least \(minimum)")
            }
            return n
        }

        func element(_ entry: Entry, _ symbol: String, in elements: [Element]) throws(ModelFileError) -> Element {
            guard let e = try? Element(symbol: symbol) else { throw fail(entry, "unknown element '\(TextExcerpt.quote(symbol))'") }
            guard elements.contains(e) else {
                throw fail(entry, "element \(symbol) is not among the model's elements (\(elements.map(\.symbol).joined(separator: " ")))")
            }
            return e
        }

        mutating func settings(otherSettings: [String]) throws(ModelFileError) -> NNPSettings {
            if let type = single("nnp_type"), !["2G-HDNNP", "2"].contains(type.values.first ?? "") {
                throw fail(type, "only second-generation HDNNPs (nnp_type 2G-HDNNP) are supported")
            }
            let elements = try readElements()
            var atomEnergies: [Element: Double] = [:]
            for entry in entries["atom_energy"] ?? [] {
                let v = try values(entry, count: 2)
                let e = try element(entry, v[0], in: elements)
                guard atomEnergies[e] == nil else { throw fail(entry, "atom_energy of \(v[0]) is given twice") }
                atomEnergies[e] = try number(entry, v[1])
            }
            let (kind, alpha) = try readCutoff()
            return NNPSettings(
                elements: elements, atomEnergies: atomEnergies, cutoffKind: kind, cutoffAlpha: alpha,
                symmetryFunctions: try readSymmetryFunctions(elements, kind, alpha), scaling: try readScalingMode(),
                scaleMinimum: try single("scale_min_short").map { e throws(ModelFileError) in try number(e, values(e, count: 1)[0]) } ?? 0,
                scaleMaximum: try single("scale_max_short").map { e throws(ModelFileError) in try number(e, values(e, count: 1)[0]) } ?? 1,
                normalization: try readNormalization(), architectures: try readArchitectures(elements),
                normalizesNodes: single("normalize_nodes") != nil, otherSettings: otherSettings)
        }

        func readElements() throws(ModelFileError) -> [Element] {
            let countEntry = try required("number_of_elements")
            let count = try integer(countEntry, values(countEntry, count: 1)[0], minimum: 1)
            let list = try required("elements")
            var elements: [Element] = []
            for symbol in list.values {
                guard let e = try? Element(symbol: symbol) else { throw fail(list, "unknown element '\(TextExcerpt.quote(symbol))'") }
                guard !elements.contains(e) else { throw fail(list, "element \(symbol) is listed twice") }
                elements.append(e)
            }
            guard elements.count == count else {
                throw fail(list, "elements lists \(elements.count) symbols but number_of_elements is \(count)")
            }
            return elements.sorted { $0.atomicNumber < $1.atomicNumber }
        }

        func readCutoff() throws(ModelFileError) -> (CutoffKind, Double) {
            let entry = try required("cutoff_type")
            guard entry.values.count == 1 || entry.values.count == 2 else { throw fail(entry, "cutoff_type takes <code> [alpha]") }
            guard let code = Int(entry.tokens[1]), let kind = CutoffKind(rawValue: code) else {
                throw fail(entry, "unknown cutoff_type '\(TextExcerpt.quote(entry.tokens[1]))' (n2p2 codes 0-8)")
            }
            let alpha = entry.values.count == 2 ? try number(entry, entry.tokens[2]) : 0
            guard alpha >= 0 && alpha < 1 else { throw fail(entry, "the cutoff alpha must lie in [0, 1), found \(alpha)") }
            return (kind, alpha)
        }

        func readSymmetryFunctions(
            _ elements: [Element], _ kind: CutoffKind, _ alpha: Double
        ) throws(ModelFileError) -> [SymmetryFunctionSet] {
            let parser = SymmetryFunctionParser(cutoffKind: kind, alpha: alpha)
            var byElement = [[SymmetryFunction]](repeating: [], count: elements.count)
            let lines = ((entries["symfunction_short"] ?? []) + (entries["symfunction"] ?? [])).sorted { $0.line < $1.line }
            for entry in lines {
                let parsed: (central: Element, function: SymmetryFunction)
                do {
                    parsed = try parser.parse(entry.tokens.joined(separator: " "), line: entry.line)
                } catch {
                    throw fail(entry, error.reason)
                }
                guard let index = elements.firstIndex(of: parsed.central) else {
                    throw fail(entry, "element \(parsed.central.symbol) is not among the model's elements")
                }
                for neighbor in NNPSettings.neighborElements(parsed.function) where !elements.contains(neighbor) {
                    throw fail(entry, "neighbor element \(neighbor.symbol) is not among the model's elements")
                }
                byElement[index].append(parsed.function)
            }
            for (e, functions) in zip(elements, byElement) where functions.isEmpty {
                throw fail(nil, "element \(e.symbol) has no symmetry functions")
            }
            return zip(elements, byElement).map { SymmetryFunctionSet(central: $0, functions: $1) }
        }

        func readScalingMode() throws(ModelFileError) -> ScalingMode {
            let scale = single("scale_symmetry_functions"), center = single("center_symmetry_functions")
            if let sigma = single("scale_symmetry_functions_sigma") {
                guard scale == nil && center == nil else {
                    throw fail(sigma, "scale_symmetry_functions_sigma cannot be combined with scale_ or center_symmetry_functions")
                }
                return .sigma
            }
            switch (scale != nil, center != nil) {
            case (true, true): return .scaleCenter
            case (true, false): return .scale
            case (false, true): return .center
            case (false, false): return .none
            }
        }

        func readNormalization() throws(ModelFileError) -> EnergyNormalization? {
            let keys = ["mean_energy", "conv_energy", "conv_length"]
            let given = keys.compactMap(single)
            if given.isEmpty { return nil }
            guard given.count == 3 else {
                let missing = keys.filter { single($0) == nil }.joined(separator: ", ")
                throw fail(given[0], "normalization needs mean_energy, conv_energy and conv_length together; missing \(missing)")
            }
            var v: [Double] = []
            for entry in given { v.append(try number(entry, values(entry, count: 1)[0])) }
            guard v[1] > 0, v[2] > 0 else { throw fail(given[v[1] > 0 ? 2 : 1], "conversion factors must be positive") }
            return EnergyNormalization(meanEnergy: v[0], convEnergy: v[1], convLength: v[2])
        }

        func readArchitectures(_ elements: [Element]) throws(ModelFileError) -> [NetworkArchitecture] {
            let layersEntry = try required("global_hidden_layers_short")
            let layers = try integer(layersEntry, values(layersEntry, count: 1)[0], minimum: 0)
            let nodesEntry = try required("global_nodes_short")
            var widths: [Int] = []
            for text in try values(nodesEntry, count: layers) { widths.append(try integer(nodesEntry, text, minimum: 1)) }
            let activationEntry = try required("global_activation_short")
            var activations: [Activation] = []
            for letter in try values(activationEntry, count: layers + 1) {
                do { activations.append(try Activation(letter: letter)) } catch { throw fail(activationEntry, error.description) }
            }
            var architectures = elements.map { _ in NetworkArchitecture(hiddenLayers: widths, activations: activations) }
            for entry in entries["element_nodes_short"] ?? [] {
                let v = try values(entry, count: 3)
                let e = try element(entry, v[0], in: elements)
                let layer = try integer(entry, v[1], minimum: 1)
                guard layer <= layers else { throw fail(entry, "hidden layer \(layer) does not exist (there are \(layers))") }
                architectures[elements.firstIndex(of: e)!].hiddenLayers[layer - 1] = try integer(entry, v[2], minimum: 1)
            }
            return architectures
        }
    }

    /// The neighbor elements a function reads.
    private static func neighborElements(_ function: SymmetryFunction) -> [Element] {
        switch function {
        case .radial(let g): [g.neighbor]
        case .angular(let g): [g.e1, g.e2]
        }
    }
}
