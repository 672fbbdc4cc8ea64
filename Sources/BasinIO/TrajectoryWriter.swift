import BasinAtoms
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a trajectory frame by frame, and only puts the file in place when it is complete.
///
/// Frames go to a hidden temporary file beside the destination; `finish()` flushes it and
/// renames it over the destination. A writer dropped without `finish()` (a run that failed or
/// was interrupted) removes its temporary file, so no half-written trajectory is ever left
/// under the destination's name.
public final class TrajectoryWriter {
    private let destination: URL
    private let format: StructureFile.Format
    private let temporary: String
    private var descriptor: Int32
    public private(set) var frameCount = 0

    /// - Parameters:
    ///   - url: where the finished trajectory goes; its name decides the format
    ///     (`StructureFile.Format.forWriting`): extxyz, LAMMPS dump or n2p2 input.data, not a
    ///     LAMMPS data file, which holds one structure.
    ///   - format: the format asked for, which must agree with the name (nil: the name's).
    public init(url: URL, format: StructureFile.Format? = nil) throws(FileFormatError) {
        let chosen = try StructureFile.Format.forWriting(url, requested: format, holding: .severalFrames)
        destination = url
        self.format = chosen
        (descriptor, temporary) = try AtomicFile.createTemporaryFile(
            in: url.deletingLastPathComponent().path, for: url.lastPathComponent, destination: url.path)
    }

    /// Appends one frame.
    public func append(_ frame: Frame) throws(FileFormatError) {
        let text = switch format {
        case .lammpsDump: try LAMMPSDump.text(for: [frame], file: destination.path)
        case .n2p2: try N2P2Data.text(for: [frame], file: destination.path)
        case .extxyz, .lammpsData: try ExtendedXYZ.text(for: [frame], file: destination.path)
        }
        try AtomicFile.writeAll(Data(text.utf8), to: descriptor, file: destination.path)
        frameCount += 1
    }

    /// Flushes the frames to disk and renames the file into place.
    public func finish() throws(FileFormatError) {
        guard descriptor >= 0 else { return }
        defer { descriptor = -1 }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            unlink(temporary)
            throw AtomicFile.failure(destination.path, "cannot flush the trajectory to disk")
        }
        guard rename(temporary, destination.path) == 0 else {
            unlink(temporary)
            throw AtomicFile.failure(destination.path, "cannot move the trajectory into place")
        }
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporary)
        }
    }
}
