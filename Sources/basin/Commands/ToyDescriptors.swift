import ArgumentParser
import BasinIO
import BasinToyModel
import Foundation

/// `basin toy descriptors`: proximity-matrix eigenvalues of a database's records.
struct ToyDescriptors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descriptors",
        abstract: "Proximity-matrix eigenvalues (thesis eq. 11) of the records of a toy database.",
        discussion: """
            For each order o (≤ −2) the N_p eigenvalues of P^o, ascending, order after order. \
            Example:
              basin toy descriptors db.json --orders=-2,-3 --proximity-cutoff 20 --json
            """)

    @Argument(help: "A toy database (basin toy generate), or a structure file with --structures.")
    var input: String

    @Flag(help: "The input is a structure file (one structure or an array) rather than a database.")
    var structures = false

    @Option(help: "Comma-separated orders o ≤ −2.")
    var orders: String = "-2,-3"

    @Option(help: "Proximity cutoff R₀p (units of R_c).")
    var proximityCutoff: Double = 20

    @Option(help: "Write the descriptors here as CSV (energy per particle, then the eigenvalues).")
    var output: String?

    @Flag(help: "Print one JSON document.")
    var json = false

    func descriptor() throws -> ProximityDescriptor {
        let parts = orders.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = try parts.map { part in
            guard let o = Int(part) else { throw ValidationError("--orders: '\(part)' is not an integer") }
            return o
        }
        return try ProximityDescriptor(orders: values, cutoff: proximityCutoff)
    }

    func validate() throws { _ = try descriptor() }

    struct Report: Encodable {
        var orders: [Int]
        var proximityCutoff: Double
        /// One row per structure.
        var eigenvalues: [[Double]]
    }

    func run() throws {
        let descriptor = try descriptor()
        let url = URL(fileURLWithPath: input)
        let (list, energies): ([ToyStructure], [Double?])
        if structures {
            list = try ToyStructureFile.read(from: url)
            energies = list.map { _ in nil }
        } else {
            let database = try ToyDatabase.read(from: url)
            list = try database.records.map { try $0.structure(dimension: database.settings.dimension) }
            energies = database.records.map(\.energyPerParticle)
        }
        for (k, structure) in list.enumerated() {
            do { try descriptor.checkImages(structure) } catch { throw CommandError("\(input): structure \(k): \(error)") }
        }
        let values = descriptor.values(of: list, threads: ProcessInfo.processInfo.activeProcessorCount)
        if let output {
            var text = ""
            for (e, row) in zip(energies, values) {
                text += ([e.map { "\($0)" } ?? ""] + row.map { "\($0)" }).joined(separator: ",") + "\n"
            }
            try AtomicFile.write(text, to: URL(fileURLWithPath: output))
        }
        if json { return try Output.json(Report(orders: descriptor.orders, proximityCutoff: descriptor.cutoff, eigenvalues: values)) }
        if let output {
            print("\(values.count) rows of \(values.first?.count ?? 0) eigenvalues written to \(output)")
        } else {
            for row in values { print(row.map { String(format: "%.12g", $0) }.joined(separator: " ")) }
        }
    }
}
