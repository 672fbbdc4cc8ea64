/// Kalman-filter training (n2p2's extended Kalman filter, `KalmanFilter`; memory P² for the
/// covariance): its settings and carried state.
///
/// Schedule of one epoch (a deterministic simplification of n2p2's randomly interleaved
/// energy and force updates, with `short_energy_fraction` 1): the training structures in a
/// seeded shuffled order; for each structure j with N_j atoms
///
/// 1. one energy update: ξ = −r_0, H = ∂r_0/∂w with r_0 = √β (Ê_j − E_j)/N_j (the per-atom
///    energy residual of `Loss.residuals`; skipped when β = 0);
/// 2. then k_j = ⌈`forceFraction` · 3N_j⌉ distinct force components drawn at random (seeded),
///    in groups of `forceGroupSize`, one update per group with ξ = −r_c and H = ∂r_c/∂w,
///    r_c = √(α/(3N_j)) (F̂_c − F_c) (skipped when α = 0 or the fraction is 0).
///
/// Every update linearizes at the current weights (residuals and Jacobian recomputed). The
/// measurements are the `Loss` residuals, so the filter works on Γ's weighting (n2p2 instead
/// multiplies force errors by `force_weight` and does not divide by 3N). The L2 term of the
/// loss is not used: the filter's prior is P₀ = I/ε.
public struct KalmanTraining: TrainingUpdater {
    public static let name = "kalman"
    /// n2p2's keyword names, all optional, defaults from n2p2's example `input.nn`.
    public static let optionKeys = [
        "kalman_type", "kalman_epsilon", "kalman_q0", "kalman_qtau", "kalman_qmin", "kalman_eta", "kalman_etatau",
        "kalman_etamax", "kalman_lambda_short", "kalman_nue_short", "force_fraction", "force_group_size",
    ]
    /// Most weights accepted: the covariance holds weights² numbers (800 MB at the limit).
    public static let maximumWeights = 10_000

    public var filterParameters: KalmanFilter.Parameters
    /// Share of each structure's 3N force components used per epoch (n2p2's
    /// `short_force_fraction` is the same share over the whole training set), in [0, 1].
    public var forceFraction: Double
    /// Force components per update (the measurement size m; 1: scalar updates as n2p2's
    /// serial default).
    public var forceGroupSize: Int
    /// The filter (nil before the first epoch: it is sized from the model and data then).
    public var filter: KalmanFilter?

    public init(filterParameters: KalmanFilter.Parameters = KalmanFilter.Parameters(), forceFraction: Double = 0.1, forceGroupSize: Int = 1) {
        precondition(forceFraction >= 0 && forceFraction <= 1 && forceGroupSize >= 1, "need a force fraction in [0, 1] and groups ≥ 1")
        self.filterParameters = filterParameters
        self.forceFraction = forceFraction
        self.forceGroupSize = forceGroupSize
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
        let fraction = try o.number("force_fraction") ?? 0.1, group = try o.integer("force_group_size") ?? 1
        guard fraction >= 0, fraction <= 1 else { throw TrainingError(reason: "optimizer.force_fraction must lie in [0, 1]") }
        guard group >= 1 else { throw TrainingError(reason: "optimizer.force_group_size must be at least 1") }
        let parameters = KalmanFilter.Parameters(
            type: type, epsilon: epsilon, q0: q0, qtau: qtau, qmin: qmin, eta: eta, etatau: etatau, etamax: etamax, lambda: lambda, nu: nu)
        self.init(filterParameters: parameters, forceFraction: fraction, forceGroupSize: group)
    }

    public func check(_ loss: Loss) throws(TrainingError) {
        if loss.atomEnergyWeight > 0 {
            throw TrainingError(reason: "loss: the Kalman filter updates on energies and forces only; set atom_energy_weight to 0")
        }
        if loss.parameterCount > Self.maximumWeights {
            throw TrainingError(
                reason: "optimizer.name: kalman keeps a covariance of weights² numbers; the model has \(loss.parameterCount) weights, at most \(Self.maximumWeights)")
        }
    }

    /// The covariance P (weights² numbers), which a checkpoint keeps in binary.
    public mutating func takeLargeState() -> [LargeStateArray] {
        guard filter != nil else { return [] }
        defer { filter!.covariance = [] }
        return [LargeStateArray(name: "covariance", values: filter!.covariance)]
    }

    public mutating func restoreLargeState(_ arrays: [String: [Double]]) throws(TrainingError) {
        guard let size = filter?.size else {
            guard arrays.isEmpty else { throw TrainingError(reason: "the checkpoint has a covariance but no Kalman filter") }
            return
        }
        guard let values = arrays["covariance"], values.count == size * size else {
            throw TrainingError(reason: "the checkpoint's state file lacks the \(size) × \(size) covariance")
        }
        filter!.covariance = values
    }

    /// Force components used per epoch for a structure of `atoms` atoms.
    public func forceComponents(atoms: Int) -> Int {
        min(3 * atoms, Int((forceFraction * Double(3 * atoms)).rounded(.up)))
    }

    /// U, the updates of one epoch over structures of the given sizes.
    public func updatesPerEpoch(atomCounts: [Int], energyWeight: Double, forceWeight: Double) -> Int {
        atomCounts.reduce(0) { sum, n in
            let k = forceWeight > 0 ? forceComponents(atoms: n) : 0
            return sum + (energyWeight > 0 ? 1 : 0) + (k + forceGroupSize - 1) / forceGroupSize
        }
    }

    /// One epoch of updates (the schedule above); the filter is made at the first epoch, sized
    /// from the model and the training set.
    public mutating func runEpoch(_ epoch: inout TrainingEpoch) {
        let loss = epoch.loss, p = loss.parameterCount
        let beta = loss.energyWeight, alpha = loss.forceWeight
        var filter = self.filter ?? KalmanFilter(
            size: p, parameters: filterParameters,
            updatesPerEpoch: Double(max(1, updatesPerEpoch(atomCounts: loss.structures.map(\.count), energyWeight: beta, forceWeight: alpha))))
        // The energy row alone: no force rows in the Jacobian.
        var energyLoss = loss
        energyLoss.forceWeight = 0
        for j in epoch.shuffledOrder(loss.structures.count) {
            if beta > 0 {
                let (r, jacobian) = energyLoss.residualsAndJacobian(structure: j, parameters: epoch.parameters)
                filter.update(&epoch.parameters, error: [-r[0]], jacobian: Array(jacobian[0..<p]))
            }
            let components = 3 * loss.structures[j].count
            let k = alpha > 0 ? forceComponents(atoms: loss.structures[j].count) : 0
            guard k > 0 else { continue }
            // k distinct components: the first k of a partial Fisher–Yates shuffle.
            var picks = Array(0..<components)
            for i in 0..<k {
                let other = i + min(components - 1 - i, Int(epoch.generator.uniform() * Double(components - i)))
                picks.swapAt(i, other)
            }
            var start = 0
            while start < k {
                let group = picks[start..<min(start + forceGroupSize, k)]
                let (r, jacobian) = loss.residualsAndJacobian(
                    structure: j, parameters: epoch.parameters, forceComponents: Array(group))
                filter.update(&epoch.parameters, error: group.map { -r[1 + $0] }, jacobian: Array(jacobian[p...]))
                start += forceGroupSize
            }
        }
        self.filter = filter
    }
}
