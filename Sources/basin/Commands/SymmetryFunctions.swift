import ArgumentParser
import BasinAtoms
import BasinDescriptors
import BasinIO
import BasinText
import Foundation

/// `basin sf`: tools for symmetry-function sets (the descriptors of neural-network potentials).
struct SymmetryFunctions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sf",
        abstract: "Generate, analyse and compute symmetry-function descriptors.",
        subcommands: [Generate.self, Analyze.self, Compute.self]
    )
}

extension SymmetryFunctions {
    /// The data set the `sf` subcommands read: every frame of one structure file, in metal units.
    struct DataOptions: ParsableArguments {
        @Option(help: "Data set: extxyz/xyz (all frames), LAMMPS data or dump, n2p2 input.data. Lengths in Å.")
        var data: String

        @Option(help: "File format when the extension does not tell: extxyz, lammps-data, lammps-dump, ….")
        var format: StructureFile.Format?

        @Option(help: "Element symbols of the file's LAMMPS atom types 1, 2, … (comma-separated, e.g. Si,O).")
        var elements: String?

        /// Every configuration of the file.
        func configurations() throws -> [Configuration] {
            let symbols = elements?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            let frames = try StructureFile.read(from: URL(fileURLWithPath: data), format: format, units: .metal, typeSymbols: symbols)
            guard !frames.isEmpty else { throw CommandError("\(data): the file holds no structure") }
            return frames.map(\.configuration)
        }
    }

    /// Writes `text` to `path` atomically (a reader never sees half a file).
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandError("\(path): cannot write (\(error.localizedDescription))")
        }
    }

    /// The symmetry-function sets of a file with a cutoff_type line and symfunction_short lines.
    static func readSets(_ path: String) throws -> [SymmetryFunctionSet] {
        let text: String
        do {
            text = try TextFile.contents(of: URL(fileURLWithPath: path))
        } catch {
            throw CommandError(error.description)
        }
        let sets: [SymmetryFunctionSet]
        do {
            sets = try SymmetryFunctionSet.parse(settings: text)
        } catch {
            throw CommandError("\(path): \(error)")
        }
        guard !sets.isEmpty else { throw CommandError("\(path): no symfunction_short lines") }
        return sets
    }
}
