import BasinAtoms
import BasinDynamics
import BasinMath
import BasinPotentials

/// Shared systems: the Lennard-Jones fcc crystal and liquid of LAMMPS's `bench/in.lj`
/// (ρ = 0.8442 σ⁻³, cutoff 2.5 σ, shifted), in reduced units.
enum Fixtures {
    static let density = 0.8442

    static func crystal(cells: Int = 4, density: Double = density) throws -> Configuration {
        try Lattice.fcc.build(
            element: .dummy(), latticeConstant: Lattice.fcc.latticeConstant(density: density),
            cells: SIMD3(cells, cells, cells), units: .lennardJones)
    }

    static func calculator(epsilon: Double = 1) throws -> Calculator {
        Calculator(potential: try LennardJones(epsilon: epsilon, sigma: 1, cutoff: 2.5, shift: true), skin: 0.3)
    }

    /// The crystal with Maxwell–Boltzmann velocities at `temperature`.
    static func heated(cells: Int = 4, temperature: Double, seed: UInt64 = 87287) throws -> Configuration {
        var configuration = try crystal(cells: cells)
        var generator = SeededGenerator(seed: seed)
        try MaxwellBoltzmann.assign(to: &configuration, temperature: temperature, generator: &generator)
        return configuration
    }

    /// 256 atoms melted from the crystal at T = 1.44 (600 NVE steps of 0.005 τ); the liquid
    /// settles near T ≈ 0.7.
    static let liquid = Result { () throws -> Configuration in
        let simulation = try Simulation(
            configuration: try heated(temperature: 1.44), calculator: try calculator(),
            integrator: try VelocityVerlet(timeStep: 0.005))
        try simulation.run(steps: 600)
        return simulation.state.configuration
    }

    /// A simulation with a thermodynamic log every `interval` steps.
    static func logged(
        _ configuration: Configuration, _ integrator: any Integrator, every interval: Int, epsilon: Double = 1
    ) throws -> (Simulation, ThermodynamicLog) {
        let simulation = try Simulation(configuration: configuration, calculator: try calculator(epsilon: epsilon), integrator: integrator)
        let log = ThermodynamicLog()
        try simulation.add(log, every: interval)
        return (simulation, log)
    }
}

extension Array where Element == Double {
    var mean: Double { reduce(0, +) / Double(count) }
}
