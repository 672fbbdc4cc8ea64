import BasinAtoms
import BasinMath
import BasinText

/// What the comment line of an extended XYZ frame says: cell, column layout, per-frame data.
///
/// Conventions follow ASE (`ase.io.extxyz`): `Lattice="ax ay az bx by bz cx cy cz"` lists the
/// lattice vectors one after the other; `stress` and `virial` are nine numbers in column-major
/// (Fortran) order; `pbc` defaults to `T T T` with a Lattice and `F F F` without; `pbc` without
/// a Lattice keeps its flags with a zero cell (as ASE does; `Cell.validate` rejects it later).
/// A comment line without any `=` is free text, kept as `info["comment"]`.
struct ExtendedXYZHeader {
    var properties = ExtendedXYZProperties.plain
    var cell = Cell.open
    var energy: Double?
    var stress: Matrix3?
    var virial: Matrix3?
    var info: [String: String] = [:]

    /// Keys with a meaning of their own, never stored in `info`.
    static let reservedKeys: Set<String> = ["Lattice", "Properties", "pbc", "energy", "stress", "virial"]

    /// Interprets `line`; errors refer to the scanner's current line.
    init(parsing line: String, scanner: TextScanner) throws(FileFormatError) {
        guard line.contains("=") else {
            let text = line.trimmingWhitespace()
            if !text.isEmpty { info["comment"] = String(text) }
            return
        }
        var lattice: Matrix3?
        var periodic: [Bool]?
        let pairs: [(key: String, value: String)]
        do {
            pairs = try ExtendedXYZComment.parse(line)
        } catch {
            let what = error.key.map { "the value of '\(TextExcerpt.quote($0))'" } ?? "a key"
            throw scanner.error(.invalid("\(what) is never closed: the comment line ends before its \(error.closing)"))
        }
        for (key, value) in pairs {
            switch key {
            case "Lattice": lattice = try Self.matrix(value, key: key, columnMajor: false, scanner: scanner)
            case "stress": stress = try Self.matrix(value, key: key, columnMajor: true, scanner: scanner)
            case "virial": virial = try Self.matrix(value, key: key, columnMajor: true, scanner: scanner)
            case "pbc": periodic = try Self.periodicity(value, scanner: scanner)
            case "energy": energy = try Self.number(value, key: key, scanner: scanner)
            case "Properties":
                do {
                    properties = try ExtendedXYZProperties(parsing: value)
                } catch {
                    throw scanner.error(.invalid("invalid Properties '\(TextExcerpt.quote(value))': \(error.message)"))
                }
            default: info[key] = value
            }
        }
        if let lattice {
            cell = Cell(vectors: lattice, periodic: periodic ?? [true, true, true])
        } else if let periodic {
            cell = Cell(vectors: .zero, periodic: periodic)
        }
    }

    private static func numbers(
        _ value: String, key: String, count: Int, scanner: TextScanner
    ) throws(FileFormatError) -> [Double] {
        let items = ExtendedXYZComment.items(value)
        guard items.count == count else {
            let found = items.count == 1 ? "1 item" : "\(items.count) items"
            throw scanner.error(.unexpected(expected: "\(count) numbers in \(key)", found: found))
        }
        var result: [Double] = []
        for item in items {
            guard let number = Double(item), number.isFinite else {
                throw scanner.error(.invalidNumber(what: key, found: String(item)))
            }
            result.append(number)
        }
        return result
    }

    private static func number(_ value: String, key: String, scanner: TextScanner) throws(FileFormatError) -> Double {
        try numbers(value, key: key, count: 1, scanner: scanner)[0]
    }

    /// A 3×3 matrix from nine numbers, row by row (`Lattice`, each row a lattice vector) or
    /// column by column (`stress`, `virial`).
    private static func matrix(
        _ value: String, key: String, columnMajor: Bool, scanner: TextScanner
    ) throws(FileFormatError) -> Matrix3 {
        let v = try numbers(value, key: key, count: 9, scanner: scanner)
        let matrix = Matrix3(v)
        return columnMajor ? matrix.transposed : matrix
    }

    private static func periodicity(_ value: String, scanner: TextScanner) throws(FileFormatError) -> [Bool] {
        let flags = ExtendedXYZComment.items(value).map(ExtendedXYZComment.bool)
        guard flags.count == 1 || flags.count == 3, flags.allSatisfy({ $0 != nil }) else {
            throw scanner.error(.unexpected(expected: "pbc as 3 logical values (T or F)", found: "'\(TextExcerpt.quote(value))'"))
        }
        let values = flags.compactMap { $0 }
        return values.count == 1 ? Array(repeating: values[0], count: 3) : values
    }
}
