import ArgumentParser
import BasinAtoms
import BasinIO
import BasinMath
import BasinPotentials
import Foundation

/// `basin eval`: energy, forces and (for periodic cells) stress of every frame of a file.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Energy, forces and stress of every frame of a structure file.",
        discussion: """
            Prints a line per frame: energy, energy per atom, largest force and, for periodic \
            cells, the pressure from the virial (no kinetic part). --json adds the forces, the \
            stress and each atom's energy (as LAMMPS 'compute pe/atom'). With --output the \
            frames are written with their energies, forces and stresses (extxyz as ASE reads it). \
            With --potential nnp or committee, the extrapolation warnings (symmetry-function values \
            outside the ranges of scaling.data) are counted and summarised; a committee adds each \
            frame's largest per-atom force deviation and its energy deviation per atom.
            """)

    @OptionGroup var structure: StructureOptions
    @OptionGroup var potential: PotentialOptions
    @OptionGroup var extrapolation: ExtrapolationOptions

    @Option(help: "Write the frames with computed energy, forces and stress to this file.")
    var output: String?

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    @Option(help: ArgumentHelp(
        "Evaluate the first frame N times with --potential nnp and print the time of each stage (neighbor list, "
            + "descriptors, networks, forces) by wall clock and by processor time, and the peak memory, instead of "
            + "the results.", valueName: "N"))
    var timing: Int?

    struct FrameResult: Encodable {
        var frame: Int
        var atoms: Int
        var energy: Double
        var energyPerAtom: Double
        var maximumForce: Double
        var forces: [[Double]]
        /// Each atom's share of the energy, when the potential splits it.
        var atomEnergies: [Double]?
        /// Stress (energy / volume, ASE sign convention) as xx, yy, zz, yz, xz, xy; nil for clusters.
        var stress: [Double]?
        var pressure: Double?
        /// nnp and committee: this frame's extrapolation warnings and the atoms that had them.
        var extrapolationWarnings: Int?
        var extrapolatingAtoms: [Int]?
        /// committee: per-atom force deviations, their largest, and the energy deviation per atom.
        var forceDeviations: [Double]?
        var maximumForceDeviation: Double?
        var energyDeviationPerAtom: Double?
    }

    func validate() throws {
        try extrapolation.check(for: potential.potential)
        if let timing, timing < 1 { throw ValidationError("--timing needs at least 1 evaluation, got \(timing)") }
    }

    func run() throws {
        if let timing { return try runTiming(evaluations: timing) }
        let units = potential.unitSystem
        var frames = try structure.frames(units: units)
        let calculator = try potential.makeCalculator(monitoring: extrapolation)
        let diagnostics = ModelDiagnostics(calculator.potential)
        let perAtom = calculator.potential.implementedProperties.intersection(.perAtomEnergies)
        var results: [FrameResult] = []
        for (index, frame) in frames.enumerated() {
            let c = frame.configuration
            let periodic = c.cell.periodic.allSatisfy { $0 }
            let properties: Properties = periodic ? [.energy, .forces, .virial] : .energyAndForces
            diagnostics.setStep(index + 1)
            let e = try calculator.evaluate(c, properties.union(perAtom))
            var result = FrameResult(
                frame: index + 1, atoms: c.count, energy: e.energy, energyPerAtom: e.energy / Double(max(1, c.count)),
                maximumForce: e.maximumForce, forces: e.forces.map { [$0.x, $0.y, $0.z] },
                atomEnergies: perAtom.isEmpty ? nil : e.perAtomEnergies)
            if let latest = diagnostics.extrapolation?.latestWarningsPerAtom {
                result.extrapolationWarnings = latest.reduce(0, +)
                result.extrapolatingAtoms = latest.indices.filter { latest[$0] > 0 }
            }
            if let spread = diagnostics.deviations?.last {
                result.forceDeviations = spread.forceDeviations
                result.maximumForceDeviation = spread.maximumForceDeviation
                result.energyDeviationPerAtom = spread.energyDeviationPerAtom
            }
            frames[index].energy = e.energy
            frames[index].forces = e.forces
            if periodic {
                let stress = e.stress(volume: c.cell.volume)
                result.stress = [stress[0, 0], stress[1, 1], stress[2, 2], stress[1, 2], stress[0, 2], stress[0, 1]]
                result.pressure = e.virial.trace / (3 * c.cell.volume) * units.energyDensityToPressure
                frames[index].stress = stress
            }
            results.append(result)
        }
        if let output {
            try StructureFile.write(frames, to: URL(fileURLWithPath: output))
        }
        try diagnostics.writeFrames(extrapolation)
        if json {
            try Output.json(results)
        } else {
            printTable(results, units: units, committee: diagnostics.deviations != nil)
            diagnostics.report?.printSummary()
        }
        if let message = diagnostics.report?.limitMessage { throw CommandError(message) }
    }

    private func printTable(_ results: [FrameResult], units: UnitSystem, committee: Bool) {
        let spread = committee ? "  max force deviation  energy deviation per atom" : ""
        print("# frame  atoms  energy/\(units.energyUnit)  energy per atom  max force/(\(units.energyUnit)/\(units.lengthUnit))  pressure/\(units.pressureUnit)" + spread)
        for r in results {
            let pressure = r.pressure.map { String(format: "%.8g", $0) } ?? "-"
            var line = String(format: "%6ld %6ld %.12g %.12g %.6g ", r.frame, r.atoms, r.energy, r.energyPerAtom, r.maximumForce) + pressure
            if let force = r.maximumForceDeviation, let energy = r.energyDeviationPerAtom {
                line += String(format: " %.6g %.6g", force, energy)
            }
            print(line)
        }
    }
}
