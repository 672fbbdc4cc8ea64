/// Kalman-filter training as n2p2 does it (`updater_type 1`, one task): its settings and
/// carried state. The filter is `KalmanFilter` (memory n(n+1)/2 doubles for the covariance).
///
/// One epoch (`KalmanSchedule`): ⌊S·`short_energy_fraction`/`task_batch_size_energy`⌋ energy
/// updates and ⌊3N·`short_force_fraction`/`task_batch_size_force`⌋ force updates (S training
/// structures, 3N their force components), randomly interleaved. An update sums the errors and
/// Jacobian rows of its batch of candidates (one scalar measurement, n2p2's `jacobian_mode 1`
/// with one task), chosen by `selection_mode`; each candidate is evaluated at the current
/// weights. Errors and rows are in n2p2's normalized units (`Loss.energyMeasurement`,
/// `forceMeasurement`: total energies times conv_energy, forces times
/// conv_energy/conv_length), force updates multiplied by the loss's `force_weight` and energy
/// updates by its `energy_weight` (1 in n2p2, which has no such key; 0 turns energy updates
/// off). The threshold of mode `threshold` is relative to the training RMSE of the last epoch
/// (`observeTrainingErrors`). The L2 and per-atom energy terms of the loss are not used.
public struct KalmanTraining: TrainingUpdater {
    public static let name = "kalman"
    /// n2p2's keyword names, all optional, defaults from n2p2's example input.nn.
    public static let optionKeys = [
        "kalman_type", "kalman_epsilon", "kalman_q0", "kalman_qtau", "kalman_qmin", "kalman_eta", "kalman_etatau",
        "kalman_etamax", "kalman_lambda_short", "kalman_nue_short", "short_energy_fraction", "short_force_fraction",
        "task_batch_size_energy", "task_batch_size_force", "selection_mode", "short_energy_error_threshold",
        "short_force_error_threshold", "rmse_threshold_trials",
    ]
    /// Most weights accepted: the covariance holds weights²/2 numbers (400 MB at the limit).
    public static let maximumWeights = 10_000

    public var filterParameters: KalmanFilter.Parameters
    /// `short_energy_fraction`, `short_force_fraction`: shares of the training patterns used per
    /// epoch, ≥ 0.
    public var energyFraction: Double
    public var forceFraction: Double
    /// `task_batch_size_energy`, `task_batch_size_force`: candidates summed per update, ≥ 1.
    public var energyBatch: Int
    public var forceBatch: Int
    /// `selection_mode`, `short_energy_error_threshold`, `short_force_error_threshold`,
    /// `rmse_threshold_trials`.
    public var selection: KalmanSchedule.SelectionMode
    public var energyThreshold: Double
    public var forceThreshold: Double
    public var trials: Int
    /// The training RMSE of energy per atom and of force components at the last epoch's end.
    public var trainingRMSE: (energy: Double, force: Double)? {
        get { lastRMSE.map { ($0[0], $0[1]) } }
        set { lastRMSE = newValue.map { [$0.energy, $0.force] } }
    }
    var lastRMSE: [Double]?
    /// The filter (nil before the first epoch, or after a lean checkpoint: it is made afresh
    /// then, sized from the model and data).
    public var filter: KalmanFilter?

    public init(
        filterParameters: KalmanFilter.Parameters = KalmanFilter.Parameters(), energyFraction: Double = 1, forceFraction: Double = 0.0041,
        energyBatch: Int = 1, forceBatch: Int = 1, selection: KalmanSchedule.SelectionMode = .threshold,
        energyThreshold: Double = 0, forceThreshold: Double = 1, trials: Int = 3
    ) {
        precondition(energyFraction >= 0 && forceFraction >= 0 && energyBatch >= 1 && forceBatch >= 1 && trials >= 1, "need fractions ≥ 0, batches and trials ≥ 1")
        self.filterParameters = filterParameters
        self.energyFraction = energyFraction
        self.forceFraction = forceFraction
        self.energyBatch = energyBatch
        self.forceBatch = forceBatch
        self.selection = selection
        self.energyThreshold = energyThreshold
        self.forceThreshold = forceThreshold
        self.trials = trials
    }

    public init(options o: TrainingUpdaterOptions) throws(TrainingError) {
        let type: KalmanFilter.FilterType
        switch try o.word("kalman_type") ?? "standard" {
        case "standard", "0": type = .standard
        case "fading-memory", "fading_memory", "1": type = .fadingMemory
        case let other: throw TrainingError(reason: "optimizer.kalman_type: unknown type '\(other)' (standard (0) or fading-memory (1))")
        }
        let defaults = KalmanFilter.Parameters(type: type)
        let epsilon = try o.number("kalman_epsilon") ?? defaults.epsilon, q0 = try o.number("kalman_q0") ?? defaults.q0
        let qtau = try o.number("kalman_qtau") ?? defaults.qtau, qmin = try o.number("kalman_qmin") ?? defaults.qmin
        let eta = try o.number("kalman_eta") ?? defaults.eta
        let etatau = try o.number("kalman_etatau") ?? defaults.etatau!, etamax = try o.number("kalman_etamax") ?? defaults.etamax!
        let lambda = try o.number("kalman_lambda_short") ?? defaults.lambda, nu = try o.number("kalman_nue_short") ?? defaults.nu
        guard epsilon > 0, q0 >= 0, qtau >= 0, qmin >= 0 else {
            throw TrainingError(reason: "optimizer: need kalman_epsilon > 0 and kalman_q0, kalman_qtau, kalman_qmin ≥ 0")
        }
        guard eta > 0, etatau >= 0, etamax > 0 else {
            throw TrainingError(reason: "optimizer: need kalman_eta > 0, kalman_etatau ≥ 0, kalman_etamax > 0")
        }
        guard lambda > 0, lambda <= 1, nu > 0, nu <= 1 else {
            throw TrainingError(reason: "optimizer: need 0 < kalman_lambda_short ≤ 1 and 0 < kalman_nue_short ≤ 1")
        }
        let plain = Self()
        let energyFraction = try o.number("short_energy_fraction") ?? plain.energyFraction
        let forceFraction = try o.number("short_force_fraction") ?? plain.forceFraction
        guard energyFraction >= 0, forceFraction >= 0 else {
            throw TrainingError(reason: "optimizer: short_energy_fraction and short_force_fraction must be ≥ 0")
        }
        let energyBatch = try o.integer("task_batch_size_energy") ?? 1, forceBatch = try o.integer("task_batch_size_force") ?? 1
        guard energyBatch >= 1, forceBatch >= 1 else {
            throw TrainingError(reason: "optimizer: task_batch_size_energy and task_batch_size_force must be at least 1 (0, n2p2's whole training set per update, is not supported)")
        }
        let selection: KalmanSchedule.SelectionMode
        switch try o.word("selection_mode") ?? "threshold" {
        case "random", "0": selection = .random
        case "sort", "1": selection = .sort
        case "threshold", "2": selection = .threshold
        case let other: throw TrainingError(reason: "optimizer.selection_mode: unknown mode '\(other)' (random (0), sort (1) or threshold (2))")
        }
        let energyThreshold = try o.number("short_energy_error_threshold") ?? plain.energyThreshold
        let forceThreshold = try o.number("short_force_error_threshold") ?? plain.forceThreshold
        let trials = try o.integer("rmse_threshold_trials") ?? plain.trials
        guard energyThreshold >= 0, forceThreshold >= 0, trials >= 1 else {
            throw TrainingError(reason: "optimizer: the error thresholds must be ≥ 0 and rmse_threshold_trials at least 1")
        }
        let parameters = KalmanFilter.Parameters(
            type: type, epsilon: epsilon, q0: q0, qtau: qtau, qmin: qmin, eta: eta, etatau: etatau, etamax: etamax, lambda: lambda, nu: nu)
        self.init(
            filterParameters: parameters, energyFraction: energyFraction, forceFraction: forceFraction, energyBatch: energyBatch,
            forceBatch: forceBatch, selection: selection, energyThreshold: energyThreshold, forceThreshold: forceThreshold, trials: trials)
    }

    public func check(_ loss: Loss) throws(TrainingError) {
        if loss.atomEnergyWeight > 0 {
            throw TrainingError(reason: "loss: the Kalman filter updates on energies and forces only; set atom_energy_weight to 0")
        }
        if loss.parameterCount > Self.maximumWeights {
            throw TrainingError(
                reason: "optimizer.name: kalman keeps a covariance of weights²/2 numbers; the model has \(loss.parameterCount) weights, at most \(Self.maximumWeights)")
        }
    }

    /// The covariance's upper triangle (n(n+1)/2 numbers), which a checkpoint keeps in binary.
    public mutating func takeLargeState() -> [LargeStateArray] {
        guard filter != nil else { return [] }
        defer { filter!.settled = [] }
        return [LargeStateArray(name: "covariance", values: filter!.settled)]
    }

    public mutating func dropLargeState() { filter = nil }

    public mutating func restoreLargeState(_ arrays: [String: [Double]]) throws(TrainingError) {
        guard let size = filter?.size else {
            guard arrays.isEmpty else { throw TrainingError(reason: "the checkpoint has a covariance but no Kalman filter") }
            return
        }
        guard let values = arrays["covariance"], values.count == KalmanFilter.triangleCount(size) else {
            throw TrainingError(reason: "the checkpoint's state file lacks the upper triangle of the \(size) × \(size) covariance")
        }
        filter!.settled = values
    }

    public mutating func observeTrainingErrors(_ errors: Loss.Errors) {
        trainingRMSE = (errors.energyPerAtomRMSE, errors.forceRMSE)
    }

    /// Energy and force updates per epoch over structures of the given sizes (each 0 when its
    /// weight is 0).
    public func updatesPerEpoch(atomCounts: [Int], energyWeight: Double, forceWeight: Double) -> (energy: Int, force: Int) {
        let energy = energyWeight > 0 ? KalmanSchedule.updates(patterns: atomCounts.count, fraction: energyFraction, batch: energyBatch) : 0
        let components = 3 * atomCounts.reduce(0, +)
        let force = forceWeight > 0 ? KalmanSchedule.updates(patterns: components, fraction: forceFraction, batch: forceBatch) : 0
        return (energy, force)
    }

    /// One epoch of updates (the schedule above); the filter is made at the first epoch, sized
    /// from the model and the training set.
    public mutating func runEpoch(_ epoch: inout TrainingEpoch) {
        let loss = epoch.loss, p = loss.parameterCount, structures = loss.structures
        let counts = updatesPerEpoch(atomCounts: structures.map(\.count), energyWeight: loss.energyWeight, forceWeight: loss.forceWeight)
        if filter == nil {
            filter = KalmanFilter(size: p, parameters: filterParameters, updatesPerEpoch: Double(max(1, counts.energy + counts.force)))
        }
        // Candidates: structures (energies) and (structure, component) pairs (forces).
        var energies = Array(structures.indices)
        var forces = counts.force > 0 ? structures.indices.flatMap { j in (0..<(3 * structures[j].count)).map { (j, $0) } } : []
        if selection == .sort {
            let deviations = structures.indices.map { loss.deviations(structure: $0, parameters: epoch.parameters) }
            energies.sort { abs(deviations[$0][0]) / Double(structures[$0].count) > abs(deviations[$1][0]) / Double(structures[$1].count) }
            forces.sort { abs(deviations[$0.0][1 + $0.1]) > abs(deviations[$1.0][1 + $1.1]) }
        } else {
            energies = epoch.shuffledOrder(energies.count).map { energies[$0] }
            forces = epoch.shuffledOrder(forces.count).map { forces[$0] }
        }
        var energyQueue = KalmanSchedule.Queue(energies), forceQueue = KalmanSchedule.Queue(forces)
        let order = KalmanSchedule.order(energies: counts.energy, forces: counts.force) { epoch.shuffledOrder($0) }
        let rmse = selection == .threshold ? trainingRMSE : nil
        var jacobian = [Double](repeating: 0, count: p)
        for isForce in order {
            var error = 0.0
            for i in 0..<p { jacobian[i] = 0 }
            let parameters = epoch.parameters
            if isForce {
                for _ in 0..<forceBatch {
                    let (j, c) = forceQueue.select(threshold: rmse.map { _ in forceThreshold }, trials: trials) { candidate in
                        abs(loss.forceDeviation(structure: candidate.0, component: candidate.1, parameters: parameters)) / rmse!.force
                    }
                    let m = loss.forceMeasurement(structure: j, component: c, parameters: parameters)
                    error += m.error
                    for i in 0..<p { jacobian[i] += m.jacobian[i] }
                }
                let w = loss.forceWeight
                error *= w
                for i in 0..<p { jacobian[i] *= w }
            } else {
                for _ in 0..<energyBatch {
                    let j = energyQueue.select(threshold: rmse.map { _ in energyThreshold }, trials: trials) { j in
                        abs(loss.energyDeviation(structure: j, parameters: parameters)) / (Double(structures[j].count) * rmse!.energy)
                    }
                    let m = loss.energyMeasurement(structure: j, parameters: parameters)
                    error += m.error
                    for i in 0..<p { jacobian[i] += m.jacobian[i] }
                }
                let w = loss.energyWeight
                if w != 1 {
                    error *= w
                    for i in 0..<p { jacobian[i] *= w }
                }
            }
            filter!.update(&epoch.parameters, error: [error], jacobian: jacobian)
        }
        filter!.settle()
    }
}
