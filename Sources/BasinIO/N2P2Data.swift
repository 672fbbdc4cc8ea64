import BasinAtoms
import Foundation

/// n2p2 structure files (`input.data`, `output.data`): the training and prediction data of the
/// n2p2 neural-network-potential code.
///
/// A file is a sequence of structures, each between a `begin` and an `end` line:
/// ```text
/// begin
/// comment <free text>
/// lattice <ax> <ay> <az>        (0 or 3 lines: the rows are the box vectors a, b, c)
/// lattice <bx> <by> <bz>
/// lattice <cx> <cy> <cz>
/// atom <x> <y> <z> <element> <charge> <n> <fx> <fy> <fz>
/// energy <E>
/// charge <Q>
/// end
/// ```
/// A line's keyword is its first whitespace-separated token (leading whitespace is allowed, as in
/// ` begin`); inside a structure the lines may come in any order. Three `lattice` lines make the
/// structure periodic in all three directions; without them it is a cluster with an open cell
/// (`Cell.open`). Positions are Cartesian and kept as written (n2p2 wraps them into the box when
/// it reads them; Basin does not, like its other readers).
///
/// Where the data goes in a `Frame`:
/// - the `energy` line → `Frame.energy` (total potential energy). The line is optional: a
///   structure without it (input for `nnp-predict`) reads with `energy == nil`. n2p2's training
///   needs it, and takes a missing one as 0;
/// - the force columns `fx fy fz` → `Frame.forces` (energy / length), always present;
/// - the `comment` text (everything after `comment` and one separator) → `info["comment"]`, when
///   not empty, as the extxyz reader keeps a plain XYZ comment;
/// - the per-atom reference charges (elementary charges) → the atom property `charges` (real,
///   width 1), and the `charge` line (total charge) → `info["charge"]` as text; each only when
///   some value is not +0, so that charge-free data converts to extxyz without extra columns;
/// - the `n` column, which n2p2 does not use, is checked to be a number and dropped.
///
/// Files carry no units (n2p2 is unit-agnostic): numbers are read into, and written from, the
/// unit system the caller names, without conversion (in `metal`: Å, eV, eV/Å).
///
/// Reading rejects, with file and line: an unknown keyword; a line with the wrong number of
/// columns; a number that is not finite; an unknown element symbol (symbols starting with "X"
/// are dummy species, and in Lennard-Jones units every label is); 1, 2 or more than 3 `lattice`
/// lines; a second `energy`, `charge` or `comment` line; anything but `begin` (or blank lines)
/// between structures; `begin` inside a structure; a file ending inside a structure; a structure
/// without atoms; and a periodic structure whose total charge is not zero (|Q| > 10 ε, n2p2's
/// rule). Blank lines are allowed between structures but not inside one (n2p2 fails on them).
/// The cell shape is not checked; call `Configuration.validate()` for that.
///
/// ```swift
/// let frames = try N2P2Data.read(from: URL(fileURLWithPath: "input.data"))
/// try N2P2Data.write(frames, to: URL(fileURLWithPath: "copy.data"))
/// ```
public enum N2P2Data {
    /// The atom property holding the per-atom reference charges.
    public static let chargesProperty = "charges"
    /// The `Frame.info` key holding the total charge, as text.
    public static let totalChargeKey = "charge"
    /// The `Frame.info` key holding the comment.
    public static let commentKey = "comment"

    /// All structures of the file at `url`, whose numbers are in the unit system `units`.
    public static func read(from url: URL, units: UnitSystem = .metal) throws(FileFormatError) -> [Frame] {
        var reader = N2P2DataReader(scanner: try TextScanner.load(url), units: units)
        return try reader.readAll()
    }

    /// All structures of `text`; errors name the file `file`.
    public static func read(text: String, file: String = "<text>", units: UnitSystem = .metal) throws(FileFormatError) -> [Frame] {
        var reader = N2P2DataReader(scanner: TextScanner(text: text, file: file), units: units)
        return try reader.readAll()
    }

    /// Writes `frames` to `url` atomically (see `AtomicFile`): on any error the previous file,
    /// if any, is left as it was. The layout is that of n2p2's `Structure::writeToFile` (see
    /// `text(for:file:)`).
    public static func write(_ frames: [Frame], to url: URL) throws(FileFormatError) {
        try AtomicFile.write(try text(for: frames, file: url.path), to: url)
    }

    /// The file text for `frames`, laid out as n2p2 writes it: `begin`, `comment`, the three
    /// `lattice` lines of a periodic structure, the `atom` lines, `energy`, `charge`, `end`,
    /// every number as C's `%24.16E` and the element as `%2s`. Text that Basin wrote reads back
    /// and writes again byte for byte.
    ///
    /// Missing data is written as n2p2 does: an empty comment, and zero forces, charges and
    /// total charge; a frame without energy gets no `energy` line (rather than n2p2's 0, which
    /// would read back as a reference energy). A comment's line breaks become spaces; other
    /// `info` entries, velocities, masses, stress and virial are not written.
    ///
    /// Throws `cannotWrite` (errors name the file `file`) for a frame without atoms, a cell
    /// periodic in some directions but not all (n2p2 has only periodic structures and
    /// clusters), a periodic frame with non-zero total charge, non-finite numbers, a species
    /// label that is empty or contains whitespace, forces or charges with the wrong count, or a
    /// total charge in `info` that is not a number.
    public static func text(for frames: [Frame], file: String = "<text>") throws(FileFormatError) -> String {
        var output = ""
        for (index, frame) in frames.enumerated() {
            try N2P2DataWriter.append(frame, number: index + 1, to: &output, file: file)
        }
        return output
    }

    /// n2p2's tolerance for the total charge of a periodic structure: 10 machine epsilons.
    static let chargeTolerance = 10 * Double.ulpOfOne
}
