import BasinAtoms
import Foundation

/// LAMMPS text dump files (`dump custom`, `dump atom`), read frame by frame.
///
/// Each frame's timestep is kept as `info["timestep"]`, forces (`fx fy fz`) as `Frame.forces`,
/// velocities (`vx vy vz`) as the configuration's, and other columns (`c_pe`, `q`, …) as atom
/// properties. Species come from an `element` column when present, else from atom types
/// mapped through `typeSymbols` (`typeSymbols[t − 1]` for type t), else types become dummy
/// species X1, X2, …. Positions come from `xu yu zu`, `x y z` (with `ix iy iz` when present),
/// `xsu ysu zsu` or `xs ys zs`, preferring unwrapped ones; atoms are ordered by id.
public enum LAMMPSDump {
    /// All frames of the dump at `url`, in the unit system `units` (LAMMPS `units metal` ⇔ `.metal`).
    public static func read(
        from url: URL, units: UnitSystem = .metal, typeSymbols: [String]? = nil
    ) throws(FileFormatError) -> [Frame] {
        var reader = LAMMPSDumpReader(scanner: try TextScanner.load(url), units: units, typeSymbols: typeSymbols)
        return try reader.readAll()
    }

    /// All frames of `text`; errors name the file `file`.
    public static func read(
        text: String, file: String = "<text>", units: UnitSystem = .metal, typeSymbols: [String]? = nil
    ) throws(FileFormatError) -> [Frame] {
        var reader = LAMMPSDumpReader(scanner: TextScanner(text: text, file: file), units: units, typeSymbols: typeSymbols)
        return try reader.readAll()
    }

    /// Writes `frames` to `url` atomically (see `AtomicFile`) with the columns
    /// `id type element xu yu zu [vx vy vz] [fx fy fz]`; cells are rotated into LAMMPS's
    /// lower-triangular form with positions, velocities and forces rotated alike.
    public static func write(_ frames: [Frame], to url: URL) throws(FileFormatError) {
        try AtomicFile.write(try text(for: frames, file: url.path), to: url)
    }

    /// The dump text for `frames`; errors name the file `file`.
    public static func text(for frames: [Frame], file: String = "<text>") throws(FileFormatError) -> String {
        var output = ""
        for (index, frame) in frames.enumerated() {
            try LAMMPSDumpWriter.append(frame, index: index, to: &output, file: file)
        }
        return output
    }
}
