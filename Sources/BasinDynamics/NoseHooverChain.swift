import BasinPotentials
import Foundation

/// Nosé–Hoover chain dynamics at constant temperature (NVT): Martyna, Klein & Tuckerman,
/// J. Chem. Phys. 97, 2635 (1992), integrated with the Trotter factorization of Martyna,
/// Tuckerman, Tobias & Klein, Mol. Phys. 87, 1117 (1996):
/// chain half step (Δt/2, Suzuki–Yoshida fourth-order weights), velocity Verlet, chain half step.
///
/// The chain has M thermostats with positions ξ_j (dimensionless), velocities v_ξj (1/time) and
/// masses Q_1 = N_dof k_B T τ², Q_j = k_B T τ² (energy · time²), as LAMMPS `fix nvt` chooses them
/// from its damping time `Tdamp` = τ. The extended energy
/// H = KE + PE + Σ_j ½ Q_j v_ξj² + N_dof k_B T ξ_1 + k_B T Σ_{j>1} ξ_j
/// is conserved up to integration error; the state's `thermostatEnergy` holds the chain terms.
/// N_dof = 3N − 3 as in the temperature definition. A system at rest stays at rest: assign
/// velocities first.
public struct NoseHooverChain: Integrator {
    public let timeStep: Double
    /// Target temperature (temperature units).
    public let temperature: Double
    /// Damping time τ (time units): the period of the thermostat's oscillation; LAMMPS
    /// suggests about 100 Δt.
    public let damping: Double
    /// Number of thermostats in the chain, M ≥ 1.
    public let chainLength: Int
    /// ξ_j, dimensionless.
    public private(set) var chainPositions: [Double]
    /// v_ξj (1 / time units).
    public private(set) var chainVelocities: [Double]
    /// Q_j (energy · time²), set by `prepare(for:)`.
    public private(set) var chainMasses: [Double] = []

    private var factors: [Double] = []
    private var kT = 0.0
    private var degreesOfFreedom = 0.0

    /// Suzuki–Yoshida fourth-order weights w₁ = w₃ = 1/(2 − 2^{1/3}), w₂ = 1 − 2w₁.
    private static let weights: [Double] = {
        let w = 1 / (2 - pow(2, 1.0 / 3.0))
        return [w, 1 - 2 * w, w]
    }()

    /// - Parameters:
    ///   - timeStep: Δt (time units).
    ///   - temperature: target temperature T > 0.
    ///   - damping: τ > 0 (time units).
    ///   - chainLength: M, 3 by default as in LAMMPS.
    public init(timeStep: Double, temperature: Double, damping: Double, chainLength: Int = 3) throws(DynamicsError) {
        try DynamicsError.requirePositive(timeStep, "the time step")
        try DynamicsError.requirePositive(temperature, "the temperature")
        try DynamicsError.requirePositive(damping, "the damping time")
        guard chainLength >= 1 else { throw .invalidParameter("the chain needs at least one thermostat, got \(chainLength)") }
        self.timeStep = timeStep
        self.temperature = temperature
        self.damping = damping
        self.chainLength = chainLength
        chainPositions = Array(repeating: 0, count: chainLength)
        chainVelocities = Array(repeating: 0, count: chainLength)
    }

    public mutating func prepare(for state: DynamicsState) throws(DynamicsError) {
        guard state.degreesOfFreedom > 0 else {
            throw .invalidConfiguration("a thermostat needs at least two atoms")
        }
        factors = state.accelerationFactors()
        kT = state.configuration.units.boltzmann * temperature
        degreesOfFreedom = Double(state.degreesOfFreedom)
        let q = kT * damping * damping
        chainMasses = (0..<chainLength).map { $0 == 0 ? degreesOfFreedom * q : q }
    }

    public mutating func advance(_ state: inout DynamicsState, calculator: Calculator, properties: Properties) throws(DynamicsError) {
        let dt = timeStep
        halfStepChain(&state)
        try state.kickAndDrift(kick: 0.5 * dt, drift: dt, factors: factors)
        try state.evaluate(with: calculator, properties)
        state.kick(by: 0.5 * dt, factors: factors)
        halfStepChain(&state)
        state.thermostatEnergy = chainEnergy
        state.tick(dt)
    }

    /// Σ_j ½ Q_j v_ξj² + N_dof k_B T ξ_1 + k_B T Σ_{j>1} ξ_j (energy units).
    public var chainEnergy: Double {
        var energy = degreesOfFreedom * kT * chainPositions[0]
        for j in 0..<chainLength {
            energy += 0.5 * chainMasses[j] * chainVelocities[j] * chainVelocities[j]
            if j > 0 { energy += kT * chainPositions[j] }
        }
        return energy
    }

    /// The force on thermostat j (1/time²), given twice the particles' kinetic energy.
    private func chainForce(_ j: Int, twiceKinetic: Double) -> Double {
        if j == 0 { return (twiceKinetic - degreesOfFreedom * kT) / chainMasses[0] }
        return (chainMasses[j - 1] * chainVelocities[j - 1] * chainVelocities[j - 1] - kT) / chainMasses[j]
    }

    /// Propagates the chain and scales the particle velocities over Δt/2 (MTTK 1996, the
    /// operator exp(iL_NHC Δt/2) with one Suzuki–Yoshida cycle).
    private mutating func halfStepChain(_ state: inout DynamicsState) {
        let last = chainLength - 1
        var twiceKinetic = state.twiceKineticEnergy()
        var scale = 1.0
        for weight in Self.weights {
            let delta = weight * 0.5 * timeStep
            // Chain velocities from the end of the chain to its start.
            chainVelocities[last] += 0.5 * delta * chainForce(last, twiceKinetic: twiceKinetic)
            for j in stride(from: last - 1, through: 0, by: -1) {
                let damp = exp(-0.25 * delta * chainVelocities[j + 1])
                chainVelocities[j] = (chainVelocities[j] * damp + 0.5 * delta * chainForce(j, twiceKinetic: twiceKinetic)) * damp
            }
            // Particle velocities and chain positions.
            let s = exp(-delta * chainVelocities[0])
            scale *= s
            twiceKinetic *= s * s
            for j in 0..<chainLength { chainPositions[j] += delta * chainVelocities[j] }
            // Chain velocities from the start back to the end.
            for j in 0..<last {
                let damp = exp(-0.25 * delta * chainVelocities[j + 1])
                chainVelocities[j] = (chainVelocities[j] * damp + 0.5 * delta * chainForce(j, twiceKinetic: twiceKinetic)) * damp
            }
            chainVelocities[last] += 0.5 * delta * chainForce(last, twiceKinetic: twiceKinetic)
        }
        state.scaleVelocities(by: scale)
    }
}
