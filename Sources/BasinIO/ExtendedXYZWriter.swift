import BasinAtoms
import BasinMath

/// Formats frames as extended XYZ that ASE reads back unchanged.
///
/// Each frame's comment line holds, in order: `Lattice` (omitted for a zero cell), `Properties`,
/// `energy`, `stress` and `virial` (column-major, as ASE writes them), the `info` pairs sorted by
/// key, `pbc`, and last the `info` pairs with empty values (which ASE misreads elsewhere). Columns are `species:S:1:pos:R:3`, then `forces:R:3`, `velocities:R:3` and
/// `masses:R:1` (only when some mass differs from its element's) when present, then the atom
/// properties. Numbers are written with the shortest text that reads back to the same `Double`.
enum ExtendedXYZWriter {
    static func append(_ frame: Frame, number: Int, to output: inout String, file: String) throws(FileFormatError) {
        func failure(_ reason: String) -> FileFormatError {
            FileFormatError(file: file, line: nil, .cannotWrite("frame \(number): \(reason)"))
        }
        let configuration = frame.configuration
        let n = configuration.count
        let symbols = configuration.elements.map(\.symbol)
        for symbol in symbols where symbol.isEmpty || symbol.contains(where: \.isWhitespace) {
            throw failure("species label '\(symbol)' is empty or contains whitespace")
        }
        try checkFinite(configuration.positions, "position", failure)
        let matrices = [configuration.cell.vectors, frame.stress ?? .zero, frame.virial ?? .zero]
        guard (frame.energy ?? 0).isFinite, matrices.allSatisfy({ $0.flattened.allSatisfy(\.isFinite) }) else {
            throw failure("the cell, energy, stress or virial is not finite")
        }
        if let forces = frame.forces {
            guard forces.count == n else { throw failure("\(forces.count) forces for \(n) atoms") }
            try checkFinite(forces, "force", failure)
        }
        if let velocities = configuration.velocities {
            guard velocities.count == n else { throw failure("\(velocities.count) velocities for \(n) atoms") }
            try checkFinite(velocities, "velocity", failure)
        }
        let writesMasses = configuration.masses.indices.contains { i in
            configuration.masses[i] != configuration.elements[configuration.species[i]].mass
        }
        var properties = ExtendedXYZProperties.plain
        if frame.forces != nil { properties.columns.append(.init(name: "forces", kind: .real, width: 3)) }
        if configuration.velocities != nil { properties.columns.append(.init(name: "velocities", kind: .real, width: 3)) }
        if writesMasses { properties.columns.append(.init(name: "masses", kind: .real, width: 1)) }
        for property in frame.atomProperties {
            try check(property, atoms: n, written: properties, failure)
            properties.columns.append(.init(name: property.name, kind: property.kind, width: property.width))
        }

        output += "\(n)\n"
        output += commentLine(for: frame, properties: properties)
        output += "\n"
        for i in 0..<n {
            output += symbols[configuration.species[i]]
            append(configuration.positions[i], to: &output)
            if let forces = frame.forces { append(forces[i], to: &output) }
            if let velocities = configuration.velocities { append(velocities[i], to: &output) }
            if writesMasses { output += " \(configuration.masses[i])" }
            for property in frame.atomProperties {
                for k in (i * property.width)..<((i + 1) * property.width) {
                    output += " "
                    output += property.text(at: k)
                }
            }
            output += "\n"
        }
    }

    private static func commentLine(for frame: Frame, properties: ExtendedXYZProperties) -> String {
        let cell = frame.configuration.cell
        var pairs: [String] = []
        if cell.vectors != .zero {
            pairs.append("Lattice=\"\(numbers(cell.vectors.flattened))\"")
        }
        pairs.append("Properties=\(properties.text)")
        if let energy = frame.energy { pairs.append("energy=\(energy)") }
        if let stress = frame.stress { pairs.append("stress=\"\(numbers(stress.transposed.flattened))\"") }
        if let virial = frame.virial { pairs.append("virial=\"\(numbers(virial.transposed.flattened))\"") }
        let keys = frame.info.keys.sorted().filter { !ExtendedXYZHeader.reservedKeys.contains($0) }
        func pair(_ key: String) -> String {
            "\(ExtendedXYZComment.quoted(key))=\(ExtendedXYZComment.quoted(frame.info[key] ?? ""))"
        }
        pairs += keys.filter { frame.info[$0] != "" }.map(pair)
        pairs.append("pbc=\"\(cell.periodic.map { $0 ? "T" : "F" }.joined(separator: " "))\"")
        // ASE reads a quoted empty value correctly only at the end of the line.
        pairs += keys.filter { frame.info[$0] == "" }.map(pair)
        return pairs.joined(separator: " ")
    }

    private static func numbers(_ values: [Double]) -> String {
        values.map { "\($0)" }.joined(separator: " ")
    }

    private static func append(_ v: SIMD3<Double>, to output: inout String) {
        output += " \(v.x) \(v.y) \(v.z)"
    }

    private static func checkFinite(
        _ vectors: [SIMD3<Double>], _ what: String, _ failure: (String) -> FileFormatError
    ) throws(FileFormatError) {
        for (i, v) in vectors.enumerated() where !(v.x.isFinite && v.y.isFinite && v.z.isFinite) {
            throw failure("the \(what) of atom \(i + 1) is not finite")
        }
    }

    private static func check(
        _ property: AtomProperty, atoms n: Int, written: ExtendedXYZProperties, _ failure: (String) -> FileFormatError
    ) throws(FileFormatError) {
        let name = property.name
        guard !name.isEmpty, !name.contains(where: { $0 == ":" || $0.isWhitespace || $0 == "\"" }) else {
            throw failure("property name '\(name)' is empty or contains ':', '\"' or whitespace")
        }
        guard !written.columns.contains(where: { $0.name == name }) else {
            throw failure("property '\(name)' duplicates a column already written")
        }
        guard property.width > 0, property.values.count == n * property.width else {
            throw failure("property '\(name)' has \(property.values.count) values, expected \(n) × \(property.width)")
        }
        if case .string(let strings) = property.values {
            for text in strings where text.isEmpty || text.contains(where: \.isWhitespace) {
                throw failure("property '\(name)' has the value '\(text)', which is empty or contains whitespace")
            }
        }
    }
}

extension AtomProperty {
    /// The extxyz type code of the values.
    var kind: ExtendedXYZProperties.Kind {
        switch values {
        case .real: .real
        case .integer: .integer
        case .string: .string
        case .logical: .logical
        }
    }

    /// Entry `k` as written in a file.
    func text(at k: Int) -> String {
        switch values {
        case .real(let v): "\(v[k])"
        case .integer(let v): "\(v[k])"
        case .string(let v): v[k]
        case .logical(let v): v[k] ? "T" : "F"
        }
    }
}
