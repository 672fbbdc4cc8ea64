import BasinPotentials

/// Something that looks at the simulation every so many steps: a log, a trajectory writer, an
/// analysis. Observers are classes so that their results can be read after the run.
public protocol Observer: AnyObject {
    /// What the calculator must compute on the steps this observer samples, beyond forces
    /// (e.g. `[.energy, .virial]` for a thermodynamic log; empty for structural analyses).
    /// The simulation asks for these only on those steps.
    var requiredProperties: Properties { get }

    /// Looks at the state. `state.evaluation` holds at least `requiredProperties`.
    func observe(_ state: DynamicsState) throws
}
