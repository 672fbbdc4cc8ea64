import BasinAtoms
import Foundation

/// LAMMPS data files (`read_data`, `write_data`) for `atom_style atomic`.
///
/// A data file stores no units and no periodicity (both are set in the input script): readers
/// take them as parameters. Atom types become species; element symbols come from the caller's
/// `typeSymbols` (`typeSymbols[t − 1]` for type t), else from the file (`Atom Type Labels`, or
/// comments in the Masses section such as `1 28.085 # Si`), else types become dummy species
/// X1, X2, … with the type's mass. Types sharing a symbol share a species; types listed in the
/// Masses section but without atoms still get a species, so writing the configuration back
/// keeps them.
public enum LAMMPSData {
    /// The configuration in the data file at `url`.
    ///
    /// - Parameters:
    ///   - units: the unit system the numbers are in (LAMMPS `units metal` ⇔ `.metal`).
    ///   - typeSymbols: element symbol (or dummy label) of each atom type, type 1 first.
    ///   - periodic: periodicity of x, y, z (LAMMPS `boundary`), periodic by default.
    public static func read(
        from url: URL, units: UnitSystem = .metal, typeSymbols: [String]? = nil,
        periodic: [Bool] = [true, true, true]
    ) throws(FileFormatError) -> Configuration {
        try read(TextScanner.load(url), units: units, typeSymbols: typeSymbols, periodic: periodic)
    }

    /// The configuration in `text`; errors name the file `file`.
    public static func read(
        text: String, file: String = "<text>", units: UnitSystem = .metal, typeSymbols: [String]? = nil,
        periodic: [Bool] = [true, true, true]
    ) throws(FileFormatError) -> Configuration {
        try read(TextScanner(text: text, file: file), units: units, typeSymbols: typeSymbols, periodic: periodic)
    }

    private static func read(
        _ scanner: TextScanner, units: UnitSystem, typeSymbols: [String]?, periodic: [Bool]
    ) throws(FileFormatError) -> Configuration {
        guard periodic.count == 3 else {
            throw FileFormatError(file: scanner.file, line: nil, .invalid("periodicity needs 3 flags, got \(periodic.count)"))
        }
        var reader = LAMMPSDataReader(scanner: scanner, units: units, typeSymbols: typeSymbols, periodic: periodic)
        return try reader.read()
    }

    /// Writes `configuration` to `url` atomically (see `AtomicFile`), with `title` as the first
    /// line. The cell is rotated into LAMMPS's lower-triangular form a = (ax, 0, 0),
    /// b = (bx, by, 0), c = (cx, cy, cz) with positions and velocities rotated alike; a cluster
    /// (no periodic direction) gets its atoms' bounding box enlarged by 1 length unit per side.
    public static func write(_ configuration: Configuration, to url: URL, title: String? = nil) throws(FileFormatError) {
        try AtomicFile.write(try text(for: configuration, title: title, file: url.path), to: url)
    }

    /// The data file text for `configuration`; errors name the file `file`.
    public static func text(for configuration: Configuration, title: String? = nil, file: String = "<text>") throws(FileFormatError) -> String {
        let heading = title ?? "LAMMPS data file written by Basin (units \(configuration.units.name), atom_style atomic)"
        return try LAMMPSDataWriter.text(for: configuration, title: heading, file: file)
    }
}
