import ArgumentParser
import BasinToyModel
import Foundation

/// `basin toy energy`: energy per particle and gradient of toy structures.
struct ToyEnergy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "energy",
        abstract: "Energy per particle (and its gradient) of toy structures.",
        discussion: """
            The file holds one structure {"dimension": 2, "width": 5, "coordinates": [[x, y], …]} \
            or an array of them. Example:
              basin toy energy cell.json --mode thesis --depth 3 --json
            """)

    @Argument(help: "JSON file with one toy structure or an array of them.")
    var input: String

    @OptionGroup var model: ToyModelOptions

    @Flag(help: "Also print ∂(E/N_p)/∂x for every particle.")
    var gradient = false

    @Flag(help: "Print one JSON document.")
    var json = false

    struct Result: Encodable {
        var energyPerParticle: Double
        var depth: Int
        var gradient: [[Double]]?
    }

    func run() throws {
        let structures = try ToyStructureFile.read(from: URL(fileURLWithPath: input))
        let toy = try model.model(), workspace = ToyWorkspace()
        var results: [Result] = []
        for (k, structure) in structures.enumerated() {
            do { try toy.checkImages(structure, depth: model.depth) } catch { throw CommandError("\(input): structure \(k): \(error)") }
            let depth = model.depth ?? toy.automaticDepth(width: structure.width)
            var g: [SIMD3<Double>] = []
            let energy = gradient
                ? toy.energyPerParticle(structure, depth: depth, gradient: &g, workspace: workspace)
                : toy.energyPerParticle(structure, depth: depth, workspace: workspace)
            guard energy.isFinite else { throw CommandError("\(input): structure \(k): the energy is not finite (coinciding particles?)") }
            let rows = gradient ? g.map { structure.dimension == 3 ? [$0.x, $0.y, $0.z] : [$0.x, $0.y] } : nil
            results.append(Result(energyPerParticle: energy, depth: depth, gradient: rows))
        }
        if json { return try Output.json(["structures": results]) }
        for (k, r) in results.enumerated() {
            print("structure \(k): E/N_p = \(r.energyPerParticle) E_c (d_s = \(r.depth))")
            for (i, row) in (r.gradient ?? []).enumerated() { print("  ∂/∂x_\(i) = \(row)") }
        }
    }
}
