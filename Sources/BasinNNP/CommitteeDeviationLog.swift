import Foundation

/// What an `NNPCommittee` records of its spread while drivers use it as a `Potential`: the
/// last evaluation's deviations and the largest seen. The caller sets `step` before each
/// evaluation (MD step, frame, iteration). Safe to share between threads.
public final class CommitteeDeviationLog: @unchecked Sendable {
    /// The spread of one evaluation.
    public struct Record: Sendable, Encodable {
        public var step: Int
        /// Energy deviation per atom (energy units).
        public var energyDeviationPerAtom: Double
        /// Per-atom force deviations σ_i (energy / length); empty without forces.
        public var forceDeviations: [Double]
        /// max_i σ_i, and the atom (0-based) where it is; nil without forces.
        public var maximumForceDeviation: Double?
        public var atom: Int?
    }

    /// The largest spreads over the evaluations so far.
    public struct Summary: Sendable, Encodable {
        public var evaluations = 0
        public var largestEnergyDeviationPerAtom = 0.0
        /// The evaluation with the largest max_i σ_i, without its per-atom list.
        public var largestForceDeviation: Record?
    }

    private let lock = NSLock()
    private var currentStep = 0
    private var lastRecord: Record?
    private var totals = Summary()

    public init() {}

    /// The index the next evaluations are recorded with.
    public var step: Int {
        get { lock.withLock { currentStep } }
        set { lock.withLock { currentStep = newValue } }
    }

    /// The last evaluation's spread.
    public var last: Record? { lock.withLock { lastRecord } }

    public var summary: Summary { lock.withLock { totals } }

    public func reset() {
        lock.withLock {
            lastRecord = nil
            totals = Summary()
        }
    }

    func record(_ evaluation: CommitteeEvaluation) {
        let deviations = evaluation.forceDeviations
        let worst = deviations.indices.max { deviations[$0] < deviations[$1] }
        lock.withLock {
            let record = Record(
                step: currentStep, energyDeviationPerAtom: evaluation.energyDeviationPerAtom, forceDeviations: deviations,
                maximumForceDeviation: worst.map { deviations[$0] }, atom: worst)
            lastRecord = record
            totals.evaluations += 1
            totals.largestEnergyDeviationPerAtom = max(totals.largestEnergyDeviationPerAtom, record.energyDeviationPerAtom)
            if let value = record.maximumForceDeviation, value > (totals.largestForceDeviation?.maximumForceDeviation ?? -1) {
                var stored = record
                stored.forceDeviations = []
                totals.largestForceDeviation = stored
            }
        }
    }
}
