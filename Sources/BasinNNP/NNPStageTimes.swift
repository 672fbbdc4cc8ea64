import BasinMath

/// Time an evaluation of `NeuralNetworkPotential` spends in each stage, summed over evaluations
/// since the last `reset` (seconds, `ClockReading`): symmetry-function values, the atomic
/// networks with their input gradients, and forces (derivatives of the functions contracted
/// with ∂E/∂G, force and virial assembly). For benchmarks (`basin eval --timing`).
///
/// The stages alternate atom by atom, so each is timed per atom by the wall clock, and each
/// evaluating thread's processor time is shared out among the stages in proportion to those
/// laps: a stage's processor time (`thread` and `process` alike) is its share summed over the
/// threads (plus, for forces, the rest of the evaluation's process time); its wall time is the
/// evaluation's wall time shared out in proportion to the stages' summed wall laps. The time
/// outside the stages (collecting neighbors, gathering forces, summing energies) counts as forces.
public final class NNPStageTimes: @unchecked Sendable {
    public private(set) var descriptors = ClockReading()
    public private(set) var networks = ClockReading()
    public private(set) var forces = ClockReading()

    public init() {}

    public func reset() {
        (descriptors, networks, forces) = (ClockReading(), ClockReading(), ClockReading())
    }

    /// Adds one evaluation: `parts` holds each part's values, weights (networks) and forces
    /// stage times, `total` the whole evaluation's.
    func add(_ parts: UnsafeBufferPointer<ClockReading>, total: ClockReading) {
        var stages = [ClockReading](repeating: ClockReading(), count: 3)
        for (index, time) in parts.enumerated() { stages[index % 3] = stages[index % 3] + time }
        let laps = stages.reduce(0) { $0 + $1.wall }, processor = stages.reduce(0) { $0 + $1.thread }
        // What no atom's laps cover (set-up, gathering forces), by the process's clock.
        let rest = max(0, total.process - processor)
        for s in 0..<3 {
            let share = laps > 0 ? stages[s].wall / laps : 1.0 / 3
            stages[s] = ClockReading(wall: share * total.wall, thread: stages[s].thread, process: stages[s].thread)
        }
        stages[2].thread += rest
        stages[2].process += rest
        descriptors = descriptors + stages[0]
        networks = networks + stages[1]
        forces = forces + stages[2]
    }
}
