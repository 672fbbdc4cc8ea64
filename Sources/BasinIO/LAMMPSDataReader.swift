import BasinAtoms
import BasinMath
import BasinText

/// Reads a LAMMPS data file written for `atom_style atomic`.
///
/// The first line is a title. Header lines (`N atoms`, `N atom types`, `xlo xhi`, `ylo yhi`,
/// `zlo zhi`, `xy xz yz`) come before the sections; other header lines (bonds, …) are ignored,
/// and the box defaults to LAMMPS's −0.5…0.5. Sections: `Masses` (`type mass [# symbol]`),
/// `Atoms` (`id type x y z [ix iy iz]`, in any id order), `Velocities` (`id vx vy vz`) and
/// `Atom Type Labels` (`type label`); other sections are skipped. `#` starts a comment
/// everywhere. Atoms are ordered by id; positions are unwrapped with the image flags, and the
/// box corner (xlo, ylo, zlo) is not kept: positions are as in the file.
struct LAMMPSDataReader {
    private enum Section: Equatable {
        case masses, atoms, velocities, typeLabels
        case other(String)
    }

    private struct Atom {
        var id: Int
        var type: Int
        var position: SIMD3<Double>
        var image: SIMD3<Int>
    }

    let scanner: TextScanner
    let units: UnitSystem
    let typeSymbols: [String]?
    let periodic: [Bool]
    private var tokens: [Range<Int>] = []

    private var atomCount: Int?
    private var typeCount: Int?
    private var box = LAMMPSBox(low: SIMD3(repeating: -0.5), high: SIMD3(repeating: 0.5))
    private var section: Section?
    private var sectionLine = 0
    private var sectionsSeen: [Section] = []
    private var massOfType: [Int: Double] = [:]
    private var massComment: [Int: String] = [:]
    private var labelOfType: [Int: String] = [:]
    private var typeOfLabel: [String: Int] = [:]
    private var atoms: [Atom] = []
    private var lineOfAtom: [Int: Int] = [:]
    private var velocityOfAtom: [Int: SIMD3<Double>] = [:]

    init(scanner: TextScanner, units: UnitSystem, typeSymbols: [String]?, periodic: [Bool]) {
        self.scanner = scanner
        self.units = units
        self.typeSymbols = typeSymbols
        self.periodic = periodic
    }

    mutating func read() throws(FileFormatError) -> Configuration {
        guard scanner.nextLine() != nil else { throw scanner.endOfFileError(expected: "the title line") }
        while let line = scanner.nextLine() {
            let code = scanner.uncommented(line)
            scanner.split(code, into: &tokens)
            guard let first = tokens.first else { continue }
            let name = scanner.double(first) == nil ? scanner.string(scanner.trimmed(code)) : nil
            if let name, Self.sectionNames.contains(name) {
                try finishSection(atEnd: false)
                try startSection(name, comment: scanner.comment(line))
            } else if let section {
                switch section {
                case .masses: try readMass(comment: scanner.comment(line))
                case .atoms: try readAtom()
                case .velocities: try readVelocity()
                case .typeLabels: try readTypeLabel()
                case .other: continue
                }
            } else {
                try readHeaderLine()
            }
        }
        try finishSection(atEnd: true)
        if (atomCount ?? 0) > 0 && !sectionsSeen.contains(.atoms) {
            throw scanner.endOfFileError(expected: "an Atoms section")
        }
        return try configuration()
    }

    /// The section names of `read_data`.
    private static let sectionNames: Set<String> = [
        "Atoms", "Velocities", "Masses", "Ellipsoids", "Lines", "Triangles", "Bodies",
        "Bonds", "Angles", "Dihedrals", "Impropers",
        "Pair Coeffs", "PairIJ Coeffs", "Bond Coeffs", "Angle Coeffs", "Dihedral Coeffs", "Improper Coeffs",
        "BondBond Coeffs", "BondAngle Coeffs", "MiddleBondTorsion Coeffs", "EndBondTorsion Coeffs",
        "AngleTorsion Coeffs", "AngleAngleTorsion Coeffs", "BondBond13 Coeffs", "AngleAngle Coeffs",
        "Atom Type Labels", "Bond Type Labels", "Angle Type Labels", "Dihedral Type Labels", "Improper Type Labels",
    ]

    // MARK: - Header

    private mutating func readHeaderLine() throws(FileFormatError) {
        var numbers: [Range<Int>] = []
        for token in tokens {
            guard scanner.double(token) != nil else { break }
            numbers.append(token)
        }
        guard !numbers.isEmpty else {
            let found = tokens.map { scanner.string($0) }.joined(separator: " ")
            throw scanner.error(.unexpected(expected: "a header line such as 'N atoms' or a section name", found: "'\(TextExcerpt.quote(found))'"))
        }
        let keyword = tokens[numbers.count...].map { scanner.string($0) }.joined(separator: " ")
        func expectNumbers(_ count: Int) throws(FileFormatError) {
            guard numbers.count == count else {
                throw scanner.error(.unexpected(expected: "\(count) numbers before '\(keyword)'", found: "\(numbers.count)"))
            }
        }
        switch keyword {
        case "atoms", "atom types":
            try expectNumbers(1)
            let value = try scanner.integer(numbers[0], "the number of \(keyword)")
            guard value >= 0 else { throw scanner.error(.invalid("the number of \(keyword) is negative")) }
            if keyword == "atoms" { atomCount = value } else { typeCount = value }
        case "xlo xhi", "ylo yhi", "zlo zhi":
            try expectNumbers(2)
            let k = ["xlo xhi", "ylo yhi", "zlo zhi"].firstIndex(of: keyword) ?? 0
            box.low[k] = try scanner.finite(numbers[0], keyword)
            box.high[k] = try scanner.finite(numbers[1], keyword)
            guard box.high[k] > box.low[k] else {
                throw scanner.error(.invalid("the box bound \(keyword) has hi ≤ lo"))
            }
        case "xy xz yz":
            try expectNumbers(3)
            for k in 0..<3 { box.tilt[k] = try scanner.finite(numbers[k], "the tilt factors xy xz yz") }
        case "avec", "bvec", "cvec", "abc origin":
            throw scanner.error(.invalid("general triclinic boxes ('\(keyword)') are not supported"))
        default:
            break
        }
    }

    // MARK: - Sections

    private mutating func startSection(_ name: String, comment: Range<Int>?) throws(FileFormatError) {
        let next: Section = switch name {
        case "Masses": .masses
        case "Atoms": .atoms
        case "Velocities": .velocities
        case "Atom Type Labels": .typeLabels
        default: .other(name)
        }
        if next == .atoms, let comment {
            scanner.split(comment, into: &tokens)
            if let style = tokens.first.map({ scanner.string($0) }), style != "atomic" {
                throw scanner.error(.unexpected(expected: "atom_style atomic ('Atoms # atomic')", found: "'Atoms # \(TextExcerpt.quote(style))'"))
            }
        }
        guard !sectionsSeen.contains(next) else { throw scanner.error(.invalid("section '\(name)' appears twice")) }
        if next != .typeLabels && next != .other(name), typeCount == nil {
            throw scanner.error(.unexpected(expected: "'N atom types' in the header before section \(name)", found: "none"))
        }
        sectionsSeen.append(next)
        section = next
        sectionLine = scanner.lineNumber
    }

    /// Checks that the section just ended holds one line per atom.
    private func finishSection(atEnd: Bool) throws(FileFormatError) {
        let found: Int
        switch section {
        case .atoms: found = atoms.count
        case .velocities: found = velocityOfAtom.count
        default: return
        }
        let name = section == .atoms ? "Atoms" : "Velocities"
        let expected = atomCount ?? 0
        guard found == expected else {
            let what = "\(expected) lines in section \(name) (line \(sectionLine))"
            if atEnd { throw scanner.endOfFileError(expected: "\(what), found \(found)") }
            throw scanner.error(.unexpected(expected: what, found: "\(found) before the next section"))
        }
    }

    private mutating func readMass(comment: Range<Int>?) throws(FileFormatError) {
        try expectColumns(2, "type mass")
        let type = try atomType(tokens[0])
        let mass = try scanner.finite(tokens[1], "the mass of type \(type)")
        guard mass > 0 else { throw scanner.error(.invalid("the mass of type \(type) is not positive")) }
        massOfType[type] = mass
        if let comment {
            scanner.split(comment, into: &tokens)
            if let label = tokens.first { massComment[type] = scanner.string(label) }
        }
    }

    private mutating func readAtom() throws(FileFormatError) {
        guard tokens.count == 5 || tokens.count == 8 else {
            throw scanner.error(.columnCount(expected: tokens.count < 5 ? 5 : 8, columns: "id type x y z [ix iy iz]", found: tokens.count))
        }
        let id = try atomID(tokens[0])
        if let previous = lineOfAtom[id] {
            throw scanner.error(.invalid("atom id \(id) appears twice (first on line \(previous))"))
        }
        guard atoms.count < (atomCount ?? 0) else {
            throw scanner.error(.invalid("more lines in section Atoms than the \(atomCount ?? 0) atoms of the header"))
        }
        let type = try atomType(tokens[1])
        let position = SIMD3(
            try scanner.finite(tokens[2], "the x coordinate"), try scanner.finite(tokens[3], "the y coordinate"),
            try scanner.finite(tokens[4], "the z coordinate"))
        var image = SIMD3<Int>.zero
        if tokens.count == 8 {
            for k in 0..<3 { image[k] = try scanner.integer(tokens[5 + k], "the image flag") }
        }
        lineOfAtom[id] = scanner.lineNumber
        atoms.append(Atom(id: id, type: type, position: position, image: image))
    }

    private mutating func readVelocity() throws(FileFormatError) {
        try expectColumns(4, "id vx vy vz")
        let id = try atomID(tokens[0])
        guard lineOfAtom[id] != nil else {
            throw scanner.error(.invalid("velocity for atom id \(id), which is not in section Atoms"))
        }
        guard velocityOfAtom[id] == nil else { throw scanner.error(.invalid("a second velocity for atom id \(id)")) }
        velocityOfAtom[id] = SIMD3(
            try scanner.finite(tokens[1], "vx"), try scanner.finite(tokens[2], "vy"), try scanner.finite(tokens[3], "vz"))
    }

    private mutating func readTypeLabel() throws(FileFormatError) {
        try expectColumns(2, "type label")
        let type = try atomType(tokens[0])
        let label = scanner.string(tokens[1])
        labelOfType[type] = label
        typeOfLabel[label] = type
    }

    private func expectColumns(_ count: Int, _ columns: String) throws(FileFormatError) {
        guard tokens.count >= count else {
            throw scanner.error(.columnCount(expected: count, columns: columns, found: tokens.count))
        }
    }

    private func atomID(_ token: Range<Int>) throws(FileFormatError) -> Int {
        let id = try scanner.integer(token, "the atom id")
        guard id > 0 else { throw scanner.error(.invalid("atom id \(id) is not positive")) }
        return id
    }

    /// A type number in 1…N (N from the header) or a type label.
    private func atomType(_ token: Range<Int>) throws(FileFormatError) -> Int {
        let types = typeCount ?? 0
        if let label = typeOfLabel[scanner.string(token)] { return label }
        guard let type = scanner.integer(token) else {
            throw scanner.error(.unexpected(expected: "an atom type in 1…\(types) or a type label", found: scanner.quoted(token)))
        }
        guard (1...max(types, 1)).contains(type), types > 0 else {
            throw scanner.error(.unexpected(expected: "an atom type in 1…\(types)", found: "\(type)"))
        }
        return type
    }

    // MARK: - Result

    private func configuration() throws(FileFormatError) -> Configuration {
        var typeMap = LAMMPSTypeMap(units: units, typeSymbols: typeSymbols)
        let types = Set(atoms.map(\.type)).union(massOfType.keys).union(labelOfType.keys).sorted()
        var speciesOfType: [Int: Int] = [:]
        for type in types {
            do {
                let label = labelOfType[type] ?? massComment[type]
                speciesOfType[type] = try typeMap.species(ofType: type, fileLabel: label, mass: massOfType[type])
            } catch {
                throw FileFormatError(file: scanner.file, line: nil, error.problem)
            }
        }
        let ordered = atoms.sorted { $0.id < $1.id }
        let h = box.vectors
        var positions: [SIMD3<Double>] = []
        positions.reserveCapacity(ordered.count)
        for atom in ordered {
            let r = atom.position + SIMD3(Double(atom.image.x), Double(atom.image.y), Double(atom.image.z)) * h
            guard r.x.isFinite, r.y.isFinite, r.z.isFinite else {
                throw FileFormatError(file: scanner.file, line: lineOfAtom[atom.id], .invalid(
                    "the position of atom id \(atom.id) with its image flags is not finite"))
            }
            positions.append(r)
        }
        let species = ordered.map { speciesOfType[$0.type] ?? 0 }
        let elements = typeMap.elements
        let masses = ordered.map { massOfType[$0.type] ?? elements[speciesOfType[$0.type] ?? 0].mass }
        let velocities = sectionsSeen.contains(.velocities) ? ordered.map { velocityOfAtom[$0.id] ?? .zero } : nil
        return Configuration(
            positions: positions, species: species, elements: elements,
            cell: Cell(vectors: h, periodic: periodic), units: units, masses: masses, velocities: velocities)
    }
}
