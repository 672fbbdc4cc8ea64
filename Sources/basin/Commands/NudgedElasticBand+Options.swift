import ArgumentParser
import BasinAtoms
import BasinIO
import BasinOptimize
import BasinPaths
import BasinPotentials
import Foundation

extension BandInterpolation: ExpressibleByArgument {}

/// The options of a band, shared by `basin neb` and `basin connect`.
struct BandOptions: ParsableArguments {
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

    @Flag(help: "Renumber the end's atoms (within each species) to match the start's closely: for minima found by separate searches.")
    var permute = false

    @Option(help: "Seed of the random starting orientations of --permute.")
    var seed: UInt64 = 1

    @Option(help: "Threads evaluating the band's images at the same time (each image then has its own calculator).")
    var imageThreads: Int = 1

    func validate() throws {
        guard images >= 1, images <= 1000 else { throw ValidationError("--images must lie in 1…1000") }
        for (name, value) in [("--spring", spring), ("--relax-fmax", relaxFmax), ("--fmax", fmax), ("--max-step", maxStep)] {
            guard value > 0, value.isFinite else { throw ValidationError("\(name) must be a positive number") }
        }
        guard (0...1_000_000_000).contains(maxSteps) else { throw ValidationError("--max-steps must be from 0 to 1000000000") }
        guard imageThreads >= 1, imageThreads <= 1024 else { throw ValidationError("--image-threads must lie in 1…1024") }
    }

    /// The band search these options describe.
    func search(refine: Bool) -> BandSearch {
        var search = BandSearch(
            settings: BandSettings(springConstant: spring, doublyNudged: doublyNudged), climb: climb,
            fire: FIRE(maximumStep: maxStep),
            relaxation: StoppingCriteria(maximumForce: relaxFmax, maximumSteps: maxSteps),
            climbing: StoppingCriteria(maximumForce: fmax, maximumSteps: maxSteps),
            refinement: refine ? EigenvectorFollowing() : nil)
        search.threads = imageThreads
        return search
    }

    /// With --image-threads above 1, a maker of image surfaces, each with its own calculator
    /// (serial force loops, the skin of `calculator`) for the same potential.
    func surfaceMaker(for ends: BandEnds, calculator: Calculator) -> (() -> PotentialEnergySurface)? {
        guard imageThreads > 1 else { return nil }
        let skin = calculator.neighbors.skin
        return { PotentialEnergySurface(configuration: ends.template, calculator: Calculator(potential: calculator.potential, skin: skin)) }
    }

    /// The end points read from two files: checked, relaxed to minima (L-BFGS, largest force
    /// below 10⁻⁶) and brought into register (`BandEnds`), with their energies.
    func ends(_ startFile: String, _ endFile: String, units: UnitSystem, calculator: Calculator) throws
        -> (BandEnds, StationaryPoint, StationaryPoint)
    {
        guard calculator.potential.implementedProperties.contains(.energyAndForces) else {
            throw CommandError("the potential does not compute forces, which a band needs")
        }
        let (first, second) = (try endConfiguration(startFile, units: units), try endConfiguration(endFile, units: units))
        do { try BandEnds.check(first, second) } catch { throw CommandError("\(startFile), \(endFile): \(error)") }
        let (relaxedFirst, firstEnergy) = try relaxed(first, file: startFile, calculator: calculator)
        let (relaxedSecond, secondEnergy) = try relaxed(second, file: endFile, calculator: calculator)
        let ends = try BandEnds(start: relaxedFirst, end: relaxedSecond, permuting: permute, seed: seed)
        var surface = PotentialEnergySurface(configuration: ends.template, calculator: calculator)
        var ignored = ends.end
        let endEnergy = try surface.evaluate(at: ends.end, gradient: &ignored)
        guard abs(endEnergy - secondEnergy) <= 1e-6 * max(1, abs(endEnergy)) else {
            throw CommandError("\(endFile): the energy changed when the end was aligned: the potential is not invariant under rotation")
        }
        return (ends, StationaryPoint(point: ends.start, value: firstEnergy, maximumForce: 0),
                StationaryPoint(point: ends.end, value: endEnergy, maximumForce: 0))
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
}
