import BasinAtoms
import BasinMath
import BasinOptimize
import BasinPotentials
import Testing

/// The pieces basin hopping is built from: the all-pairs Lennard-Jones kernel, the quench and
/// the recognition of minima found twice.
@Suite("Basin hopping kernels")
struct BasinHoppingKernelTests {
    func coordinates(_ configuration: Configuration) -> [Double] {
        configuration.positions.flatMap { [$0.x, $0.y, $0.z] }
    }

    @Test("the cluster kernel matches LennardJones through the calculator", arguments: ["LJ7", "LJ13", "LJ38"])
    func kernelMatchesCalculator(name: String) throws {
        let configuration = try ClusterFixture(named: name).perturbed(by: 0.05, seed: 2)
        let epsilon = 1.3, sigma = 0.9
        var scaled = configuration
        for i in scaled.positions.indices { scaled.positions[i] *= sigma }
        let reference = try Calculator(potential: LennardJones(epsilon: epsilon, sigma: sigma, cutoff: nil)).evaluate(scaled)
        var kernel = ClusterLennardJones(atomCount: configuration.count, epsilon: epsilon, sigma: sigma)
        var gradient = [Double](repeating: .nan, count: kernel.dimension)
        let energy = kernel.evaluate(at: coordinates(scaled), gradient: &gradient)
        #expect(abs(energy - reference.energy) < 1e-11 * abs(reference.energy))
        for (i, force) in reference.forces.enumerated() {
            let g = SIMD3(gradient[3 * i], gradient[3 * i + 1], gradient[3 * i + 2])
            #expect(((g + force) * (g + force)).sum().squareRoot() < 1e-10)
        }
    }

    @Test("the published LJ38 minimum has the published energy and no force")
    func publishedMinimum() throws {
        let cluster = try ClusterFixture(named: "LJ38")
        var kernel = ClusterLennardJones(atomCount: 38)
        var gradient = [Double](repeating: 0, count: kernel.dimension)
        let energy = kernel.evaluate(at: coordinates(cluster.configuration), gradient: &gradient)
        #expect(abs(energy - cluster.energy) < 1e-6)
        #expect(kernel.norm(gradient) < 1e-6)
    }

    @Test("the quench L-BFGS relaxes perturbed minima back", arguments: ["LJ13", "LJ38"])
    func quench(name: String) throws {
        let cluster = try ClusterFixture(named: name)
        var kernel = ClusterLennardJones(atomCount: cluster.configuration.count)
        let start = coordinates(cluster.perturbed(by: 0.05, seed: 9))
        let result = BasinHoppingLBFGS().minimize(&kernel, from: start, until: StoppingCriteria(maximumForce: 1e-7, maximumSteps: 2000))
        #expect(result.converged)
        #expect(result.maximumForce < 1e-7)
        #expect(abs(result.value - cluster.energy) < 1e-6)
        // About one evaluation per iteration, the point of this variant.
        #expect(result.evaluations < result.iterations + result.iterations / 5 + 5)
    }

    @Test("the quench L-BFGS minimizes the Rosenbrock function")
    func rosenbrock() {
        var problem = Rosenbrock(dimension: 6)
        let start = [-1.2, 1, -1.2, 1, -1.2, 1]
        let result = BasinHoppingLBFGS(maximumStep: 0.5, initialScale: 1e-3)
            .minimize(&problem, from: start, until: StoppingCriteria(maximumForce: 1e-8, maximumSteps: 5000))
        #expect(result.converged)
        #expect(result.point.allSatisfy { abs($0 - 1) < 1e-6 })
    }

    @Test("a minimum moved, rotated and relabelled is recognised; a different one is not")
    func recognition() throws {
        let cluster = try ClusterFixture(named: "LJ13")
        let positions = cluster.configuration.positions
        let (c, s) = (0.6, 0.8)
        let moved = positions.reversed().map { p in SIMD3(c * p.x - s * p.y, s * p.x + c * p.y, p.z) + SIMD3(3, -1, 2) }
        var minima = BasinHoppingMinima()
        #expect(minima.record(energy: cluster.energy, positions: positions, step: 0) == (true, 1))
        #expect(minima.record(energy: cluster.energy + 1e-8, positions: Array(moved), step: 4) == (false, 2))
        var distorted = positions
        distorted[0] += SIMD3(0.05, 0, 0)
        #expect(minima.record(energy: cluster.energy, positions: distorted, step: 5) == (true, 1))
        #expect(minima.record(energy: cluster.energy + 1, positions: positions, step: 6) == (true, 1))
        #expect(minima.record(energy: cluster.energy - 1, positions: positions, step: 7) == (true, 1))
        #expect(minima.count == 4)
        #expect(minima.minima.map(\.firstStep) == [7, 0, 5, 6] || minima.minima.map(\.firstStep) == [7, 5, 0, 6])
        #expect(minima.lowest?.energy == cluster.energy - 1)
    }
}
