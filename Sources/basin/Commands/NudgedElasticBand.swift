import ArgumentParser
import BasinAtoms
import BasinIO
import BasinOptimize
import BasinPaths
import BasinPotentials
import Foundation

/// `basin neb`: a climbing-image nudged elastic band between two minima, its highest image
/// refined to a saddle and verified.
struct NudgedElasticBandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neb",
        abstract: "Find the transition state between two minima with a (climbing-image, doubly nudged) elastic band.",
        discussion: """
            The end points are relaxed (L-BFGS, largest force below 1e-6), a cluster's end is \
            rotated onto its start, and --images images are placed between them (IDPP by \
            default). The band relaxes with FIRE until its largest force is below --relax-fmax, \
            then the highest image climbs until the force is below --fmax. The climbing image is \
            refined by eigenvector following (analytic Hessian for lj and morse, central \
            differences of forces otherwise) and verified: exactly one negative eigenvalue, and \
            descents along ± its eigenvector reach the two end points.

            --output saves the band (all images, end points included) every --save-every steps, \
            on Ctrl-C and at the end; --resume starts from that file instead of interpolating.

            Example:
              basin neb start.xyz end.xyz --potential lj --cutoff none --images 9 --output band.xyz --saddle ts.xyz
            """)

    @Argument(help: "Structure file of the first minimum (the last frame is used).")
    var start: String

    @Argument(help: "Structure file of the second minimum: the same atoms, in the same order unless --permute.")
    var end: String

    @OptionGroup var potential: PotentialOptions

    @OptionGroup var band: BandOptions

    @Flag(inversion: .prefixedNo, help: "Refine the highest image by eigenvector following and verify it.")
    var refine = true

    @Option(help: "Write the band (extxyz frames with energies) to this file.")
    var output: String?

    @Option(help: "Band steps between saves of --output.")
    var saveEvery: Int = 50

    @Flag(help: "Start from the band in --output (written by an earlier run) instead of interpolating.")
    var resume = false

    @Option(help: "Write the refined transition state to this file.")
    var saddle: String?

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    func validate() throws {
        guard saveEvery >= 1 else { throw ValidationError("--save-every must be at least 1") }
        if resume, output == nil { throw ValidationError("--resume needs --output, the band to resume") }
    }

    func run() throws {
        if let output { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: output), holding: .severalFrames) }
        if let saddle { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: saddle)) }
        let calculator = try potential.makeCalculator()
        let (ends, startPoint, endPoint) = try band.ends(start, end, units: potential.unitSystem, calculator: calculator)
        let startImages = try initialImages(ends)
        let surface = PotentialEnergySurface(configuration: ends.template, calculator: calculator)
        let search = band.search(refine: refine)
        let maxSteps = band.maxSteps
        let progress = ProgressReporter(label: "neb", total: (band.climb ? 2 : 1) * maxSteps)
        let interruption = Interruption(acknowledgement: "interrupt: saving the band after the current step (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        var latest = startImages
        var stepsBefore = 0, lastStage = BandSearch.Stage.relaxing
        let clock = Date()
        let result: BandSearchResult
        do {
            result = try search.run(
                on: surface, from: startPoint, to: endPoint, images: startImages,
                makeSurface: band.surfaceMaker(for: ends, calculator: calculator), shouldStop: { interruption.isRequested }
            ) { stage, step in
                if stage != lastStage { stepsBefore = maxSteps; lastStage = stage }
                progress.update(stepsBefore + step.iteration)
                latest = BandSearch.images(of: step.point, between: ends.start, and: ends.end).dropFirst().dropLast()
                if step.iteration % saveEvery == 0 { try? saveBand(ends, images: latest, energies: nil) }
            }
        } catch is BandInterrupted {
            progress.finish()
            try saveBand(ends, images: latest, energies: nil)
            Output.note("interrupted; " + (output.map { "the band is saved in \($0): continue with --resume" } ?? "no --output, nothing saved"))
            throw ExitCode(Interruption.exitStatus(for: interruption.receivedSignal ?? SIGINT))
        }
        progress.finish()
        try saveBand(ends, images: Array(result.images.dropFirst().dropLast()), energies: result.energies)
        if let saddle, let point = result.saddle?.point {
            try StructureFile.write([Frame(configuration: ends.configuration(at: point), energy: result.saddle?.value)], to: URL(fileURLWithPath: saddle))
        }
        try report(BandSummary(result, atoms: ends.template.count, seconds: Date().timeIntervalSince(clock), output: output, saddleFile: saddle))
    }

    /// The band of `--output` with `--resume`, or the interpolated one.
    private func initialImages(_ ends: BandEnds) throws -> [[Double]] {
        guard resume, let output else {
            return band.interpolation.images(from: ends.start, to: ends.end, count: band.images, cell: ends.template.cell)
        }
        guard FileManager.default.fileExists(atPath: output) else { throw CommandError("\(output): no band to resume") }
        let frames = try StructureFile.read(from: URL(fileURLWithPath: output), units: ends.template.units)
        do { return try ends.savedImages(frames, file: output) } catch { throw CommandError("\(error)") }
    }

    /// Writes the end points and `images` to `--output`, if given.
    private func saveBand(_ ends: BandEnds, images: [[Double]], energies: [Double]?) throws {
        guard let output else { return }
        let points = [ends.start] + images + [ends.end]
        let frames = points.enumerated().map { index, x in
            Frame(configuration: ends.configuration(at: x), energy: energies?[index], info: ["image": "\(index)"])
        }
        try StructureFile.write(frames, to: URL(fileURLWithPath: output), requiring: .severalFrames)
    }
}
