import Foundation

extension StructureFile {
    /// What a written structure file must be able to hold.
    public struct Contents: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// More than one structure (a trajectory, a data set).
        public static let severalFrames = Contents(rawValue: 1)
        /// Each structure's total energy.
        public static let energies = Contents(rawValue: 2)
        /// Each atom's force.
        public static let forces = Contents(rawValue: 4)

        /// The contents in words, e.g. "several structures, energies and forces".
        var words: String {
            let names = [(Contents.severalFrames, "several structures"), (.energies, "energies"), (.forces, "forces")]
                .filter { contains($0.0) }.map(\.1)
            return listing(names, "and")
        }
    }
}

extension StructureFile.Format {
    /// What a file of this format holds: extended XYZ everything; n2p2 several structures with
    /// energies and forces; a LAMMPS dump several structures with forces but no energies; a
    /// LAMMPS data file one structure without either.
    public var capacity: StructureFile.Contents {
        switch self {
        case .extxyz, .n2p2: [.severalFrames, .energies, .forces]
        case .lammpsDump: [.severalFrames, .forces]
        case .lammpsData: []
        }
    }

    /// The format in words, e.g. "a LAMMPS data file".
    var words: String {
        switch self {
        case .extxyz: "an extended XYZ file"
        case .lammpsData: "a LAMMPS data file"
        case .lammpsDump: "a LAMMPS dump"
        case .n2p2: "an n2p2 input.data file"
        }
    }

    /// The format in which to write `url`: the one its name says (`guess(for:)`, the rule the
    /// readers follow), so that the file reads back as written. `requested` (e.g. a --format
    /// option) must agree with the name, or stands alone for a name that says no format. A
    /// format that cannot hold `contents` is refused with names that would work.
    public static func forWriting(
        _ url: URL, requested: Self? = nil, holding contents: StructureFile.Contents = []
    ) throws(FileFormatError) -> Self {
        let name = url.lastPathComponent
        func refuse(_ reason: String) -> FileFormatError {
            FileFormatError(file: url.path, line: nil, .cannotWrite(reason))
        }
        let named = guess(for: url)
        if let named, let requested, named != requested {
            throw refuse("the name '\(name)' says \(named.words) but the format asked for is \(requested.rawValue); the file would not read back as written: rename it (e.g. \(suggestions(for: url, holding: [], in: requested))) or drop the format")
        }
        guard let format = requested ?? named else {
            throw refuse("cannot tell the format from the name '\(name)'; name it \(suggestions(for: url, holding: contents))")
        }
        let missing = contents.subtracting(format.capacity)
        guard missing.isEmpty else {
            throw refuse("\(format.words) cannot hold \(missing.words); name the file \(suggestions(for: url, holding: contents))")
        }
        return format
    }

    /// Names beside `url` for the formats that hold `contents` (only `format`'s, when given),
    /// e.g. "input.data (n2p2) or train.extxyz (extended XYZ)".
    static func suggestions(for url: URL, holding contents: StructureFile.Contents, in format: Self? = nil) -> String {
        let stem = url.deletingPathExtension().lastPathComponent
        let base = stem.isEmpty || stem.hasPrefix(".") ? "structures" : stem
        let candidates: [(Self, String)] = [
            (.extxyz, "\(base).extxyz (extended XYZ)"), (.n2p2, "input.data (n2p2)"),
            (.lammpsData, "\(base).lmp (LAMMPS data)"), (.lammpsDump, "\(base).lammpstrj (LAMMPS dump)"),
        ]
        let names = candidates.filter { ($0.0 == format || format == nil) && $0.0.capacity.isSuperset(of: contents) }.map(\.1)
        return listing(names, "or")
    }
}

/// "a", "a or b", "a, b or c" (with `conjunction` "or").
private func listing(_ items: [String], _ conjunction: String) -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
}
