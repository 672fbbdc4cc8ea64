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
                run of kind 'import' and one transaction: it is recorded whole or not at all, so \
                an import that fails or is stopped (Ctrl-C, SIGTERM, even kill -9) leaves the \
                database as it was and can simply be run again. On Ctrl-C or SIGTERM it exits \
                with 130 or 143.
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
            let interruption = Interruption()
            interruption.start()
            defer { interruption.stop() }
            let candidates = try readAll(stopping: interruption)
            let database = try file.open(.create)
            let parameters = ImportParameters(files: files, energies: lennardJones ? "lennard-jones" : "file, else lennard-jones")
            let minima = candidates.map {
                MinimaDatabase.FoundMinimum(
                    energy: $0.energy, positions: $0.configuration.positions, symbols: $0.configuration.symbols)
            }
            let start = Date()
            let result = Result { () throws(MinimaDatabaseError) in
                try database.importMinima(minima, parameters: parameters, shouldStop: { interruption.isRequested })
            }
            if case .failure(let error) = result, error.problem == .cancelled {
                try Self.stop(interruption, database: file.database)
            }
            let outcome = try result.get()
            let seconds = Date().timeIntervalSince(start)
            let imported = zip(candidates, outcome.records).map { candidate, record in
                Imported(
                    file: candidate.file, frame: candidate.frame, id: record.id.rawValue, isNew: record.isNew,
                    timesFound: record.timesFound, energy: candidate.energy)
            }
            let added = imported.filter(\.isNew).count
            let run = outcome.run
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

        /// Ends the command after a signal: nothing was recorded.
        private static func stop(_ interruption: Interruption, database: String) throws -> Never {
            let number = interruption.receivedSignal ?? SIGINT
            Output.note("\(Interruption.name(of: number)): import stopped; nothing was recorded in \(database)")
            throw ExitCode(Interruption.exitStatus(for: number))
        }

        /// Every frame of every file with its energy, checked before anything is recorded.
        private func readAll(stopping interruption: Interruption) throws -> [Candidate] {
            let calculator = Calculator(potential: try LennardJones(cutoff: nil))
            var candidates: [Candidate] = []
            for path in files {
                let frames = try StructureFile.read(from: URL(fileURLWithPath: path), format: format, units: .lennardJones)
                guard !frames.isEmpty else { throw CommandError("\(path): the file holds no structure") }
                for (index, frame) in frames.enumerated() {
                    if interruption.isRequested { try Self.stop(interruption, database: file.database) }
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
