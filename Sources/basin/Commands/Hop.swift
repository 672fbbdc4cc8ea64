import ArgumentParser
import BasinAtoms
import BasinIO
import BasinMath
import BasinOptimize
import BasinPotentials
import Foundation

/// `basin hop`: basin-hopping global optimization of a cluster.
struct Hop: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search for the global minimum of a cluster by basin hopping.",
        discussion: """
            Each step displaces every atom at random, relaxes with L-BFGS and accepts the new \
            minimum by the Metropolis rule at --temperature (Wales & Doye, J. Phys. Chem. A 101, \
            5111 (1997)). --atoms N starts an N-atom Lennard-Jones cluster (reduced units, \
            ε = σ = 1) from random positions; a structure file starts from its last frame. With \
            --potential lj and no --cutoff every pair interacts (an all-pairs cluster kernel); \
            other potentials go through the usual calculator. Distinct minima are recognised by \
            energy and inertia/radial fingerprints and written lowest first. With --database \
            every minimum found is stored in a minima database (see basin db) as one run. \
            Ctrl-C (or SIGTERM) stops after the current step and writes what was found.
            """)

    @Argument(help: "Starting structure (extxyz/xyz, LAMMPS data or dump, n2p2); or use --atoms.")
    var input: String?

    @Option(help: "File format when the file name does not tell: extxyz, lammps-data, lammps-dump, n2p2.")
    var format: StructureFile.Format?

    @Option(help: "Start an N-atom Lennard-Jones cluster from random positions (reduced units).")
    var atoms: Int?

    @OptionGroup var potential: PotentialOptions

    @Option(help: "Number of basin-hopping steps (one quench each).")
    var steps: Int = 10_000

    @Option(help: "Metropolis temperature T (energy units; default 1, or 0.8 with --multi-funnel).")
    var temperature: Double?

    @Option(help: "Initial largest displacement of each coordinate (length units); adapted during the run.")
    var stepSize: Double = 0.4

    @Option(help: "Acceptance ratio the step size is steered toward.")
    var targetAcceptance: Double = 0.5

    @Option(help: "Steps between step-size adaptations.")
    var adaptEvery: Int = 50

    @Option(parsing: .unconditional, help: "Stop once a minimum this low is found (energy units).")
    var targetEnergy: Double?

    @Option(help: "Tolerance of the --target-energy test (energy units).")
    var targetTolerance: Double = 1e-4

    @Option(help: """
        Reject steps that leave an atom farther than this from the centroid (length units). \
        Default for Lennard-Jones: 2σ + σ (3N / (4π√2))^(1/3), as GMIN.
        """)
    var containerRadius: Double?

    @Flag(help: "No container: keep steps whatever the atoms' distance from the centroid.")
    var noContainer = false

    @Option(help: "Restart near the lowest minimum after this many steps without a new lowest energy.")
    var restartAfter: Int?

    @Option(help: "Largest displacement of each coordinate of the lowest minimum on a restart (length units).")
    var restartDisplacement: Double = 1

    @Flag(help: """
        On a restart, quench a new cluster grown on a decahedral, icosahedral or close-packed lattice, or cut \
        from a whole Ino or Marks decahedron of about as many atoms or from the smallest whole Leary-tetrahedron \
        complex that holds them (motif drawn at random), and refined by lattice searching, instead of displacing \
        the lowest minimum.
        """)
    var restartFromMotifs = false

    @Option(help: "Fraction of the steps that move a least-coordinated atom to the best-coordinated vacant surface site.")
    var surfaceMoves: Double?

    @Flag(help: """
        Settings for multi-funnel clusters (Lennard-Jones 75-77, 98, 102-104): --temperature \
        \(Self.multiFunnelTemperature) --surface-moves \(Self.multiFunnelSurfaceMoves) --restart-after \
        \(Self.multiFunnelRestartInterval) --restart-from-motifs, each unless given.
        """)
    var multiFunnel = false

    @Option(help: "A quench has converged when every atom's force is below this (energy / length units).")
    var fmax: Double = 1e-5

    @Option(help: "Largest number of L-BFGS iterations per quench.")
    var maxQuenchSteps: Int = 10_000

    @Option(help: "Seed of the random number generator; the same seed gives the same run.")
    var seed: UInt64 = 1

    @Option(help: "Write the lowest minimum to this file, in the format its name says (.extxyz, .xyz, .lmp, .dump, input.data).")
    var output: String?

    @Option(help: "Write the distinct minima, lowest first, one frame each, to this file (.extxyz/.xyz, or n2p2 input.data).")
    var minima: String?

    @Option(help: """
        Keep in memory (and write to --minima) only this many of the lowest distinct minima; the \
        --database keeps every one. Bounds the memory of a long run (about 3 kB per minimum of 75 atoms).
        """)
    var maxMinima: Int = 1000

    @Option(help: "Store every minimum found in this minima database (SQLite; created if missing).")
    var database: String?

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    func validate() throws {
        switch (input, atoms) {
        case (nil, nil): throw ValidationError("give a structure file or --atoms N")
        case (.some, .some): throw ValidationError("give either a structure file or --atoms, not both")
        case (nil, let n?):
            guard n >= 2 else { throw ValidationError("--atoms must be at least 2") }
            guard usesClusterKernel else {
                throw ValidationError("--atoms builds an all-pairs Lennard-Jones cluster; give a structure file for other potentials")
            }
        default: break
        }
        guard steps >= 0 else { throw ValidationError("--steps must be non-negative") }
        guard fmax > 0, fmax.isFinite else { throw ValidationError("--fmax must be positive") }
        guard maxQuenchSteps >= 1 else { throw ValidationError("--max-quench-steps must be at least 1") }
        if maxMinima < 1 { throw ValidationError("--max-minima must be at least 1") }
        if noContainer, containerRadius != nil { throw ValidationError("give --container-radius or --no-container, not both") }
        if let targetEnergy, !targetEnergy.isFinite { throw ValidationError("--target-energy must be a number") }
        if let problem = settings(containerRadius: containerRadius).problems.first { throw ValidationError(problem) }
    }

    /// Whether the potential is all-pairs Lennard-Jones, served by `ClusterLennardJones`.
    var usesClusterKernel: Bool {
        potential.potential == .lj && (potential.cutoff.map { $0.lowercased() == "none" } ?? true)
    }

    /// The basin-hopping parameters the options describe, with the given container.
    func settings(containerRadius: Double?) -> BasinHopping {
        BasinHopping(
            temperature: effectiveTemperature, stepSize: stepSize, targetAcceptance: targetAcceptance, adaptationInterval: adaptEvery,
            containerRadius: containerRadius,
            restartInterval: restartAfter ?? (multiFunnel ? Self.multiFunnelRestartInterval : nil),
            restartDisplacement: restartDisplacement,
            quench: StoppingCriteria(maximumForce: fmax, maximumSteps: maxQuenchSteps), targetEnergy: targetEnergy,
            targetTolerance: targetTolerance, minimaLimit: maxMinima,
            surfaceMoveProbability: surfaceMoves ?? (multiFunnel ? Self.multiFunnelSurfaceMoves : 0))
    }

    /// --multi-funnel's temperature (ε), fraction of surface moves and restart interval.
    static let multiFunnelTemperature = 0.8
    static let multiFunnelSurfaceMoves = 0.3
    static let multiFunnelRestartInterval = 300

    /// --temperature, or its default.
    var effectiveTemperature: Double { temperature ?? (multiFunnel ? Self.multiFunnelTemperature : 1) }

    /// Restarts from motif seeds of `atoms` atoms with nearest-neighbour distance `bond`, when
    /// asked for.
    func motifSeeds(atoms: Int, bond: Double) -> (@Sendable (inout SeededGenerator) -> [Double])? {
        guard restartFromMotifs || multiFunnel else { return nil }
        return { generator in
            let motif = ClusterMotif.allCases[Int(generator.uniform() * Double(ClusterMotif.allCases.count))]
            return motif.grow(atoms: atoms, bond: bond, using: &generator)
        }
    }

    func run() throws {
        try checkOutputNames()
        var generator = SeededGenerator(seed: seed)
        let template = try startingConfiguration(generator: &generator)
        let start = template.positions.flatMap { [$0.x, $0.y, $0.z] }
        let allPairsLJ = usesClusterKernel
        let sigma = potential.sigma ?? 1
        let radius = noContainer ? nil : containerRadius ?? (allPairsLJ ? Self.defaultContainerRadius(atoms: template.count, sigma: sigma) : nil)
        var hopping = settings(containerRadius: radius)
        // Lennard-Jones pairs sit at 2^(1/6) σ; other potentials at the start's own spacing.
        hopping.restartSeed = motifSeeds(
            atoms: template.count, bond: allPairsLJ ? pow(2, 1.0 / 6) * sigma : SurfaceMove.meanNearestNeighborDistance(start))

        let recorder = try makeRecorder(template: template, containerRadius: radius)
        let progress = ProgressReporter(label: "hop", total: steps)
        let clock = Date()
        let observer: BasinHoppingObserver = { step in
            progress.update(step.step)
            recorder?.observe(step)
        }
        let interruption = Interruption(acknowledgement: "interrupt: stopping after the current step (signal again to quit at once)")
        interruption.start()
        defer { interruption.stop() }
        let stop = { interruption.isRequested }
        let minimizer = BasinHoppingLBFGS(maximumStep: 0.1 * sigma)
        let result: BasinHoppingResult
        if allPairsLJ {
            var cluster = ClusterLennardJones(atomCount: template.count, epsilon: potential.epsilon ?? 1, sigma: sigma)
            result = hopping.run(
                &cluster, from: start, steps: steps, minimizer: minimizer, generator: &generator, observer: observer,
                shouldStop: stop)
        } else {
            var surface = PotentialEnergySurface(configuration: template, calculator: try potential.makeCalculator())
            result = try hopping.run(
                &surface, from: start, steps: steps, minimizer: minimizer, generator: &generator, observer: observer,
                shouldStop: stop)
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(clock)
        guard let lowest = result.lowest else {
            throw CommandError("\(input ?? "the random start"): the starting structure did not relax to a finite minimum")
        }
        if let recorder {
            // The observer sees steps 1, 2, …; the quenched start is step 0.
            if let first = result.minima.minima.first(where: { $0.firstStep == 0 }) {
                recorder.record(energy: first.energy, positions: first.positions, step: 0)
            }
            try recorder.finish(steps: result.steps, interrupted: result.stopReason == .interrupted)
        }
        try write(result, template: template)
        try report(result, lowest: lowest, atoms: template.count, containerRadius: radius, seconds: seconds, recorder: recorder)
        if result.stopReason == .interrupted, let number = interruption.receivedSignal {
            Output.note("interrupted after step \(result.steps); the minima found so far are written")
            throw ExitCode(Interruption.exitStatus(for: number))
        }
    }

    /// GMIN's default container radius for a Lennard-Jones cluster: 2σ plus the radius of a
    /// sphere holding N atoms at the fcc close-packed density √2 σ⁻³.
    static func defaultContainerRadius(atoms: Int, sigma: Double) -> Double {
        sigma * (2 + cbrt(3 * Double(atoms) / (4 * Double.pi * 2.0.squareRoot())))
    }

    /// The structure file's last frame, or a random Lennard-Jones cluster for --atoms.
    private func startingConfiguration(generator: inout SeededGenerator) throws -> Configuration {
        if let atoms {
            // Random sequential addition in a sphere at number density 1 σ⁻³, no pair closer
            // than 0.8 σ: about a quarter of the volume filled, so every draw is quick.
            let sigma = potential.sigma ?? 1
            return try RandomStructures.cluster(
                count: atoms, radius: sigma * cbrt(3 * Double(atoms) / (4 * Double.pi)), minimumDistance: 0.8 * sigma,
                units: potential.unitSystem, generator: &generator)
        }
        guard let input else { throw CommandError("give a structure file or --atoms N") }
        let frames = try StructureFile.read(from: URL(fileURLWithPath: input), format: format, units: potential.unitSystem)
        guard let configuration = frames.last?.configuration else { throw CommandError("\(input): the file holds no structure") }
        do {
            try configuration.validate()
        } catch {
            throw CommandError("\(input): \(error)")
        }
        guard configuration.count >= 2 else { throw CommandError("\(input): basin hopping needs at least two atoms") }
        return configuration
    }
}
