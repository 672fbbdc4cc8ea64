import BasinAtoms
import BasinOptimize
import BasinPotentials
import Testing

@Suite("Potential energy surface")
struct PotentialEnergySurfaceTests {
    let calculator: Calculator

    init() throws {
        calculator = Calculator(potential: try LennardJones(epsilon: 1, sigma: 1, cutoff: nil))
    }

    @Test("value and gradient are the energy and minus the forces")
    func energyAndGradient() throws {
        let configuration = try ClusterFixture(named: "LJ7").perturbed(by: 0.05, seed: 7)
        var surface = PotentialEnergySurface(configuration: configuration, calculator: calculator)
        #expect(surface.dimension == 21)
        let x = surface.coordinates
        var gradient = [Double](repeating: 0, count: 21)
        let value = try surface.evaluate(at: x, gradient: &gradient)
        let reference = try calculator.evaluate(configuration)
        #expect(value == reference.energy)
        for (i, force) in reference.forces.enumerated() {
            #expect(gradient[3 * i] == -force.x && gradient[3 * i + 1] == -force.y && gradient[3 * i + 2] == -force.z)
        }
        #expect(surface.norm(gradient) == reference.maximumForce)
    }

    @Test("the gradient matches central differences of the value")
    func finiteDifferences() throws {
        let configuration = try ClusterFixture(named: "LJ7").perturbed(by: 0.05, seed: 8)
        var surface = PotentialEnergySurface(configuration: configuration, calculator: calculator)
        let x = surface.coordinates
        var gradient = [Double](repeating: 0, count: x.count), scratch = gradient
        _ = try surface.evaluate(at: x, gradient: &gradient)
        let h = 1e-5
        for k in x.indices {
            var plus = x, minus = x
            plus[k] += h
            minus[k] -= h
            let difference = (try surface.evaluate(at: plus, gradient: &scratch) - surface.evaluate(at: minus, gradient: &scratch)) / (2 * h)
            #expect(abs(difference - gradient[k]) < 1e-6)
        }
    }

    @Test("the norm is the largest per-atom length")
    func perAtomNorm() throws {
        let surface = PotentialEnergySurface(configuration: try ClusterFixture(named: "LJ7").configuration, calculator: calculator)
        var vector = [Double](repeating: 0, count: 21)
        vector[3] = 3
        vector[4] = -4
        vector[20] = 4.5
        #expect(surface.norm(vector) == 5)
    }

    @Test("a point maps back to a configuration with only the positions changed")
    func configurationAtPoint() throws {
        let configuration = try ClusterFixture(named: "LJ7").configuration
        let surface = PotentialEnergySurface(configuration: configuration, calculator: calculator)
        var x = surface.coordinates
        x[5] += 0.25
        let moved = surface.configuration(at: x)
        #expect(moved.positions[1].z == configuration.positions[1].z + 0.25)
        #expect(moved.positions[0] == configuration.positions[0])
        #expect(moved.symbols == configuration.symbols && moved.units == .lennardJones)
    }
}
