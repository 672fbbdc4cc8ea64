import BasinMath
import BasinPotentials
import Foundation

/// Langevin dynamics at constant temperature (NVT) with the BAOAB splitting of Leimkuhler &
/// Matthews (Appl. Math. Res. Express 2013, 34): half kick (B), half drift (A), exact
/// Ornstein–Uhlenbeck velocity update (O), half drift, forces, half kick.
///
/// Each atom feels a friction −(m/τ) v and a matching random force, with τ the damping time of
/// LAMMPS `fix langevin` (the velocity relaxation time; friction γ = 1/τ). The O step is
/// v ← c v + √((1 − c²) k_B T / (m · mvv2e)) ξ with c = exp(−Δt/τ) and ξ standard normal.
/// The random kicks are made to carry zero total momentum (as `fix langevin ... zero yes`,
/// exact for any masses because the projection is orthogonal in mass-weighted coordinates): a
/// zero total momentum stays zero (any other decays by c per step), and the 3N − 3 degrees of
/// freedom of the temperature definition are the ones thermalized.
///
/// The heat the bath puts into the system is the kinetic-energy change of the O steps; the
/// state's `thermostatEnergy` is minus its running sum, so total energy + thermostatEnergy
/// (the "effective energy" of Bussi & Parrinello, Phys. Rev. E 75, 056707 (2007)) is
/// conserved up to the integration error of the deterministic part.
public struct Langevin: Integrator {
    public let timeStep: Double
    /// Bath temperature (temperature units).
    public let temperature: Double
    /// Damping time τ (time units); larger means weaker coupling.
    public let damping: Double
    /// The random stream; a run is reproducible from the generator it starts with.
    public private(set) var generator: SeededGenerator

    private var factors: [Double] = []
    private var noiseScales: [Double] = []
    private var massFractions: [Double] = []
    private var masses: [Double] = []
    private var kicks: [SIMD3<Double>] = []

    /// - Parameters:
    ///   - timeStep: Δt (time units).
    ///   - temperature: bath temperature T ≥ 0 (temperature units).
    ///   - damping: damping time τ > 0 (time units), e.g. 100 Δt.
    ///   - generator: the random stream for the thermal noise.
    public init(timeStep: Double, temperature: Double, damping: Double, generator: SeededGenerator) throws(DynamicsError) {
        try DynamicsError.requirePositive(timeStep, "the time step")
        try DynamicsError.requireNonNegative(temperature, "the temperature")
        try DynamicsError.requirePositive(damping, "the damping time")
        self.timeStep = timeStep
        self.temperature = temperature
        self.damping = damping
        self.generator = generator
    }

    /// exp(−Δt/τ): the fraction of velocity an O step keeps.
    public var velocityRetention: Double { exp(-timeStep / damping) }

    public mutating func prepare(for state: DynamicsState) throws(DynamicsError) {
        let units = state.configuration.units
        let c = velocityRetention
        let kT = units.boltzmann * temperature
        factors = state.accelerationFactors()
        masses = state.configuration.masses
        let totalMass = masses.reduce(0, +)
        massFractions = masses.map { $0 / totalMass }
        noiseScales = masses.map { ((1 - c * c) * kT / ($0 * units.massVelocitySquaredToEnergy)).squareRoot() }
        kicks = Array(repeating: .zero, count: state.atomCount)
    }

    public mutating func advance(_ state: inout DynamicsState, calculator: Calculator, properties: Properties) throws(DynamicsError) {
        let dt = timeStep
        state.kick(by: 0.5 * dt, factors: factors)
        try state.drift(by: 0.5 * dt)
        let heat = thermalize(&state)
        state.thermostatEnergy -= heat
        try state.drift(by: 0.5 * dt)
        try state.evaluate(with: calculator, properties)
        state.kick(by: 0.5 * dt, factors: factors)
        state.tick(dt)
    }

    /// The O step; returns the kinetic energy it added (energy units).
    private mutating func thermalize(_ state: inout DynamicsState) -> Double {
        let c = velocityRetention
        let twiceHeat = kicks.withUnsafeMutableBufferPointer { kick in
            generator.fillNormal(kick)
            return noiseScales.withUnsafeBufferPointer { sigma in
                massFractions.withUnsafeBufferPointer { fraction in
                    masses.withUnsafeBufferPointer { m in
                        state.configuration.velocities!.withUnsafeMutableBufferPointer { v in
                            // The kicks' centre-of-mass velocity, removed so they carry no momentum.
                            var drift = SIMD3<Double>.zero
                            for i in 0..<v.count {
                                kick[i] *= sigma[i]
                                drift += fraction[i] * kick[i]
                            }
                            var twiceHeat = 0.0
                            for i in 0..<v.count {
                                let old = v[i]
                                let new = c * old + (kick[i] - drift)
                                v[i] = new
                                twiceHeat += m[i] * (new * new - old * old).sum()
                            }
                            return twiceHeat
                        }
                    }
                }
            }
        }
        return 0.5 * twiceHeat * state.configuration.units.massVelocitySquaredToEnergy
    }
}
