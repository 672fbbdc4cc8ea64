import BasinAtoms
import BasinPotentials

/// Hands frames of the trajectory to a sink, e.g. an extxyz writer that the caller connects.
///
/// The sink receives the state at each sampled step: the configuration (with velocities and,
/// unless `wrapsPositions` is false, positions wrapped into the cell as LAMMPS `dump` writes
/// them), the evaluation with `properties` and forces, the step and the time.
public final class TrajectoryRecorder: Observer {
    public let requiredProperties: Properties
    public let wrapsPositions: Bool
    private let sink: (DynamicsState) throws -> Void

    /// - Parameters:
    ///   - properties: what each frame should carry besides forces (energy by default).
    ///   - wrapsPositions: whether frames show positions wrapped into the cell.
    ///   - sink: receives each frame; what it throws ends the run.
    public init(properties: Properties = [.energy], wrapsPositions: Bool = true, sink: @escaping (DynamicsState) throws -> Void) {
        requiredProperties = properties
        self.wrapsPositions = wrapsPositions
        self.sink = sink
    }

    public func observe(_ state: DynamicsState) throws {
        guard wrapsPositions, state.configuration.cell.isPeriodic else { return try sink(state) }
        var frame = state
        let cell = frame.configuration.cell
        let inverse = cell.spanningVectors.inverse
        for i in 0..<frame.atomCount {
            frame.configuration.positions[i] += cell.wrappingShift(frame.configuration.positions[i], inverse: inverse)
        }
        try sink(frame)
    }
}
