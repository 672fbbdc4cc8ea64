import BasinAtoms
import BasinMath
import Foundation

/// Formats frames as n2p2 `input.data` structures, in the layout of n2p2's
/// `Structure::writeToFile` (see `N2P2Data.text(for:file:)`).
enum N2P2DataWriter {
    static func append(_ frame: Frame, number: Int, to output: inout String, file: String) throws(FileFormatError) {
        func failure(_ reason: String) -> FileFormatError {
            FileFormatError(file: file, line: nil, .cannotWrite("structure \(number): \(reason)"))
        }
        let configuration = frame.configuration
        let n = configuration.count
        guard n > 0 else { throw failure("an n2p2 structure needs at least one atom") }
        let labels = try configuration.elements.map { element throws(FileFormatError) in
            let symbol = element.symbol
            guard !symbol.isEmpty, !symbol.contains(where: \.isWhitespace) else {
                throw failure("species label '\(symbol)' is empty or contains whitespace")
            }
            return symbol.utf8.count < 2 ? " " + symbol : symbol  // %2s
        }
        let cell = configuration.cell
        let periodic: Bool
        switch cell.periodic.filter({ $0 }).count {
        case 0: periodic = false
        case 3: periodic = true
        default:
            throw failure("the cell is periodic along some directions only; n2p2 structures are periodic in all three or in none")
        }
        if periodic, !cell.vectors.flattened.allSatisfy(\.isFinite) { throw failure("the cell is not finite") }
        try checkFinite(configuration.positions, "position", failure)
        if let forces = frame.forces {
            guard forces.count == n else { throw failure("\(forces.count) forces for \(n) atoms") }
            try checkFinite(forces, "force", failure)
        }
        if let energy = frame.energy, !energy.isFinite { throw failure("the energy is not finite") }
        let charges = try atomCharges(of: frame, atoms: n, failure)
        let totalCharge = try self.totalCharge(of: frame, failure)
        if periodic, abs(totalCharge) > N2P2Data.chargeTolerance {
            throw failure("periodic structure with the total charge \(totalCharge); n2p2 needs 0")
        }

        output += "begin\n"
        output += "comment "
        if let comment = frame.info[N2P2Data.commentKey] {
            output += comment.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
        }
        output += "\n"
        if periodic {
            for k in 0..<3 {
                output += "lattice"
                append(cell.vectors[k], to: &output)
                output += "\n"
            }
        }
        for i in 0..<n {
            output += "atom"
            append(configuration.positions[i], to: &output)
            output += " "
            output += labels[configuration.species[i]]
            append(charges?[i] ?? 0, to: &output)
            append(0, to: &output)
            append(frame.forces?[i] ?? .zero, to: &output)
            output += "\n"
        }
        if let energy = frame.energy {
            output += "energy"
            append(energy, to: &output)
            output += "\n"
        }
        output += "charge"
        append(totalCharge, to: &output)
        output += "\nend\n"
    }

    /// The per-atom charges of `frame`'s `charges` property, or nil when it has none.
    private static func atomCharges(
        of frame: Frame, atoms n: Int, _ failure: (String) -> FileFormatError
    ) throws(FileFormatError) -> [Double]? {
        guard let property = frame.atomProperty(named: N2P2Data.chargesProperty) else { return nil }
        let values: [Double]
        switch property.values {
        case .real(let reals) where property.width == 1: values = reals
        case .integer(let integers) where property.width == 1: values = integers.map(Double.init)
        default: throw failure("the '\(N2P2Data.chargesProperty)' property must be one real number per atom")
        }
        guard values.count == n else { throw failure("\(values.count) charges for \(n) atoms") }
        for (i, q) in values.enumerated() where !q.isFinite {
            throw failure("the charge of atom \(i + 1) is not finite")
        }
        return values
    }

    /// The total charge in `frame.info`, 0 when absent.
    private static func totalCharge(of frame: Frame, _ failure: (String) -> FileFormatError) throws(FileFormatError) -> Double {
        guard let text = frame.info[N2P2Data.totalChargeKey] else { return 0 }
        guard let value = Double(text.trimmingWhitespace()), value.isFinite else {
            throw failure("the total charge '\(text)' (info key '\(N2P2Data.totalChargeKey)') is not a finite number")
        }
        return value
    }

    private static func checkFinite(
        _ vectors: [SIMD3<Double>], _ what: String, _ failure: (String) -> FileFormatError
    ) throws(FileFormatError) {
        for (i, v) in vectors.enumerated() where !(v.x.isFinite && v.y.isFinite && v.z.isFinite) {
            throw failure("the \(what) of atom \(i + 1) is not finite")
        }
    }

    private static func append(_ v: SIMD3<Double>, to output: inout String) {
        append(v.x, to: &output)
        append(v.y, to: &output)
        append(v.z, to: &output)
    }

    /// A space and `value` as C's `%24.16E` (17 significant digits, which read back exactly).
    static func append(_ value: Double, to output: inout String) {
        output += " "
        output += scientific(value)
    }

    /// `value` formatted as C's `%24.16E`.
    static func scientific(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            let base = buffer.baseAddress!
            let length = withVaList([value]) { vsnprintf(base, buffer.count, "%24.16E", $0) }
            let count = Int(max(0, min(length, Int32(buffer.count - 1))))
            return base.withMemoryRebound(to: UInt8.self, capacity: count) {
                String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
            }
        }
    }
}
