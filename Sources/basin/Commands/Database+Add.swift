import ArgumentParser
import BasinAtoms
import BasinIO
import BasinMinima
import BasinPotentials
import Foundation

extension MinimaDatabaseCommand {
    /// `basin db add`: import minima from structure files.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the structures of files as minima (creating the database if needed).",
            discussion: """
                Every frame of every file is recorded as one minimum, as given (nothing is \
                relaxed); frames must be clusters (no periodic direction). The energy is the \
                frame's own (extxyz energy=…) when it has one, otherwise the Lennard-Jones cluster \
                energy E = 4 Σ (r⁻¹² − r⁻⁶) over every pair, in reduced units (ε = σ = 1); \
                --lennard-jones always computes it. A minimum already stored (up to rotation, \
                translation, reflection and the order of atoms) is counted again, not added. All \
                files are read and checked before the database is touched; the import is one \
                run of kind 'import'.
                """)

        @Argument(help: "Structure files: extxyz/xyz, LAMMPS data or dump, n2p2 input.data.")
        var files: [String]

        @OptionGroup var file: DatabaseOptions

        @Option(help: "File format when the file names do not tell: extxyz, lammps-data, lammps-dump, n2p2.")
        var format: StructureFile.Format?

        @Flag(help: "Compute the Lennard-Jones energy (ε = σ = 1, every pair) even for frames that give one.")
        var lennardJones = false

        @Flag(help: "Print one JSON document instead of text.")
        var json = false

        struct Imported: Encodable {
            var file: String
            var frame: Int
            var id: Int64
            var isNew: Bool
            var timesFound: Int
            var energy: Double
        }

        /// What the import run stores as its parameters.
        struct ImportParameters: Encodable {
            var files: [String]
            /// Where energies came from.
            var energies: String
        }

        struct Report: Encodable {
            var database: String
            var run: Int64
            var added: Int
            var known: Int
            var total: Int
            /// Wall time of recording (not reading), s.
            var seconds: Double
            var minima: [Imported]
        }

        /// One frame to record.
        private struct Candidate {
            var file: String
            var frame: Int
            var configuration: Configuration
            var energy: Double
        }

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one structure file") }
        }

        func run() throws {
            let candidates = try readAll()
            let database = try file.open(.create)
            let parameters = ImportParameters(files: files, energies: lennardJones ? "lennard-jones" : "file, else lennard-jones")
            let run = try database.startRun(kind: "import", parameters: parameters)
            var imported: [Imported] = []
            let start = Date()
            for (step, candidate) in candidates.enumerated() {
                let outcome = try database.record(
                    energy: candidate.energy, positions: candidate.configuration.positions,
                    symbols: candidate.configuration.symbols, run: run, step: step)
                imported.append(Imported(
                    file: candidate.file, frame: candidate.frame, id: outcome.id.rawValue, isNew: outcome.isNew,
                    timesFound: outcome.timesFound, energy: candidate.energy))
            }
            let seconds = Date().timeIntervalSince(start)
            try database.finishRun(run, steps: candidates.count)
            let added = imported.filter(\.isNew).count
            let report = Report(
                database: file.database, run: run.rawValue, added: added, known: imported.count - added,
                total: try database.count, seconds: seconds, minima: imported)
            if json {
                try Output.json(report)
                return
            }
            for entry in imported {
                let status = entry.isNew ? "new  " : "known"
                print("\(entry.file) frame \(entry.frame): \(status) id \(entry.id)  energy \(entry.energy)  found \(entry.timesFound)×")
            }
            print("\(added) new and \(report.known) known minima recorded in \(file.database) (run \(run)); \(report.total) minima stored")
        }

        /// Every frame of every file with its energy, checked before anything is recorded.
        private func readAll() throws -> [Candidate] {
            let calculator = Calculator(potential: try LennardJones(cutoff: nil))
            var candidates: [Candidate] = []
            for path in files {
                let frames = try StructureFile.read(from: URL(fileURLWithPath: path), format: format, units: .lennardJones)
                guard !frames.isEmpty else { throw CommandError("\(path): the file holds no structure") }
                for (index, frame) in frames.enumerated() {
                    let which = frames.count > 1 ? " (frame \(index + 1))" : ""
                    let configuration = frame.configuration
                    guard !configuration.cell.periodic.contains(true) else {
                        throw CommandError("\(path)\(which): periodic structure; the minima database holds clusters only")
                    }
                    do {
                        try configuration.validate()
                    } catch {
                        throw CommandError("\(path)\(which): \(error)")
                    }
                    let energy: Double
                    if let given = frame.energy, !lennardJones {
                        energy = given
                    } else {
                        energy = try calculator.evaluate(configuration, .energy).energy
                    }
                    candidates.append(Candidate(file: path, frame: index + 1, configuration: configuration, energy: energy))
                }
            }
            return candidates
        }
    }
}
