import BasinAtoms
import Foundation

/// Extended XYZ files, compatible with ASE's `extxyz` format, and plain XYZ files.
///
/// A file is a sequence of frames: a line with the atom count, a comment line, and one line per
/// atom. The comment line holds `key=value` pairs, parsed as ASE does (values may be quoted with
/// `"…"`, `'…'`, `{…}` or `[…]`; a key alone means `T`):
/// - `Lattice="ax ay az bx by bz cx cy cz"`: the lattice vectors a, b, c one after the other;
/// - `pbc="T T F"`: periodicity, `T T T` by default with a Lattice and `F F F` without (with
///   `pbc` but no Lattice the flags are kept on a zero cell, as in ASE);
/// - `Properties=species:S:1:pos:R:3:…`: the atom columns as `name:type:width` triples with
///   types R, I, S, L (real, integer, string, logical `T`/`F`); `species:S:1:pos:R:3` when
///   absent (plain XYZ, whose comment line, if it has no `=`, is kept as `info["comment"]`);
/// - `energy`, and `stress` and `virial` as nine numbers in column-major order;
/// - anything else is kept as text in `Frame.info`.
///
/// Columns Basin interprets: `species` or `Z`, `pos`, `forces`, `velocities` (also `velo`,
/// `vel`; or ASE's `momenta`, converted), `masses` (also `mass`); other columns are kept as
/// `Frame.atomProperties`. Files carry no units: numbers are read into, and written from, the
/// frame's unit system (`metal`: Å, eV, eV/Å, eV/Å³, Å/ps, amu).
///
/// ```swift
/// let frames = try ExtendedXYZ.read(from: URL(fileURLWithPath: "train.xyz"))
/// try ExtendedXYZ.write(frames, to: URL(fileURLWithPath: "copy.xyz"))
/// ```
public enum ExtendedXYZ {
    /// All frames of the file at `url`, in the unit system `units`.
    ///
    /// Numbers must be finite (NaN and infinity are rejected with file and line, except in
    /// uninterpreted columns). Unknown chemical symbols are an error unless they start with "X"
    /// or `units` is Lennard-Jones, where any label is a dummy species of mass 1. Overlaps and
    /// cell shape are not checked; call `Configuration.validate()` for that.
    public static func read(from url: URL, units: UnitSystem = .metal) throws(FileFormatError) -> [Frame] {
        var reader = ExtendedXYZReader(scanner: try TextScanner.load(url), units: units)
        return try reader.readAll()
    }

    /// All frames of `text`; errors name the file `file`.
    public static func read(text: String, file: String = "<text>", units: UnitSystem = .metal) throws(FileFormatError) -> [Frame] {
        var reader = ExtendedXYZReader(scanner: TextScanner(text: text, file: file), units: units)
        return try reader.readAll()
    }

    /// Writes `frames` to `url` atomically (see `AtomicFile`): on any error the previous file,
    /// if any, is left as it was.
    public static func write(_ frames: [Frame], to url: URL) throws(FileFormatError) {
        try AtomicFile.write(try text(for: frames, file: url.path), to: url)
    }

    /// The file text for `frames`, for callers that append frames to a stream (trajectories);
    /// errors name the file `file`.
    public static func text(for frames: [Frame], file: String = "<text>") throws(FileFormatError) -> String {
        var output = ""
        for (index, frame) in frames.enumerated() {
            try ExtendedXYZWriter.append(frame, number: index + 1, to: &output, file: file)
        }
        return output
    }
}
