import BasinAtoms
import BasinText
import Foundation

/// Reads and writes structures in any supported format, chosen by name or by file extension.
///
/// One rule, `Format.guess(for:)`, tells the format from a file's name, for reading and writing
/// alike: a file is written in the format its name says, so that it reads back as written
/// (`Format.forWriting`).
public enum StructureFile {
    /// The supported formats.
    public enum Format: String, CaseIterable, Sendable {
        /// Extended XYZ as ASE writes it (plain XYZ is read too).
        case extxyz
        /// LAMMPS data file, `atom_style atomic`: one structure.
        case lammpsData = "lammps-data"
        /// LAMMPS text dump: one or more frames.
        case lammpsDump = "lammps-dump"
        /// n2p2 `input.data` structures (`begin` … `end`): one or more.
        case n2p2

        /// The format a file name suggests: `.xyz`/`.extxyz` → extxyz; a file named exactly
        /// `input.data` or `output.data` (n2p2's names), or `.n2p2` → n2p2; other `.data` and
        /// `.lmp` → LAMMPS data; `.dump`/`.lammpstrj` → LAMMPS dump.
        public static func guess(for url: URL) -> Format? {
            if ["input.data", "output.data"].contains(url.lastPathComponent) { return .n2p2 }
            return switch url.pathExtension.lowercased() {
            case "xyz", "extxyz": .extxyz
            case "data", "lmp", "lammps": .lammpsData
            case "dump", "lammpstrj": .lammpsDump
            case "n2p2": .n2p2
            default: nil
            }
        }
    }

    /// Every frame of `url`.
    ///
    /// - Parameters:
    ///   - format: the format, or nil to guess from the file name (`Format.guess(for:)`).
    ///   - typeSymbols: element symbols of LAMMPS atom types 1, 2, … (LAMMPS formats only).
    public static func read(
        from url: URL, format: Format? = nil, units: UnitSystem = .metal, typeSymbols: [String]? = nil
    ) throws(FileFormatError) -> [Frame] {
        if format == nil && Format.guess(for: url) == nil {
            // A path that is no usable text file (a directory, /dev/null) says so first.
            do { _ = try TextFile.bytes(of: url) } catch { throw FileFormatError(error) }
        }
        return switch try resolve(format, url) {
        case .extxyz: try ExtendedXYZ.read(from: url, units: units)
        case .lammpsData: [Frame(configuration: try LAMMPSData.read(from: url, units: units, typeSymbols: typeSymbols))]
        case .lammpsDump: try LAMMPSDump.read(from: url, units: units, typeSymbols: typeSymbols)
        case .n2p2: try N2P2Data.read(from: url, units: units)
        }
    }

    /// Writes `frames` to `url` atomically in the format its name says (`Format.forWriting`):
    /// a `format` that disagrees with the name, a name that says no format, or a format that
    /// cannot hold the frames (several in a LAMMPS data file) or what `requiring` asks for
    /// (e.g. energies and forces for training data) is refused before anything is written.
    public static func write(
        _ frames: [Frame], to url: URL, format: Format? = nil, requiring contents: Contents = []
    ) throws(FileFormatError) {
        let needed = frames.count > 1 ? contents.union(.severalFrames) : contents
        switch try Format.forWriting(url, requested: format, holding: needed) {
        case .extxyz: try ExtendedXYZ.write(frames, to: url)
        case .lammpsDump: try LAMMPSDump.write(frames, to: url)
        case .n2p2: try N2P2Data.write(frames, to: url)
        case .lammpsData:
            guard let frame = frames.first else {
                throw FileFormatError(file: url.path, line: nil, .cannotWrite("a LAMMPS data file holds one structure, not none"))
            }
            try LAMMPSData.write(frame.configuration, to: url)
        }
    }

    private static func resolve(_ format: Format?, _ url: URL) throws(FileFormatError) -> Format {
        if let format { return format }
        guard let guessed = Format.guess(for: url) else {
            throw FileFormatError(file: url.path, line: nil, .invalid(
                "cannot tell the format from the extension '.\(url.pathExtension)'; name it (\(Format.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        return guessed
    }
}
