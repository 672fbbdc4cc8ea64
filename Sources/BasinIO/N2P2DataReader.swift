import BasinAtoms
import BasinMath

/// Reads the structures of an n2p2 `input.data` file from a scanner (see `N2P2Data`).
struct N2P2DataReader {
    let scanner: TextScanner
    let units: UnitSystem
    private var tokens: [Range<Int>] = []

    init(scanner: TextScanner, units: UnitSystem) {
        self.scanner = scanner
        self.units = units
    }

    private enum Keyword {
        case begin, comment, lattice, atom, energy, charge, end
    }

    private static let keywordList = "comment, lattice, atom, energy, charge or end"

    mutating func readAll() throws(FileFormatError) -> [Frame] {
        var frames: [Frame] = []
        while let line = scanner.nextLine() {
            scanner.split(line, into: &tokens)
            guard let first = tokens.first else { continue }
            guard keyword(first) == .begin else {
                throw scanner.error(.unexpected(expected: "'begin' of structure \(frames.count + 1)", found: scanner.quoted(first)))
            }
            frames.append(try readStructure(number: frames.count + 1))
        }
        return frames
    }

    private func keyword(_ token: Range<Int>) -> Keyword? {
        func matches(_ word: StaticString) -> Bool {
            token.count == word.utf8CodeUnitCount && scanner.hasPrefix(token, word)
        }
        if matches("atom") { return .atom }
        if matches("begin") { return .begin }
        if matches("end") { return .end }
        if matches("lattice") { return .lattice }
        if matches("energy") { return .energy }
        if matches("charge") { return .charge }
        if matches("comment") { return .comment }
        return nil
    }

    /// One structure, from the line after `begin` to its `end`.
    private mutating func readStructure(number: Int) throws(FileFormatError) -> Frame {
        let beginLine = scanner.lineNumber
        var table = SpeciesTable(units: units)
        var lattice: [SIMD3<Double>] = []
        var positions: [SIMD3<Double>] = []
        var species: [Int] = []
        var charges: [Double] = []
        var forces: [SIMD3<Double>] = []
        var energy: Double?
        var totalCharge: (value: Double, line: Int)?
        var comment: String?
        var lastSymbol: (text: String, index: Int)?

        while true {
            guard let line = scanner.nextLine() else {
                throw scanner.endOfFileError(expected: "'end' of structure \(number) (begun on line \(beginLine))")
            }
            scanner.split(line, into: &tokens)
            guard let first = tokens.first else {
                throw scanner.error(.unexpected(expected: "a keyword (\(Self.keywordList)) in structure \(number)", found: "an empty line"))
            }
            switch keyword(first) {
            case .atom:
                try expectColumns(10, "atom x y z element charge n fx fy fz")
                positions.append(try vector(from: 1, "the position"))
                let symbol = scanner.string(tokens[4])
                if let lastSymbol, lastSymbol.text == symbol {
                    species.append(lastSymbol.index)
                } else {
                    let index: Int
                    do {
                        index = try table.index(of: symbol)
                    } catch {
                        throw scanner.error(.unknownElement(symbol))
                    }
                    species.append(index)
                    lastSymbol = (symbol, index)
                }
                charges.append(try scanner.finite(tokens[5], "the atom's charge"))
                _ = try scanner.finite(tokens[6], "the unused column n")
                forces.append(try vector(from: 7, "the force"))
            case .lattice:
                try expectColumns(4, "lattice x y z")
                guard lattice.count < 3 else {
                    throw scanner.error(.invalid("structure \(number) has more than 3 lattice lines"))
                }
                lattice.append(try vector(from: 1, "lattice vector \(lattice.count + 1)"))
            case .energy:
                try expectColumns(2, "energy E")
                guard energy == nil else { throw scanner.error(.invalid("structure \(number) has a second energy line")) }
                energy = try scanner.finite(tokens[1], "the energy")
            case .charge:
                try expectColumns(2, "charge Q")
                guard totalCharge == nil else { throw scanner.error(.invalid("structure \(number) has a second charge line")) }
                totalCharge = (try scanner.finite(tokens[1], "the total charge"), scanner.lineNumber)
            case .comment:
                guard comment == nil else { throw scanner.error(.invalid("structure \(number) has a second comment line")) }
                // As n2p2: the text after the keyword and the one character that ends it.
                let start = min(first.upperBound + 1, line.upperBound)
                comment = scanner.string(start..<line.upperBound)
            case .end:
                try expectColumns(1, "end")
                guard lattice.count == 0 || lattice.count == 3 else {
                    throw scanner.error(.invalid("structure \(number) has \(lattice.count) lattice line\(lattice.count == 1 ? "" : "s"); it needs 3 (periodic) or none (cluster)"))
                }
                guard !positions.isEmpty else {
                    throw scanner.error(.invalid("structure \(number) has no atoms"))
                }
                if !lattice.isEmpty, let totalCharge, abs(totalCharge.value) > N2P2Data.chargeTolerance {
                    throw FileFormatError(file: scanner.file, line: totalCharge.line, .invalid(
                        "periodic structure \(number) has the total charge \(totalCharge.value); n2p2 needs 0"))
                }
                let cell = lattice.isEmpty ? Cell.open : Cell(vectors: Matrix3(rows: lattice[0], lattice[1], lattice[2]))
                let configuration = Configuration(
                    positions: positions, species: species, elements: table.elements, cell: cell, units: units)
                var info: [String: String] = [:]
                if let comment, !comment.isEmpty { info[N2P2Data.commentKey] = comment }
                if let totalCharge, totalCharge.value.bitPattern != 0 { info[N2P2Data.totalChargeKey] = "\(totalCharge.value)" }
                var properties: [AtomProperty] = []
                if charges.contains(where: { $0.bitPattern != 0 }) {
                    properties.append(AtomProperty(name: N2P2Data.chargesProperty, values: .real(charges)))
                }
                return Frame(configuration: configuration, energy: energy, forces: forces, info: info, atomProperties: properties)
            case .begin:
                throw scanner.error(.unexpected(
                    expected: "'end' of structure \(number) (begun on line \(beginLine))", found: "'begin'"))
            case nil:
                throw scanner.error(.unexpected(
                    expected: "a keyword (\(Self.keywordList)) in structure \(number)", found: scanner.quoted(first)))
            }
        }
    }

    private func expectColumns(_ count: Int, _ columns: String) throws(FileFormatError) {
        guard tokens.count == count else {
            throw scanner.error(.columnCount(expected: count, columns: columns, found: tokens.count))
        }
    }

    private func vector(from column: Int, _ what: String) throws(FileFormatError) -> SIMD3<Double> {
        SIMD3(
            try scanner.finite(tokens[column], "the x component of \(what)"),
            try scanner.finite(tokens[column + 1], "the y component of \(what)"),
            try scanner.finite(tokens[column + 2], "the z component of \(what)"))
    }
}
