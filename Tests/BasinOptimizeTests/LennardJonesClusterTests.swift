import BasinAtoms
import BasinMath
import BasinOptimize
import BasinPotentials
import Testing

@Suite("Minimizers on Lennard-Jones clusters")
struct LennardJonesClusterTests {
    let calculator: Calculator

    init() throws {
        calculator = Calculator(potential: try LennardJones(epsilon: 1, sigma: 1, cutoff: nil))
    }

    @Test("perturbed global minima relax back to the published energy",
          arguments: MinimizationMethod.allCases, ["LJ7", "LJ13", "LJ38"])
    func globalMinimum(method: MinimizationMethod, name: String) throws {
        let cluster = try ClusterFixture(named: name)
        var configuration = cluster.perturbed(by: 0.03, seed: 38)
        let threshold = 1e-6
        let result = try method.minimizer().relax(
            &configuration, calculator: calculator, until: StoppingCriteria(maximumForce: threshold, maximumSteps: 5_000))
        #expect(result.stopReason == .converged)
        #expect(result.maximumForce < threshold)
        #expect(abs(result.value - cluster.energy) < 1e-6)
        // The result describes the configuration left behind.
        let check = try calculator.evaluate(configuration)
        #expect(abs(check.energy - result.value) < 1e-12)
        #expect(abs(check.maximumForce - result.maximumForce) < 1e-12)
    }

    @Test("a random cluster relaxes to a local minimum", arguments: MinimizationMethod.allCases)
    func randomCluster(method: MinimizationMethod) throws {
        var generator = SeededGenerator(seed: 20)
        var configuration = try RandomStructures.cluster(count: 20, radius: 2.2, minimumDistance: 0.95, generator: &generator)
        let start = try calculator.evaluate(configuration).energy
        let threshold = 1e-6
        let result = try method.minimizer().relax(
            &configuration, calculator: calculator, until: StoppingCriteria(maximumForce: threshold, maximumSteps: 5_000))
        #expect(result.stopReason == .converged)
        #expect(result.value < start)
        let hessian = try #require(try calculator.evaluate(configuration, [.hessian]).hessian)
        let eigenvalues = symmetricEigenvalues(hessian)
        // Six zero modes (translations and rotations), shifted only by the residual force;
        // every other curvature positive.
        #expect(eigenvalues[0] > -1e-4)
        #expect(eigenvalues[6] > 1e-3)
    }
}
