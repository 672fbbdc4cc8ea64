import BasinAtoms
import BasinMath
import BasinText

/// Reads the frames of a LAMMPS text dump (`dump atom` or `dump custom`).
///
/// Each frame is a sequence of `ITEM:` sections: `TIMESTEP`, `NUMBER OF ATOMS`,
/// `BOX BOUNDS [xy xz yz] b b b` (boundary flags such as `pp`, `pf`; periodic where the first
/// letter is p; triclinic bounds are those of the bounding box, as LAMMPS writes them) and
/// `ATOMS <columns>`; other items (`UNITS`, `TIME`) are skipped. Columns may come in any order:
/// `id`, `type`, `element`, positions as `xu yu zu` (unwrapped), `x y z` (wrapped, unwrapped with
/// `ix iy iz` when present), `xsu ysu zsu` or `xs ys zs` (scaled), in that order of preference,
/// `vx vy vz`, `fx fy fz` and `mass`; other columns become atom properties (integer for `i_`
/// and `i2_` columns, else real, else text). Atoms are ordered by id. Positions are as in the
/// file (scaled ones relative to the box corner); the box corner itself is not kept.
struct LAMMPSDumpReader {
    let scanner: TextScanner
    let units: UnitSystem
    let typeSymbols: [String]?
    private var tokens: [Range<Int>] = []

    init(scanner: TextScanner, units: UnitSystem, typeSymbols: [String]?) {
        self.scanner = scanner
        self.units = units
        self.typeSymbols = typeSymbols
    }

    /// What the items of the current frame said so far.
    private struct FrameHeader {
        var timestep: Int?
        var atomCount: Int?
        var box: LAMMPSBox?
        var periodic = [true, true, true]
    }

    mutating func readAll() throws(FileFormatError) -> [Frame] {
        var frames: [Frame] = []
        var header = FrameHeader()
        var started = false
        while let line = nextNonBlankLine() {
            let frameNumber = frames.count + 1
            let text = scanner.string(scanner.trimmed(line))
            guard text.hasPrefix("ITEM:") else {
                throw scanner.error(.unexpected(expected: "an 'ITEM:' line", found: "'\(TextExcerpt.quote(text))'"))
            }
            let item = text.dropFirst(5).trimmingWhitespace()
            started = true
            if item == "TIMESTEP" {
                header.timestep = try readInteger("the timestep of frame \(frameNumber)")
            } else if item == "NUMBER OF ATOMS" {
                let count = try readInteger("the number of atoms of frame \(frameNumber)")
                guard count >= 0 else { throw scanner.error(.invalid("the number of atoms is negative")) }
                header.atomCount = count
            } else if item.hasPrefix("BOX BOUNDS") {
                try readBox(flags: item.dropFirst(10).split(whereSeparator: \.isWhitespace).map(String.init), into: &header)
            } else if item.hasPrefix("ATOMS") {
                let names = item.dropFirst(5).split(whereSeparator: \.isWhitespace).map(String.init)
                frames.append(try readAtoms(columnNames: names, header: header, frameNumber: frameNumber))
                header = FrameHeader()
                started = false
            } else {
                skipItem()
            }
        }
        if started {
            throw scanner.endOfFileError(expected: "'ITEM: ATOMS' of frame \(frames.count + 1)")
        }
        return frames
    }

    private func nextNonBlankLine() -> Range<Int>? {
        while let line = scanner.nextLine() {
            if !scanner.trimmed(line).isEmpty { return line }
        }
        return nil
    }

    /// Skips the lines of an item Basin does not read, up to the next `ITEM:` line.
    private func skipItem() {
        while let next = scanner.peekLine(), !scanner.hasPrefix(scanner.trimmed(next), "ITEM:") {
            _ = scanner.nextLine()
        }
    }

    private mutating func readInteger(_ what: String) throws(FileFormatError) -> Int {
        guard let line = scanner.nextLine() else { throw scanner.endOfFileError(expected: what) }
        scanner.split(line, into: &tokens)
        guard tokens.count == 1 else {
            throw scanner.error(.unexpected(expected: what, found: scanner.quoted(scanner.trimmed(line))))
        }
        return try scanner.integer(tokens[0], what)
    }

    private mutating func readBox(flags: [String], into header: inout FrameHeader) throws(FileFormatError) {
        if flags.first == "abc" {
            throw scanner.error(.invalid("general triclinic boxes ('BOX BOUNDS abc origin') are not supported"))
        }
        let triclinic = flags.count >= 3 && flags[0] == "xy"
        let boundaries = Array(flags.dropFirst(triclinic ? 3 : 0))
        if boundaries.count == 3 {
            header.periodic = boundaries.map { $0.first == "p" }
        }
        var low = SIMD3<Double>.zero, high = SIMD3<Double>.zero, tilt = SIMD3<Double>.zero
        let names = ["x", "y", "z"]
        for k in 0..<3 {
            let expected = triclinic ? "\(names[k])lo_bound \(names[k])hi_bound \(["xy", "xz", "yz"][k])" : "\(names[k])lo \(names[k])hi"
            guard let line = scanner.nextLine() else { throw scanner.endOfFileError(expected: "the box bounds (\(expected))") }
            scanner.split(line, into: &tokens)
            let count = triclinic ? 3 : 2
            guard tokens.count >= count else {
                throw scanner.error(.columnCount(expected: count, columns: expected, found: tokens.count))
            }
            low[k] = try scanner.finite(tokens[0], "\(names[k])lo")
            high[k] = try scanner.finite(tokens[1], "\(names[k])hi")
            if triclinic { tilt[k] = try scanner.finite(tokens[2], "the tilt factor") }
        }
        let box = triclinic ? LAMMPSBox(boundingLow: low, boundingHigh: high, tilt: tilt) : LAMMPSBox(low: low, high: high)
        for k in 0..<3 where !(box.high[k] > box.low[k]) {
            throw scanner.error(.invalid("the box has no extent along \(names[k])"))
        }
        header.box = box
    }

    // MARK: - Atoms

    private mutating func readAtoms(columnNames: [String], header: FrameHeader, frameNumber: Int) throws(FileFormatError) -> Frame {
        guard let count = header.atomCount else {
            throw scanner.error(.unexpected(expected: "'ITEM: NUMBER OF ATOMS' before the atoms of frame \(frameNumber)", found: "none"))
        }
        guard let box = header.box else {
            throw scanner.error(.unexpected(expected: "'ITEM: BOX BOUNDS' before the atoms of frame \(frameNumber)", found: "none"))
        }
        guard let columns = LAMMPSDumpColumns(columnNames) else {
            throw scanner.error(.unexpected(
                expected: "position columns (xu yu zu, x y z, xsu ysu zsu or xs ys zs)",
                found: "'\(TextExcerpt.quote(columnNames.joined(separator: " ")))'"))
        }
        var ids: [Int] = [], types: [Int] = [], symbols: [String] = [], masses: [Double] = []
        var positions: [SIMD3<Double>] = [], velocities: [SIMD3<Double>] = [], forces: [SIMD3<Double>] = []
        var extras = Array(repeating: [String](), count: columns.extras.count)
        var lineOfID: [Int: Int] = [:]
        var symbolCheck = SpeciesTable(units: units)
        positions.reserveCapacity(scanner.capacity(forLines: count))
        let h = box.vectors

        func vector(_ indices: [Int], _ what: String) throws(FileFormatError) -> SIMD3<Double> {
            SIMD3(
                try scanner.finite(tokens[indices[0]], "\(what) x"), try scanner.finite(tokens[indices[1]], "\(what) y"),
                try scanner.finite(tokens[indices[2]], "\(what) z"))
        }

        for atom in 0..<count {
            guard let line = scanner.nextLine() else {
                throw scanner.endOfFileError(expected: "\(count) atom lines in frame \(frameNumber), found \(atom)")
            }
            scanner.split(line, into: &tokens)
            guard tokens.count >= columnNames.count else {
                throw scanner.error(.columnCount(
                    expected: columnNames.count, columns: columnNames.joined(separator: " "), found: tokens.count))
            }
            if let idColumn = columns.id {
                let id = try scanner.integer(tokens[idColumn], "the atom id")
                if let previous = lineOfID.updateValue(scanner.lineNumber, forKey: id) {
                    throw scanner.error(.invalid("atom id \(id) appears twice in frame \(frameNumber) (first on line \(previous))"))
                }
                ids.append(id)
            }
            if let elementColumn = columns.element {
                let symbol = scanner.string(tokens[elementColumn])
                do {
                    _ = try symbolCheck.index(of: symbol)
                } catch {
                    throw scanner.error(.unknownElement(symbol))
                }
                symbols.append(symbol)
            } else if let typeColumn = columns.type {
                let type = try scanner.integer(tokens[typeColumn], "the atom type")
                guard type > 0 else { throw scanner.error(.invalid("atom type \(type) is not positive")) }
                types.append(type)
            }
            if let massColumn = columns.mass { masses.append(try scanner.finite(tokens[massColumn], "the mass")) }
            var r = try vector(columns.position, "the position")
            if let imageColumns = columns.image {
                var image = SIMD3<Double>.zero
                for k in 0..<3 { image[k] = Double(try scanner.integer(tokens[imageColumns[k]], "the image flag")) }
                r += columns.positionKind.isScaled ? image : image * h
            }
            let position = columns.positionKind.isScaled ? box.low + r * h : r
            guard position.x.isFinite, position.y.isFinite, position.z.isFinite else {
                throw scanner.error(.invalid("the position with its image flags and the box is not finite"))
            }
            positions.append(position)
            if let velocityColumns = columns.velocity { velocities.append(try vector(velocityColumns, "the velocity")) }
            if let forceColumns = columns.force { forces.append(try vector(forceColumns, "the force")) }
            for (k, column) in columns.extras.enumerated() { extras[k].append(scanner.string(tokens[column])) }
        }

        // Order by id.
        let order = columns.id == nil ? Array(0..<count) : ids.indices.sorted { ids[$0] < ids[$1] }
        func ordered<T>(_ values: [T]) -> [T] { values.isEmpty ? values : order.map { values[$0] } }

        let (species, elements) = try speciesAndElements(
            symbols: ordered(symbols), types: columns.type == nil ? Array(repeating: 1, count: count) : ordered(types))
        let configuration = Configuration(
            positions: ordered(positions), species: species, elements: elements,
            cell: Cell(vectors: box.vectors, periodic: header.periodic), units: units,
            masses: columns.mass == nil ? nil : ordered(masses),
            velocities: columns.velocity == nil ? nil : ordered(velocities))
        var info: [String: String] = [:]
        if let timestep = header.timestep { info["timestep"] = "\(timestep)" }
        let properties = columns.extras.indices.map { k in
            Self.property(name: columnNames[columns.extras[k]], values: ordered(extras[k]))
        }
        return Frame(
            configuration: configuration, forces: columns.force == nil ? nil : ordered(forces),
            info: info, atomProperties: properties)
    }

    /// Species from per-atom element symbols when the dump has them, else from atom types (with
    /// species numbered in order of type).
    private func speciesAndElements(symbols: [String], types: [Int]) throws(FileFormatError) -> ([Int], [Element]) {
        if !symbols.isEmpty {
            var table = SpeciesTable(units: units)
            var species: [Int] = []
            species.reserveCapacity(symbols.count)
            for symbol in symbols {
                do {
                    species.append(try table.index(of: symbol))
                } catch {
                    throw FileFormatError(file: scanner.file, line: nil, .unknownElement(symbol))
                }
            }
            return (species, table.elements)
        }
        var map = LAMMPSTypeMap(units: units, typeSymbols: typeSymbols)
        var speciesOfType: [Int: Int] = [:]
        do {
            for type in Set(types).sorted() { speciesOfType[type] = try map.species(ofType: type) }
        } catch {
            throw FileFormatError(file: scanner.file, line: nil, error.problem)
        }
        return (types.map { speciesOfType[$0] ?? 0 }, map.elements)
    }

    /// An uninterpreted column: integer for `i_`/`i2_` columns, else real when every value is a
    /// number, else text.
    private static func property(name: String, values: [String]) -> AtomProperty {
        if name.hasPrefix("i_") || name.hasPrefix("i2_") {
            let integers = values.compactMap { Int($0) }
            if integers.count == values.count { return AtomProperty(name: name, values: .integer(integers)) }
        }
        let reals = values.compactMap { Double($0) }
        if reals.count == values.count { return AtomProperty(name: name, values: .real(reals)) }
        return AtomProperty(name: name, values: .string(values))
    }
}
