import ArgumentParser
import BasinAtoms
import BasinDescriptors
import Foundation

extension SymmetryFunctions {
    struct Compute: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compute",
            abstract: "Symmetry-function values (and their derivatives) of every atom of a data set.",
            discussion: """
                Evaluates the functions of --functions on every atom of every frame of --data, with \
                their analytic derivatives with respect to every atom position (as a force \
                calculation needs them), and reports the time per frame. Values are unscaled and \
                dimensionless, in n2p2's sorted order for the atom's element. --output writes one \
                line per atom: frame, atom (1-based), element, then the values. --json prints the \
                values too. --repeat evaluates each frame several times and reports the fastest.
                """)

        @Option(help: "File with a cutoff_type line and symfunction_short lines (e.g. input.nn), lengths in Å.")
        var functions: String

        @OptionGroup var data: DataOptions

        @Option(help: "Threads for the neighbor search and the evaluation.")
        var threads = 1

        @Option(name: .customLong("repeat"), help: "Evaluations per frame; the fastest is reported.")
        var repetitions = 1

        @Option(help: "Write the values to this file (one line per atom).")
        var output: String?

        @Flag(help: "Print one JSON document (with the values) instead of a summary.")
        var json = false

        struct FrameResult: Encodable {
            var atoms: Int
            /// Fastest wall time of neighbor list, values and derivatives (s).
            var seconds: Double
            /// Entries ∂G_is/∂x_a kept (neighborhood size × functions, summed over atoms).
            var derivatives: Int
            var values: [[Double]]?
        }

        struct Result: Encodable {
            var threads: Int
            var frames: [FrameResult]
        }

        func validate() throws {
            guard (1...1024).contains(threads) else { throw ValidationError("--threads must lie in 1…1024, got \(threads)") }
            guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
        }

        func run() throws {
            let sets = try SymmetryFunctions.readSets(functions)
            let evaluator = SymmetryFunctionEvaluator(sets: sets)
            let configurations = try data.configurations()
            var frames: [FrameResult] = []
            var lines: [String] = []
            let progress = ProgressReporter(label: "symmetry functions", total: configurations.count)
            for (index, c) in configurations.enumerated() {
                var best = Double.infinity
                var values: SymmetryFunctionValues?
                for _ in 0..<repetitions {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let list = NeighborList(cutoff: evaluator.cutoffRadius, kind: .full, chunkCount: threads)
                    do {
                        try list.build(for: c)
                        values = try evaluator.evaluate(c, neighbors: list)
                    } catch {
                        let which = configurations.count > 1 ? " (frame \(index + 1))" : ""
                        throw CommandError("\(data.data)\(which): \(error)")
                    }
                    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
                }
                let v = values!
                let rows = (0..<c.count).map { i in Array(v.values[(i * v.stride)..<(i * v.stride + v.functionCounts[i])]) }
                if output != nil {
                    for (i, row) in rows.enumerated() {
                        lines.append("\(index + 1) \(i + 1) \(c.elements[c.species[i]].symbol) "
                            + row.map { String(format: "%.16e", $0) }.joined(separator: " "))
                    }
                }
                frames.append(FrameResult(
                    atoms: c.count, seconds: best, derivatives: v.neighborhood.count * v.stride, values: json ? rows : nil))
                progress.update(index + 1)
            }
            progress.finish()
            if let output {
                try SymmetryFunctions.write("# frame atom element G_1 G_2 ... (n2p2 order of the element)\n"
                    + lines.joined(separator: "\n") + "\n", to: output)
            }
            if json {
                try Output.json(Result(threads: threads, frames: frames))
                return
            }
            print("# frame  atoms  seconds  atom-evaluations/s")
            for (k, f) in frames.enumerated() {
                print(String(format: "%7ld %6ld %.6f %.4g", k + 1, f.atoms, f.seconds, Double(f.atoms) / f.seconds))
            }
        }
    }
}
