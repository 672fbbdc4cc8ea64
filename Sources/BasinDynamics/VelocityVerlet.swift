import BasinPotentials

/// Velocity Verlet integration at constant energy (NVE), as LAMMPS `fix nve`:
/// v ← v + ½Δt a; x ← x + Δt v; forces at the new x; v ← v + ½Δt a.
///
/// Symplectic and time-reversible (Swope, Andersen, Berens & Wilson, J. Chem. Phys. 76, 637
/// (1982)): the energy error stays bounded, of order Δt², instead of drifting.
public struct VelocityVerlet: Integrator {
    public let timeStep: Double
    private var factors: [Double] = []

    /// - Parameter timeStep: Δt in time units (ps in metal units, τ in reduced units).
    public init(timeStep: Double) throws(DynamicsError) {
        try DynamicsError.requirePositive(timeStep, "the time step")
        self.timeStep = timeStep
    }

    public mutating func prepare(for state: DynamicsState) throws(DynamicsError) {
        factors = state.accelerationFactors()
    }

    public mutating func advance(_ state: inout DynamicsState, calculator: Calculator, properties: Properties) throws(DynamicsError) {
        let dt = timeStep
        try state.kickAndDrift(kick: 0.5 * dt, drift: dt, factors: factors)
        try state.evaluate(with: calculator, properties)
        state.kick(by: 0.5 * dt, factors: factors)
        state.tick(dt)
    }
}
