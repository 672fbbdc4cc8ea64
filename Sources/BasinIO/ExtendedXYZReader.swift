import BasinAtoms
import BasinMath
import BasinText

/// Reads the frames of an extended (or plain) XYZ file from a scanner.
///
/// Per-atom columns are interpreted by name: `species` (S:1) or `Z` (I:1, which wins when both
/// are present, as in ASE), `pos` (R:3, required), `forces`/`force` (R:3),
/// `velocities`/`velo`/`vel` (R:3, length/time), `momenta` (R:3, ASE units, divided by the
/// masses and converted to velocities), `masses`/`mass` (R:1). Other columns are kept as
/// `AtomProperty` values. Species symbols are capitalized as ASE does ("SI" and "si" read as
/// "Si"). A known name with another type or width (`forces:R:2`), a second column for what an
/// earlier one gives (`force` after `forces`, `momenta` after `velocities`), and an atom line
/// with more or fewer fields than the descriptor lists are errors; only the plain layout
/// (species x y z) ignores further columns, which XYZ files of other programs carry.
struct ExtendedXYZReader {
    let scanner: TextScanner
    let units: UnitSystem
    private var tokens: [Range<Int>] = []

    init(scanner: TextScanner, units: UnitSystem) {
        self.scanner = scanner
        self.units = units
    }

    /// ASE's velocity unit (Å per ASE time unit Å·√(amu/eV)) in Å/ps: 1000 × `ase.units.fs`
    /// with ASE's default CODATA 2014 constants. In Lennard-Jones units momentum / mass is taken
    /// as the velocity unchanged.
    static let aseVelocityInAngstromPerPicosecond = 98.22694788464064

    mutating func readAll() throws(FileFormatError) -> [Frame] {
        var frames: [Frame] = []
        while let header = scanner.nextLine() {
            let frameNumber = frames.count + 1
            scanner.split(header, into: &tokens)
            if tokens.isEmpty {
                if scanner.restIsBlank { break }
                throw scanner.error(.unexpected(expected: "the number of atoms of frame \(frameNumber)", found: "an empty line"))
            }
            guard tokens.count == 1, let count = scanner.integer(tokens[0]), count >= 0 else {
                let found = scanner.string(scanner.trimmed(header))
                throw scanner.error(.unexpected(expected: "the number of atoms of frame \(frameNumber)", found: "'\(TextExcerpt.quote(found))'"))
            }
            guard let commentLine = scanner.nextLine() else {
                throw scanner.endOfFileError(expected: "the comment line of frame \(frameNumber)")
            }
            let header = try ExtendedXYZHeader(parsing: scanner.string(commentLine), scanner: scanner)
            frames.append(try readAtoms(count: count, header: header, frameNumber: frameNumber))
        }
        return frames
    }

    // MARK: - Atom lines

    private enum Role: Hashable {
        case species, atomicNumber, position, force, velocity, momentum, mass
        case extra(Int)
    }

    private struct Slot {
        var role: Role
        var column: Int
        var width: Int
    }

    /// Values of a column kept as an `AtomProperty`.
    private struct ExtraColumn {
        var column: ExtendedXYZProperties.Column
        var reals: [Double] = []
        var integers: [Int] = []
        var strings: [String] = []
        var logicals: [Bool] = []

        var property: AtomProperty {
            let values: AtomProperty.Values = switch column.kind {
            case .real: .real(reals)
            case .integer: .integer(integers)
            case .string: .string(strings)
            case .logical: .logical(logicals)
            }
            return AtomProperty(name: column.name, width: column.width, values: values)
        }
    }

    /// The role, type and width of the column names Basin interprets.
    private static let knownColumns: [String: (role: Role, kind: ExtendedXYZProperties.Kind, width: Int)] = [
        "species": (.species, .string, 1), "Z": (.atomicNumber, .integer, 1), "pos": (.position, .real, 3),
        "forces": (.force, .real, 3), "force": (.force, .real, 3),
        "velocities": (.velocity, .real, 3), "velo": (.velocity, .real, 3), "vel": (.velocity, .real, 3),
        "momenta": (.momentum, .real, 3), "masses": (.mass, .real, 1), "mass": (.mass, .real, 1),
    ]

    /// True when `role` is already served by an earlier column group: each role is filled once,
    /// and velocities come from either velocities or momenta.
    private static func isTaken(_ role: Role, in seen: Set<Role>) -> Bool {
        switch role {
        case .velocity, .momentum: seen.contains(.velocity) || seen.contains(.momentum)
        default: seen.contains(role)
        }
    }

    /// The slot of every column group of `properties`, the extra columns, the roles served and
    /// the number of columns.
    private func layout(
        of properties: ExtendedXYZProperties
    ) throws(FileFormatError) -> (slots: [Slot], extras: [ExtraColumn], roles: Set<Role>, width: Int) {
        var slots: [Slot] = []
        var extras: [ExtraColumn] = []
        var column = 0
        var roles = Set<Role>()
        for entry in properties.columns {
            let role: Role
            if let known = Self.knownColumns[entry.name] {
                guard entry.kind == known.kind && entry.width == known.width else {
                    throw scanner.error(.invalid(
                        "Properties: '\(entry.name)' must be \(entry.name):\(known.kind.rawValue):\(known.width), found \(entry.name):\(entry.kind.rawValue):\(entry.width)"))
                }
                guard !Self.isTaken(known.role, in: roles) else {
                    throw scanner.error(.invalid("Properties: '\(entry.name)' repeats what an earlier column gives"))
                }
                roles.insert(known.role)
                role = known.role
            } else {
                role = .extra(extras.count)
                extras.append(ExtraColumn(column: entry))
            }
            slots.append(Slot(role: role, column: column, width: entry.width))
            column += entry.width
        }
        guard roles.contains(.position) else {
            throw scanner.error(.invalid("Properties '\(properties.text)' has no pos:R:3 column"))
        }
        guard roles.contains(.species) || roles.contains(.atomicNumber) else {
            throw scanner.error(.invalid("Properties '\(properties.text)' has neither species:S:1 nor Z:I:1"))
        }
        return (slots, extras, roles, column)
    }

    private mutating func readAtoms(
        count: Int, header: ExtendedXYZHeader, frameNumber: Int
    ) throws(FileFormatError) -> Frame {
        let (slots, columns, seen, width) = try layout(of: header.properties)
        var extras = columns
        let useNumbers = seen.contains(.atomicNumber)
        let plain = header.properties == .plain

        var table = SpeciesTable(units: units)
        var speciesByToken: [String: Int] = [:]
        var positions: [SIMD3<Double>] = []
        var species: [Int] = []
        var forces: [SIMD3<Double>]? = seen.contains(.force) ? [] : nil
        var velocities: [SIMD3<Double>]? = seen.contains(.velocity) || seen.contains(.momentum) ? [] : nil
        var masses: [Double]? = seen.contains(.mass) ? [] : nil
        let capacity = scanner.capacity(forLines: count)
        positions.reserveCapacity(capacity)
        species.reserveCapacity(capacity)
        forces?.reserveCapacity(capacity)
        velocities?.reserveCapacity(capacity)

        for atom in 0..<count {
            guard let line = scanner.nextLine() else {
                throw scanner.endOfFileError(expected: "\(count) atom lines in frame \(frameNumber), found \(atom)")
            }
            scanner.split(line, into: &tokens)
            guard plain ? tokens.count >= width : tokens.count == width else {
                throw scanner.error(.columnCount(expected: width, columns: header.properties.columnSummary, found: tokens.count))
            }
            for slot in slots {
                switch slot.role {
                case .species:
                    guard !useNumbers else { continue }
                    let token = scanner.string(tokens[slot.column])
                    if let index = speciesByToken[token] {
                        species.append(index)
                    } else {
                        let index = try speciesIndex(of: capitalized(token), in: &table)
                        speciesByToken[token] = index
                        species.append(index)
                    }
                case .atomicNumber:
                    let number = try scanner.integer(tokens[slot.column], "the atomic number Z")
                    let symbol: String
                    if number == 0 {
                        symbol = "X"
                    } else if let element = try? Element(atomicNumber: number) {
                        symbol = element.symbol
                    } else {
                        throw scanner.error(.unknownElement("Z=\(number)"))
                    }
                    species.append(try speciesIndex(of: symbol, in: &table))
                case .position: positions.append(try vector(at: slot.column, "the position"))
                case .force: forces?.append(try vector(at: slot.column, "the force"))
                case .velocity: velocities?.append(try vector(at: slot.column, "the velocity"))
                case .momentum: velocities?.append(try vector(at: slot.column, "the momentum"))
                case .mass:
                    let mass = try scanner.finite(tokens[slot.column], "the mass")
                    guard mass > 0 else {
                        throw scanner.error(.invalidNumber(what: "the mass (must be positive)", found: scanner.string(tokens[slot.column])))
                    }
                    masses?.append(mass)
                case .extra(let k): try read(&extras[k], from: slot.column)
                }
            }
        }

        let atomMasses = masses ?? species.map { table.elements[$0].mass }
        if seen.contains(.momentum), var momenta = velocities {
            let factor = units == .metal ? Self.aseVelocityInAngstromPerPicosecond : 1
            for i in momenta.indices { momenta[i] *= factor / atomMasses[i] }
            velocities = momenta
        }
        let configuration = Configuration(
            positions: positions, species: species, elements: table.elements, cell: header.cell,
            units: units, masses: masses, velocities: velocities)
        return Frame(
            configuration: configuration, energy: header.energy, forces: forces, stress: header.stress,
            virial: header.virial, info: header.info, atomProperties: extras.map(\.property))
    }

    private func speciesIndex(of symbol: String, in table: inout SpeciesTable) throws(FileFormatError) -> Int {
        do {
            return try table.index(of: symbol)
        } catch {
            throw scanner.error(.unknownElement(symbol))
        }
    }

    private func vector(at column: Int, _ what: String) throws(FileFormatError) -> SIMD3<Double> {
        SIMD3(
            try scanner.finite(tokens[column], "the x component of \(what)"),
            try scanner.finite(tokens[column + 1], "the y component of \(what)"),
            try scanner.finite(tokens[column + 2], "the z component of \(what)"))
    }

    private func read(_ extra: inout ExtraColumn, from first: Int) throws(FileFormatError) {
        let name = extra.column.name
        for token in tokens[first..<(first + extra.column.width)] {
            switch extra.column.kind {
            case .real:
                guard let value = scanner.double(token) else {
                    throw scanner.error(.invalidNumber(what: "property '\(name)'", found: scanner.string(token)))
                }
                extra.reals.append(value)
            case .integer: extra.integers.append(try scanner.integer(token, "property '\(name)'"))
            case .string: extra.strings.append(scanner.string(token))
            case .logical:
                guard let value = ExtendedXYZComment.bool(Substring(scanner.string(token))) else {
                    throw scanner.error(.unexpected(expected: "T or F for property '\(name)'", found: scanner.quoted(token)))
                }
                extra.logicals.append(value)
            }
        }
    }

    /// Python's `str.capitalize`, which ASE applies to species: "SI" → "Si".
    private func capitalized(_ symbol: String) -> String {
        guard let first = symbol.first else { return symbol }
        return first.uppercased() + symbol.dropFirst().lowercased()
    }
}
