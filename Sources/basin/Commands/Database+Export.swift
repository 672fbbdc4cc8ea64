import ArgumentParser
import BasinIO
import BasinMinima
import Foundation

extension MinimaDatabaseCommand {
    /// `basin db export`: stored minima to an extended XYZ file.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write stored minima to an extended XYZ (or n2p2) file, lowest energy first.",
            discussion: """
                One frame per minimum, as ASE writes a structure with an energy: the comment line \
                holds energy=…, and id, times_found, run_id and step of the minimum. The name \
                decides the format: extended XYZ for *.extxyz or *.xyz, n2p2 for input.data or \
                *.n2p2 (energies only); formats that cannot hold energies are refused. The file is \
                written atomically. A selection that holds no minimum is an error and writes nothing.
                """)

        @OptionGroup var file: DatabaseOptions
        @OptionGroup var selection: EnergyRangeOptions

        @Option(name: .shortAndLong, help: "The file to write: *.extxyz or *.xyz (extended XYZ), or input.data (n2p2).")
        var output: String

        @Flag(help: "Print one JSON document instead of text.")
        var json = false

        struct Report: Encodable {
            var database: String
            var output: String
            var minima: Int
        }

        func run() throws {
            let database = try file.open()
            let range = try selection.range(file: file.database)
            let minima = try database.minima(energyRange: range, limit: selection.limit)
            guard !minima.isEmpty else {
                throw CommandError("\(file.database): no minima\(EnergyRangeOptions.describe(range)); nothing written to \(output)")
            }
            try StructureFile.write(minima.map(\.frame), to: URL(fileURLWithPath: output), requiring: [.severalFrames, .energies])
            if json {
                try Output.json(Report(database: file.database, output: output, minima: minima.count))
            } else {
                print("wrote \(minima.count) minima from \(file.database) to \(output)")
            }
        }
    }
}
