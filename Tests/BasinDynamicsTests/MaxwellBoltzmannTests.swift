import BasinAtoms
import BasinDynamics
import BasinMath
import Testing

@Suite struct MaxwellBoltzmannTests {
    @Test(arguments: [0.5, 1.44])
    func givesZeroMomentumAndExactlyTheTemperature(temperature: Double) throws {
        let c = try Fixtures.heated(temperature: temperature, seed: 3)
        let state = try DynamicsState(configuration: c)
        #expect(length(state.momentum) < 1e-12)
        #expect(abs(state.temperature - temperature) < 1e-12 * temperature)
    }

    @Test func usesMassesAndUnitsOfTheConfiguration() throws {
        // Two species of argon-like and krypton-like mass in metal units, at 300 K.
        var c = try Lattice.fcc.build(element: try Element(symbol: "Ar"), latticeConstant: 5.26, cells: SIMD3(4, 4, 4))
        for i in stride(from: 0, to: c.count, by: 2) { c.masses[i] = 83.798 }
        var generator = SeededGenerator(seed: 11)
        try MaxwellBoltzmann.assign(to: &c, temperature: 300, generator: &generator)
        let state = try DynamicsState(configuration: c)
        #expect(length(state.momentum) < 1e-10)
        #expect(abs(state.temperature - 300) < 1e-9)
        // Equipartition per species: ⟨m v²⟩ is the same for light and heavy atoms, within noise.
        let v = c.velocities!
        let heavy = stride(from: 0, to: c.count, by: 2).map { c.masses[$0] * dot(v[$0], v[$0]) }.mean
        let light = stride(from: 1, to: c.count, by: 2).map { c.masses[$0] * dot(v[$0], v[$0]) }.mean
        #expect(abs(heavy / light - 1) < 0.2)
    }

    @Test func isReproducibleFromTheSeed() throws {
        let a = try Fixtures.heated(temperature: 1, seed: 42).velocities!
        let b = try Fixtures.heated(temperature: 1, seed: 42).velocities!
        let c = try Fixtures.heated(temperature: 1, seed: 43).velocities!
        #expect(a == b)
        #expect(a != c)
    }

    @Test func componentsAreNormallyDistributed() throws {
        let v = try Fixtures.heated(cells: 6, temperature: 2, seed: 9).velocities!
        let x = v.flatMap { [$0.x, $0.y, $0.z] }
        let variance = x.map { $0 * $0 }.mean
        let kurtosis = x.map { $0 * $0 * $0 * $0 }.mean / (variance * variance)
        // Exactly T (3N − 3)/(3N) per component once the momentum is removed and T fixed.
        #expect(abs(variance - 2 * Double(x.count - 3) / Double(x.count)) < 1e-12)
        #expect(abs(kurtosis - 3) < 0.15)
    }

    @Test func zeroTemperatureIsRestAndOneAtomCannotBeHeated() throws {
        var generator = SeededGenerator(seed: 1)
        let c = try Fixtures.crystal(cells: 2)
        #expect(try MaxwellBoltzmann.velocities(for: c, temperature: 0, generator: &generator).allSatisfy { $0 == .zero })
        let single = Configuration(positions: [.zero], species: [0], elements: [.dummy()], units: .lennardJones)
        #expect(throws: DynamicsError.self) { try MaxwellBoltzmann.velocities(for: single, temperature: 1, generator: &generator) }
        #expect(throws: DynamicsError.self) { try MaxwellBoltzmann.velocities(for: c, temperature: -1, generator: &generator) }
    }
}
