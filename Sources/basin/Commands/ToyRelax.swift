import ArgumentParser
import BasinIO
import BasinMath
import BasinToyModel
import Foundation

/// `basin toy relax`: the thesis's random-move relaxation of toy structures.
struct ToyRelax: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relax",
        abstract: "Relax toy structures by random single-particle moves that do not raise the energy.",
        discussion: """
            Each epoch moves every particle in turn and keeps the move if E/N_p does not increase. \
            Example:
              basin toy relax cell.json --epochs 40 --max-step 0.1 --output relaxed.json --json
            """)

    @Argument(help: "JSON file with one toy structure or an array of them.")
    var input: String

    @OptionGroup var model: ToyModelOptions
    @OptionGroup var relaxation: ToyRelaxationOptions

    @Option(help: "Write the relaxed structures here (JSON, same form as the input).")
    var output: String?

    @Option(help: "Seed of the random number generator; the same seed gives the same run.")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON document.")
    var json = false

    struct Result: Encodable {
        var energyPerParticle: Double
        var acceptance: [Double]
        var coordinates: [[Double]]
    }

    func run() throws {
        var structures = try ToyStructureFile.read(from: URL(fileURLWithPath: input))
        let toy = try model.model(), rule = try relaxation.relaxation(), workspace = ToyWorkspace()
        try rule.validate(for: toy.mode)
        var generator = SeededGenerator(seed: seed)
        var results: [Result] = []
        for k in structures.indices {
            do {
                try toy.checkImages(structures[k], depth: model.depth)
                try toy.checkImages(structures[k], depth: rule.depth)
            } catch { throw CommandError("\(input): structure \(k): \(error)") }
            let rates = rule.run(&structures[k], model: toy, using: &generator, workspace: workspace)
            let energy = toy.energyPerParticle(structures[k], depth: model.depth, workspace: workspace)
            guard energy.isFinite else { throw CommandError("\(input): structure \(k): the energy is not finite (coinciding particles?)") }
            results.append(Result(energyPerParticle: energy, acceptance: rates, coordinates: structures[k].coordinates))
        }
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(structures.map(ToyStructureFile.init)), to: URL(fileURLWithPath: output))
        }
        if json { return try Output.json(["structures": results]) }
        for (k, r) in results.enumerated() {
            let last = r.acceptance.suffix(10)
            let rate = last.isEmpty ? 0 : last.reduce(0, +) / Double(last.count)
            print(String(format: "structure %ld: E/N_p = %.12g E_c, acceptance over the last %ld epochs %.1f%%", k, r.energyPerParticle, last.count, 100 * rate))
        }
    }
}

/// Options of the relaxation.
struct ToyRelaxationOptions: ParsableArguments {
    @Option(help: "Relaxation epochs (sweeps over all particles).")
    var epochs: Int = 40

    @Option(help: "Largest move maxΔ (units of R_c).")
    var maxStep: Double = 0.1

    @Option(help: "Trial move: sphere (random direction, length in [0, maxΔ]) or cube (each coordinate maxΔ·U(−1, 1), the thesis's code).")
    var move: Relaxation.Move = .sphere

    @Option(help: "Depth d_s while relaxing (default: the model's automatic depth; the thesis used 1).")
    var relaxationDepth: Int?

    @Flag(help: "Evaluate trial moves with the images of the unrelaxed structure, as the thesis's code does (thesis mode only).")
    var staleImages = false

    func relaxation() throws -> Relaxation {
        try Relaxation(epochs: epochs, maxStep: maxStep, move: move, depth: relaxationDepth, staleImages: staleImages)
    }

    func validate() throws { _ = try relaxation() }
}
