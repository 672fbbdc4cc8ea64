import BasinText

/// The `Properties` descriptor of an extended XYZ frame: `name:type:width` triples, in column
/// order, e.g. `species:S:1:pos:R:3:forces:R:3`. Types are `R` (real), `I` (integer),
/// `S` (string) and `L` (logical, `T`/`F`).
struct ExtendedXYZProperties: Equatable {
    enum Kind: Character {
        case real = "R", integer = "I", string = "S", logical = "L"
    }

    struct Column: Equatable {
        var name: String
        var kind: Kind
        var width: Int
    }

    var columns: [Column]

    /// The descriptor a frame without `Properties` has: plain XYZ.
    static let plain = ExtendedXYZProperties(columns: [
        Column(name: "species", kind: .string, width: 1), Column(name: "pos", kind: .real, width: 3),
    ])

    init(columns: [Column]) { self.columns = columns }

    /// Parses `text`; the error string says what is wrong.
    init(parsing text: String) throws(DescriptorError) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count % 3 == 0, !fields.isEmpty else {
            throw DescriptorError("expected name:type:width triples, found \(fields.count) fields")
        }
        var columns: [Column] = []
        for k in stride(from: 0, to: fields.count, by: 3) {
            let name = String(fields[k])
            guard !name.isEmpty else { throw DescriptorError("empty property name") }
            guard fields[k + 1].count == 1, let code = fields[k + 1].first, let kind = Kind(rawValue: code) else {
                throw DescriptorError("property '\(TextExcerpt.quote(name))' has type '\(TextExcerpt.quote(fields[k + 1]))', expected R, I, S or L")
            }
            guard let width = Int(fields[k + 2]), (1...Self.maximumWidth).contains(width) else {
                throw DescriptorError("property '\(TextExcerpt.quote(name))' has width '\(TextExcerpt.quote(fields[k + 2]))', expected an integer in 1…\(Self.maximumWidth)")
            }
            guard !columns.contains(where: { $0.name == name }) else {
                throw DescriptorError("property '\(TextExcerpt.quote(name))' appears twice")
            }
            columns.append(Column(name: name, kind: kind, width: width))
        }
        self.columns = columns
    }

    /// The largest width a property may have.
    static let maximumWidth = 1 << 16

    /// The descriptor as written in a file.
    var text: String {
        columns.map { "\($0.name):\($0.kind.rawValue):\($0.width)" }.joined(separator: ":")
    }

    /// What an atom line holds, for error messages.
    var columnSummary: String { self == .plain ? "species x y z" : text }

    struct DescriptorError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
