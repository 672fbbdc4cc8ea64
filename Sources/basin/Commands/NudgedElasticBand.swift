import ArgumentParser
import BasinAtoms
import BasinIO
import BasinOptimize
import BasinPaths
import BasinPotentials
import Foundation

extension BandInterpolation: ExpressibleByArgument {}

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

    @Argument(help: "Structure file of the second minimum, same atoms in the same order.")
    var end: String

    @OptionGroup var potential: PotentialOptions

    @Option(help: "Moving images between the end points.")
    var images: Int = 7

    @Option(help: "Placement of the first images: idpp (image-dependent pair potential) or linear.")
    var interpolation: BandInterpolation = .idpp

    @Option(help: "Spring constant k (energy / length²).")
    var spring: Double = 1

    @Flag(inversion: .prefixedNo, help: "Let the highest image climb to the saddle in a second stage.")
    var climb = true

    @Flag(help: "Add the doubly nudged spring force (Trygubenko & Wales 2004).")
    var doublyNudged = false

    @Option(help: "The band without climbing has relaxed when its largest per-atom force is below this (energy / length).")
    var relaxFmax: Double = 0.1

    @Option(help: "The band has converged when its largest per-atom force is below this (energy / length).")
    var fmax: Double = 1e-3

    @Option(help: "Largest number of FIRE steps of each stage.")
    var maxSteps: Int = 5000

    @Option(help: "Largest displacement of any atom in one FIRE step (length units).")
    var maxStep: Double = 0.1

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
        guard images >= 1, images <= 1000 else { throw ValidationError("--images must lie in 1…1000") }
        for (name, value) in [("--spring", spring), ("--relax-fmax", relaxFmax), ("--fmax", fmax), ("--max-step", maxStep)] {
            guard value > 0, value.isFinite else { throw ValidationError("\(name) must be a positive number") }
        }
        guard maxSteps >= 0 else { throw ValidationError("--max-steps must be non-negative") }
        guard saveEvery >= 1 else { throw ValidationError("--save-every must be at least 1") }
        if resume, output == nil { throw ValidationError("--resume needs --output, the band to resume") }
    }

    func run() throws {
        if let output { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: output), holding: .severalFrames) }
        if let saddle { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: saddle)) }
        let units = potential.unitSystem
        let calculator = try potential.makeCalculator()
        guard calculator.potential.implementedProperties.contains(.energyAndForces) else {
            throw CommandError("the potential does not compute forces, which a band needs")
        }
        let (first, second) = (try endConfiguration(start, units: units), try endConfiguration(end, units: units))
        do { try BandEnds.check(first, second) } catch { throw CommandError("\(start), \(end): \(error)") }
        let (relaxedFirst, firstEnergy) = try relaxed(first, file: start, calculator: calculator)
        let (relaxedSecond, secondEnergy) = try relaxed(second, file: end, calculator: calculator)
        let ends = try BandEnds(start: relaxedFirst, end: relaxedSecond)
        let startImages = try initialImages(ends)
        var surface = PotentialEnergySurface(configuration: ends.template, calculator: calculator)
        var ignored = ends.end
        let endEnergy = try surface.evaluate(at: ends.end, gradient: &ignored)
        guard abs(endEnergy - secondEnergy) <= 1e-6 * max(1, abs(endEnergy)) else {
            throw CommandError("\(end): the energy changed when the end was aligned: the potential is not invariant under rotation")
        }
        let startPoint = StationaryPoint(point: ends.start, value: firstEnergy, maximumForce: 0)
        let endPoint = StationaryPoint(point: ends.end, value: endEnergy, maximumForce: 0)

        let search = BandSearch(
            settings: BandSettings(springConstant: spring, doublyNudged: doublyNudged), climb: climb,
            fire: FIRE(maximumStep: maxStep),
            relaxation: StoppingCriteria(maximumForce: relaxFmax, maximumSteps: maxSteps),
            climbing: StoppingCriteria(maximumForce: fmax, maximumSteps: maxSteps),
            refinement: refine ? EigenvectorFollowing() : nil)
        let progress = ProgressReporter(label: "neb", total: (climb ? 2 : 1) * maxSteps)
        let interruption = Interruption(acknowledgement: "interrupt: saving the band after the current step (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        var latest = startImages
        var stepsBefore = 0, lastStage = BandSearch.Stage.relaxing
        let clock = Date()
        let result: BandSearchResult
        do {
            result = try search.run(
                on: surface, from: startPoint, to: endPoint, images: startImages, shouldStop: { interruption.isRequested }
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

    /// The last frame of `file`, checked.
    private func endConfiguration(_ file: String, units: UnitSystem) throws -> Configuration {
        let frames = try StructureFile.read(from: URL(fileURLWithPath: file), units: units)
        guard let configuration = frames.last?.configuration else { throw CommandError("\(file): the file holds no structure") }
        do { try configuration.validate() } catch { throw CommandError("\(file): \(error)") }
        return configuration
    }

    /// `configuration` (read from `file`) relaxed to a minimum, with its energy.
    private func relaxed(_ configuration: Configuration, file: String, calculator: Calculator) throws -> (Configuration, Double) {
        var configuration = configuration
        let result = try LBFGS().relax(&configuration, calculator: calculator, until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 20_000))
        guard result.converged else {
            throw CommandError("\(file): the structure did not relax to a minimum (\(result.stopReason) at largest force \(result.maximumForce))")
        }
        return (configuration, result.value)
    }

    /// The band of `--output` with `--resume`, or the interpolated one.
    private func initialImages(_ ends: BandEnds) throws -> [[Double]] {
        guard resume, let output else {
            return interpolation.images(from: ends.start, to: ends.end, count: images, cell: ends.template.cell)
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
