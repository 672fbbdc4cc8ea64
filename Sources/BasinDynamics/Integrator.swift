import BasinPotentials

/// A rule that maps a dynamics state to the state one time step later, in place.
///
/// An integrator asks `calculator` for forces at the new positions, plus whatever else the
/// simulation needs at that step (`properties`), so that energies and virials are computed only
/// on the steps where someone looks at them. Parameters (time step, temperature, damping time)
/// are in the units of the configuration being integrated.
public protocol Integrator {
    /// Time step (time units).
    var timeStep: Double { get }

    /// Fixes what depends on the system (per-atom constants, degrees of freedom, thermostat
    /// masses). `Simulation` calls it once, before the first step.
    mutating func prepare(for state: DynamicsState) throws(DynamicsError)

    /// Advances `state` by one time step: positions, velocities, forces, `step`, `time` and
    /// `thermostatEnergy`. On return `state.evaluation` holds forces and `properties` at the
    /// new positions.
    mutating func advance(_ state: inout DynamicsState, calculator: Calculator, properties: Properties) throws(DynamicsError)
}
