import ArgumentParser
import BasinAtoms
import BasinDescriptors
import Foundation

extension SymmetryFunctions {
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "analyze",
            abstract: "Statistics, correlations and a pruned set of symmetry functions over a data set.",
            discussion: """
                Evaluates the functions of --functions (an input.nn, or any file with a cutoff_type \
                line and symfunction_short lines) on every atom of every frame of --data and prints, \
                per central element and function (index s as n2p2's sf_index, 1-based, in n2p2 \
                order): minimum, maximum, mean and sample standard deviation of G (dimensionless), \
                and the flags zero (max |G| ≤ --zero-tolerance) and constant (max − min ≤ \
                --constant-tolerance). Then the pairs whose Pearson correlation has |r| ≥ \
                --correlation. The pruned set drops zero and constant functions, then, most \
                correlated pair first, the function with the smaller relative range (max − min)/max|G| \
                of each pair still kept (the earlier one stays on a tie).
                """)

        @Option(help: "File with a cutoff_type line and symfunction_short lines (e.g. input.nn).")
        var functions: String

        @OptionGroup var data: DataOptions

        @Option(help: "Smallest |r| of a correlated pair.")
        var correlation = 0.99

        @Option(help: "Largest max |G| of a zero function.")
        var zeroTolerance = 1e-10

        @Option(help: "Largest max − min of a constant function.")
        var constantTolerance = 1e-8

        @Option(help: "Write the pruned set (cutoff_type and symfunction_short lines) to this file.")
        var pruned: String?

        @Flag(help: "Print one JSON document instead of tables.")
        var json = false

        struct ElementResult: Encodable {
            var element: String
            var values: Int
            var functions: [Function]
            var correlatedPairs: [Pair]
            var kept: Int
            struct Function: Encodable {
                var index: Int
                var line: String
                var minimum, maximum, mean, sigma, range: Double
                var zero, constant: Bool
                /// "zero", "constant" or "correlated with <index>"; nil when kept.
                var dropped: String?
            }
            struct Pair: Encodable {
                var first, second: Int
                var correlation: Double
            }
        }

        func validate() throws {
            guard correlation > 0, correlation <= 1 else { throw ValidationError("--correlation must lie in (0, 1]") }
            guard zeroTolerance >= 0, constantTolerance >= 0 else { throw ValidationError("tolerances must not be negative") }
        }

        func run() throws {
            let sets = try SymmetryFunctions.readSets(functions)
            let configurations = try data.configurations()
            var analysis = SymmetryFunctionAnalysis(sets: sets)
            let progress = ProgressReporter(label: "symmetry functions", total: configurations.count)
            for (index, c) in configurations.enumerated() {
                do {
                    try analysis.add(c)
                } catch {
                    let which = configurations.count > 1 ? " (frame \(index + 1))" : ""
                    throw CommandError("\(data.data)\(which): \(error)")
                }
                progress.update(index + 1)
            }
            progress.finish()
            let reports = analysis.report(.init(
                zeroTolerance: zeroTolerance, constantTolerance: constantTolerance, correlationThreshold: correlation))
            if let pruned { try SymmetryFunctions.write(SymmetryFunctionSet.settings(reports.map(\.pruned)), to: pruned) }
            let results = reports.map(result)
            if json {
                try Output.json(results)
                return
            }
            for r in results {
                print("# \(r.element): \(r.functions.count) functions, \(r.values) values, \(r.kept) kept")
                print("#   s  minimum  maximum  mean  sigma  flags  function")
                for f in r.functions {
                    let flags = [f.zero ? "zero" : nil, f.constant ? "constant" : nil, f.dropped.map { "dropped: " + $0 }]
                        .compactMap { $0 }.joined(separator: ",")
                    print(String(format: "%5ld %.6g %.6g %.6g %.6g ", f.index, f.minimum, f.maximum, f.mean, f.sigma)
                        + (flags.isEmpty ? "-" : flags) + "  " + f.line)
                }
                print("# correlated pairs of \(r.element) (|r| ≥ \(correlation)): \(r.correlatedPairs.count)")
                for p in r.correlatedPairs { print(String(format: "%5ld %5ld %.8f", p.first, p.second, p.correlation)) }
                print()
            }
        }

        /// The report with 1-based indices, as n2p2's sf_index.
        func result(_ r: SymmetryFunctionReport) -> ElementResult {
            ElementResult(
                element: r.set.central.symbol, values: r.statistics.first?.count ?? 0,
                functions: r.set.functions.indices.map { s in
                    let x = r.statistics[s]
                    let dropped: String? = switch r.dropped[s] {
                    case nil: nil
                    case .zero?: "zero"
                    case .constant?: "constant"
                    case .correlated(let with, _)?: "correlated with \(with + 1)"
                    }
                    return .init(
                        index: s + 1, line: r.set.functions[s].settingsLine(central: r.set.central), minimum: x.minimum,
                        maximum: x.maximum, mean: x.mean, sigma: x.sigma, range: x.range, zero: x.isZero,
                        constant: x.isConstant, dropped: dropped)
                },
                correlatedPairs: r.correlatedPairs.map { .init(first: $0.first + 1, second: $0.second + 1, correlation: $0.correlation) },
                kept: r.pruned.functions.count)
        }
    }
}
