import BasinAtoms
import BasinDynamics
import BasinIO
import BasinPotentials

/// Which steps of a molecular-dynamics run become reference structures.
///
/// Steps are counted from the start of the sampling run (step 0, the starting structure, is a
/// candidate like any other).
public enum SnapshotSelection: Sendable, Equatable {
    /// Every `interval`-th step: steps 0, n, 2n, …; a run of S steps gives ⌊S/n⌋ + 1 frames.
    case fixedInterval(Int)

    /// The force-based variable interval of Pukrittayakamee et al., J. Chem. Phys. 130, 134101
    /// (2009), as used to pick training data for neural-network potentials: configurations
    /// with large forces (far from equilibrium, where the potential-energy surface changes
    /// fastest) are kept densely, near-equilibrium ones are thinned.
    ///
    /// The run is cut into blocks of τ_max = `maxInterval` steps. At the first step of each
    /// block the force magnitude F of the monitored atoms is read (the largest |F_i| over
    /// `atoms`, or over all atoms when `atoms` is nil) and the block's interval is
    ///
    ///     τ = 1            if F > α,
    ///     τ = ⌊α / F⌋      otherwise, capped at τ_max (τ_max when F = 0),
    ///
    /// with α = `threshold` (energy / length). Within the block, steps `blockStart + k τ` are
    /// sampled (k = 0, 1, …): the block's first step, whose forces set τ, is always kept, and
    /// when τ divides τ_max these are exactly the steps that are multiples of τ. Taking the
    /// largest force over several atoms is taking the smallest τ of the per-atom rules, so one
    /// atom (`atoms: [i]`, the paper's choice for a molecule) or several can be monitored.
    /// Monitoring all atoms of a large system, α must lie above the typical largest force
    /// (a few times the rms force), or nearly every step has τ = 1 and is kept.
    case forceBased(threshold: Double, maxInterval: Int, atoms: [Int]? = nil)

    /// The force-based interval of Stende's thesis (J.-A. Stende, *Constructing
    /// high-dimensional neural network potentials for molecular dynamics*, Oslo 2017, §7.1,
    /// eq. 7.2), as the thesis counts it: every step, each monitored atom i gets its own
    ///
    ///     τ_i = 1 if F_i > α_e(i),   τ_i = ⌊α_e(i) / F_i⌋ otherwise (capped at τ_max),
    ///
    /// with F_i = |F_i| and α_e the threshold of atom i's element (`thresholds`, keyed by
    /// element symbol: the thesis's `alpha[itype]`, energy / length), and the step is kept when
    /// `step % τ_i == 0` for any monitored atom (`atoms`, or all atoms when nil). Step 0 is
    /// always kept. Unlike `forceBased`, nothing is fixed for a block of steps: a single
    /// high-force atom at any step keeps that step.
    case perAtomForce(thresholds: [String: Double], maxInterval: Int, atoms: [Int]? = nil)

    /// Checks the parameters (positive interval, finite positive threshold, τ_max ≥ 1,
    /// non-negative atom indices, at least one atom when `atoms` is given).
    public func validate() throws(SamplingError) {
        switch self {
        case .fixedInterval(let interval):
            guard interval >= 1 else { throw SamplingError(reason: "the sampling interval must be at least 1 step, got \(interval)") }
        case .forceBased(let threshold, let maxInterval, let atoms):
            guard threshold.isFinite, threshold > 0 else {
                throw SamplingError(reason: "the force threshold α must be positive, got \(threshold)")
            }
            guard maxInterval >= 1 else { throw SamplingError(reason: "the largest interval τ_max must be at least 1 step, got \(maxInterval)") }
            try Self.validate(atoms: atoms)
        case .perAtomForce(let thresholds, let maxInterval, let atoms):
            guard !thresholds.isEmpty else { throw SamplingError(reason: "the per-atom force rule needs a threshold α for each element") }
            for (symbol, alpha) in thresholds.sorted(by: { $0.key < $1.key }) where !(alpha.isFinite && alpha > 0) {
                throw SamplingError(reason: "the force threshold α of \(symbol) must be positive, got \(alpha)")
            }
            guard maxInterval >= 1 else { throw SamplingError(reason: "the largest interval τ_max must be at least 1 step, got \(maxInterval)") }
            try Self.validate(atoms: atoms)
        }
    }

    private static func validate(atoms: [Int]?) throws(SamplingError) {
        guard let atoms else { return }
        guard !atoms.isEmpty else { throw SamplingError(reason: "the force rule needs at least one monitored atom") }
        if let bad = atoms.first(where: { $0 < 0 }) { throw SamplingError(reason: "atom index \(bad) is negative") }
    }

    /// The monitored atoms, if the rule names them.
    public var monitoredAtoms: [Int]? {
        switch self {
        case .fixedInterval: nil
        case .forceBased(_, _, let atoms), .perAtomForce(_, _, let atoms): atoms
        }
    }

    /// Checks that `configuration` suits the rule: monitored atoms exist, and the per-atom rule
    /// has a threshold for every element present among the monitored atoms.
    public func check(_ configuration: Configuration) throws(SamplingError) {
        if let bad = monitoredAtoms?.first(where: { $0 >= configuration.count }) {
            throw SamplingError(reason: "monitored atom index \(bad) is out of range for \(configuration.count) atoms (indices start at 0)")
        }
        guard case .perAtomForce(let thresholds, _, let atoms) = self else { return }
        for i in atoms ?? Array(0..<configuration.count) {
            let symbol = configuration.elements[configuration.species[i]].symbol
            guard thresholds[symbol] != nil else {
                throw SamplingError(reason: "the per-atom force rule has no threshold α for \(symbol) (atom \(i))")
            }
        }
    }

    /// The interval τ of the force rule for force magnitude `force`: 1 above `threshold`,
    /// ⌊threshold / force⌋ otherwise, never more than `maxInterval`.
    public static func forceInterval(force: Double, threshold: Double, maxInterval: Int) -> Int {
        guard force > 0 else { return maxInterval }
        if force > threshold { return 1 }
        let ratio = (threshold / force).rounded(.down)
        return ratio >= Double(maxInterval) ? maxInterval : max(1, Int(ratio))
    }
}

/// Applies a `SnapshotSelection` step by step: feed it the forces of consecutive steps and it
/// says which to keep. It needs nothing but forces, which every MD step has anyway.
public struct SnapshotSelector: Sendable {
    public let selection: SnapshotSelection
    /// The force rule's current interval τ (nil for a fixed interval, or before the first step).
    public private(set) var interval: Int?
    /// First step of the force rule's current block.
    public private(set) var blockStart: Int?
    /// The per-atom rule's τ_i of the monitored atoms at the last step fed (empty before).
    public internal(set) var atomIntervals: [Int] = []

    public init(_ selection: SnapshotSelection) throws(SamplingError) {
        try selection.validate()
        self.selection = selection
    }

    /// Whether `step` is kept, given the forces at that step; steps should be fed in increasing
    /// order (a step past the current block starts a new one at the last multiple of τ_max).
    /// The per-atom rule needs the atoms' elements: use `select(step:forces:configuration:)`.
    /// - Throws: when a monitored atom index is not below `forces.count`, or for the per-atom rule.
    public mutating func select(step: Int, forces: [SIMD3<Double>]) throws(SamplingError) -> Bool {
        switch selection {
        case .fixedInterval(let n):
            return step % n == 0
        case .perAtomForce:
            throw SamplingError(reason: "the per-atom force rule needs the atoms' elements")
        case .forceBased(let threshold, let maxInterval, let atoms):
            if let blockStart, step >= blockStart, step < blockStart + maxInterval, let interval {
                return (step - blockStart) % interval == 0
            }
            let start = step - step % maxInterval
            let force = try Self.largestForce(forces, atoms: atoms)
            let tau = SnapshotSelection.forceInterval(force: force, threshold: threshold, maxInterval: maxInterval)
            blockStart = start
            interval = tau
            return (step - start) % tau == 0
        }
    }

    /// Whether `step` will be kept, judged before its forces are known: exact for a fixed
    /// interval and inside a force-rule block; true at the first step of a block (always kept);
    /// for the per-atom rule, whether the last step's τ_i would keep it (a guess: the forces move).
    /// Used to ask for energies in the same force call as the step's forces.
    public func willSelect(step: Int) -> Bool {
        switch selection {
        case .fixedInterval(let n):
            return step % n == 0
        case .forceBased(_, let maxInterval, _):
            if let blockStart, let interval, step >= blockStart, step < blockStart + maxInterval {
                return (step - blockStart) % interval == 0
            }
            return true
        case .perAtomForce:
            return step == 0 || atomIntervals.contains { step % $0 == 0 }
        }
    }

    /// The largest force magnitude over `atoms` (all atoms when nil).
    static func largestForce(_ forces: [SIMD3<Double>], atoms: [Int]?) throws(SamplingError) -> Double {
        var largest = 0.0
        if let atoms {
            for i in atoms {
                guard i < forces.count else {
                    throw SamplingError(reason: "monitored atom index \(i) is out of range for \(forces.count) atoms (indices start at 0)")
                }
                largest = max(largest, (forces[i] * forces[i]).sum())
            }
        } else {
            for f in forces { largest = max(largest, (f * f).sum()) }
        }
        return largest.squareRoot()
    }
}

/// An `Observer` that keeps the configurations a `SnapshotSelector` picks as `Frame`s carrying
/// energy, forces and (when the potential has them) per-atom energies.
///
/// Add it with `every: 1`: it asks for nothing beyond forces, so on the steps it does not keep
/// it costs no extra force-field work. To get the kept steps' energies in the same force call,
/// wrap the integrator in `SnapshotIntegrator`; on a kept step whose evaluation lacks them (the
/// first step of a run, or without the wrapper) the collector evaluates the structure once more
/// and counts it in `extraEvaluations`.
///
/// Frames hold positions wrapped into a periodic cell, no velocities, and `info` entries
/// `step` plus whatever `info` the collector was given (e.g. temperature and run), with the
/// same text as `comment` so that n2p2 files keep it.
public final class SnapshotCollector: Observer {
    public let requiredProperties: Properties = []
    /// What a kept frame needs: energy, and per-atom energies when the potential has them.
    public let frameProperties: Properties
    public let calculator: Calculator
    public private(set) var selector: SnapshotSelector
    /// The kept frames, in step order.
    public private(set) var frames: [Frame] = []
    /// Steps (of the simulation) that were kept.
    public private(set) var steps: [Int] = []
    /// Kept steps whose energies needed a separate evaluation.
    public private(set) var extraEvaluations = 0
    /// Extra `info` entries for every frame.
    public let info: [String: String]
    /// The simulation step counted as sampling step 0.
    public let firstStep: Int

    /// - Parameters:
    ///   - selection: which steps to keep.
    ///   - calculator: the simulation's calculator (to learn what the potential provides, and
    ///     for the occasional extra evaluation).
    ///   - firstStep: the simulation step at which sampling starts (steps before are ignored).
    ///   - info: extra `info` for every frame.
    public init(selection: SnapshotSelection, calculator: Calculator, firstStep: Int = 0, info: [String: String] = [:]) throws(SamplingError) {
        selector = try SnapshotSelector(selection)
        self.calculator = calculator
        self.firstStep = firstStep
        self.info = info
        var properties: Properties = [.energy]
        if calculator.potential.implementedProperties.contains(.perAtomEnergies) { properties.insert(.perAtomEnergies) }
        frameProperties = properties
    }

    /// Whether simulation step `step` will be kept (see `SnapshotSelector.willSelect`).
    public func willSelect(step: Int) -> Bool {
        step >= firstStep && selector.willSelect(step: step - firstStep)
    }

    public func observe(_ state: DynamicsState) throws {
        guard state.step >= firstStep,
              try selector.select(step: state.step - firstStep, forces: state.evaluation.forces, configuration: state.configuration)
        else { return }
        var configuration = state.configuration
        var evaluation = state.evaluation
        if !state.evaluatedProperties.isSuperset(of: frameProperties) {
            evaluation = try calculator.evaluate(configuration, frameProperties.union(.forces))
            extraEvaluations += 1
        }
        configuration.velocities = nil
        if configuration.cell.isPeriodic {
            let cell = configuration.cell
            let inverse = cell.spanningVectors.inverse
            for i in 0..<configuration.count {
                configuration.positions[i] += cell.wrappingShift(configuration.positions[i], inverse: inverse)
            }
        }
        var frameInfo = info
        frameInfo["step"] = String(state.step - firstStep)
        let comment = frameInfo.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        frameInfo[N2P2Data.commentKey] = "basin sample " + comment
        var atomProperties: [AtomProperty] = []
        if frameProperties.contains(.perAtomEnergies), evaluation.perAtomEnergies.count == configuration.count {
            atomProperties.append(AtomProperty(name: Frame.atomEnergiesProperty, values: .real(evaluation.perAtomEnergies)))
        }
        frames.append(Frame(
            configuration: configuration, energy: evaluation.energy, forces: evaluation.forces,
            info: frameInfo, atomProperties: atomProperties))
        steps.append(state.step)
    }
}

/// An integrator that runs another one and, on the steps a `SnapshotCollector` will keep, asks
/// for the frame's energies in the same force call, so that sampling costs no extra evaluations.
public struct SnapshotIntegrator: Integrator {
    public private(set) var base: any Integrator
    public let collector: SnapshotCollector

    public init(base: any Integrator, collector: SnapshotCollector) {
        self.base = base
        self.collector = collector
    }

    public var timeStep: Double { base.timeStep }

    public mutating func prepare(for state: DynamicsState) throws(DynamicsError) {
        try base.prepare(for: state)
    }

    public mutating func advance(_ state: inout DynamicsState, calculator: Calculator, properties: Properties) throws(DynamicsError) {
        var properties = properties
        if collector.willSelect(step: state.step + 1) { properties.formUnion(collector.frameProperties) }
        try base.advance(&state, calculator: calculator, properties: properties)
    }
}
