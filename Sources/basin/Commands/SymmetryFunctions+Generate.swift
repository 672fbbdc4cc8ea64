import ArgumentParser
import BasinAtoms
import BasinDescriptors
import BasinIO
import Foundation

extension SymmetryFunctions {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Propose symmetry functions spanning the distances of a data set.",
            discussion: """
                Scans the data set for the shortest interatomic distance r_min (periodic images \
                included) and the longest one within a frame (minimum image), which is the cutoff \
                r_c unless --cutoff is given. For each central element it then writes, per \
                neighbor element, --radial type-2 functions with shifts equidistant from r_min \
                towards r_c and one width, and --radial centred ones (r_s = 0) whose widths grow \
                geometrically from r_min to r_c (η = 1/(2w²), in Å⁻²); and, per neighbor-element \
                pair, angular functions of --angular-type with ζ = 1, 2, 4, … ≤ --zeta-max, λ = ±1 \
                and --angular-widths widths spaced like the centred ones. The output is a \
                cutoff_type line and symfunction_short lines, in n2p2 order, ready for input.nn.
                """)

        @OptionGroup var data: DataOptions

        @Option(name: .customLong("element"), help: "Central element (repeatable; default: every element found).")
        var centralElements: [String] = []

        @Option(help: "Cutoff radius r_c in Å (default: the longest distance found).")
        var cutoff: Double?

        @Option(help: "Shifted and also centred radial functions per neighbor element.")
        var radial = 6

        @Option(help: "Angular widths η per (ζ, λ) and neighbor-element pair.")
        var angularWidths = 2

        @Option(help: "Angular function type: 3 (narrow) or 9 (wide).")
        var angularType = 3

        @Option(help: "Largest angular exponent ζ (the powers of two up to it are used).")
        var zetaMax = 16.0

        @Option(help: "n2p2 cutoff_type of every function (0-8; 6 is n2p2's recommended polynomial).")
        var cutoffType = 6

        @Option(help: "Inner-radius fraction α of the cutoff function, 0 ≤ α < 1.")
        var cutoffAlpha = 0.0

        @Option(help: "Write the input.nn lines to this file instead of standard output.")
        var output: String?

        @Flag(help: "Print one JSON document (the functions and the distance range) instead of the lines.")
        var json = false

        struct Result: Encodable {
            var shortestDistance: Double
            var longestDistance: Double
            var cutoff: Double
            var elements: [String]
            var functions: [Function]
            struct Function: Encodable {
                var central: String
                var type: Int
                var line: String
            }
        }

        func validate() throws {
            guard angularType == 3 || angularType == 9 else { throw ValidationError("--angular-type must be 3 or 9") }
            guard (0...1000).contains(radial), (0...1000).contains(angularWidths) else {
                throw ValidationError("--radial and --angular-widths must be from 0 to 1000")
            }
            guard zetaMax >= 1, zetaMax <= 1024 else { throw ValidationError("--zeta-max must be from 1 to 1024") }
            guard CutoffKind(rawValue: cutoffType) != nil else { throw ValidationError("--cutoff-type must be one of 0-8") }
            guard cutoffAlpha >= 0, cutoffAlpha < 1 else { throw ValidationError("--cutoff-alpha must lie in [0, 1)") }
            if let cutoff, !(cutoff > 0 && cutoff.isFinite) { throw ValidationError("--cutoff must be a positive number") }
        }

        func run() throws {
            let configurations = try data.configurations()
            var found: Set<Element> = []
            var range = DistanceRange()
            let progress = ProgressReporter(label: "distances", total: configurations.count)
            for (index, c) in configurations.enumerated() {
                found.formUnion(c.species.map { c.elements[$0] })
                range.add(c)
                progress.update(index + 1)
            }
            progress.finish()
            let elements = found.sorted { $0.atomicNumber < $1.atomicNumber }
            var centrals: [Element] = []
            for symbol in centralElements {
                guard let e = elements.first(where: { $0.symbol == symbol }) else {
                    throw CommandError("--element \(symbol): not in \(data.data) (found \(elements.map(\.symbol).joined(separator: ", ")))")
                }
                if !centrals.contains(e) { centrals.append(e) }
            }
            if centrals.isEmpty { centrals = elements }
            guard range.shortest.isFinite else { throw CommandError("\(data.data): no pair of atoms to measure") }
            let rc = cutoff ?? range.longest
            guard range.shortest < rc else {
                throw CommandError(String(format: "the cutoff %.6g Å is not above the shortest distance %.6g Å", rc, range.shortest))
            }
            let generator = SymmetryFunctionGenerator(
                shiftedCount: radial, centredCount: radial, angularWidthCount: angularWidths, zetaMax: zetaMax,
                wideAngular: angularType == 9, cutoffKind: CutoffKind(rawValue: cutoffType)!, alpha: cutoffAlpha)
            let sets = centrals.sorted { $0.atomicNumber < $1.atomicNumber }.map {
                generator.set(central: $0, elements: elements, shortest: range.shortest, cutoff: rc)
            }
            let text = SymmetryFunctionSet.settings(sets)
            if let output { try SymmetryFunctions.write(text, to: output) }
            if json {
                try Output.json(Result(
                    shortestDistance: range.shortest, longestDistance: range.longest, cutoff: rc,
                    elements: elements.map(\.symbol),
                    functions: sets.flatMap { set in
                        set.functions.map { .init(central: set.central.symbol, type: $0.typeCode, line: $0.settingsLine(central: set.central)) }
                    }))
            } else if output == nil {
                print(String(format: "# r_min %.6g Å, longest distance %.6g Å, r_c %.6g Å", range.shortest, range.longest, rc))
                print(text, terminator: "")
            }
        }
    }
}
