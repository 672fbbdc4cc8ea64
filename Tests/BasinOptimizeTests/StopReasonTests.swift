import BasinAtoms
import BasinOptimize
import BasinPotentials
import Testing

@Suite("Stop reasons and bookkeeping")
struct StopReasonTests {
    let calculator: Calculator

    init() throws {
        calculator = Calculator(potential: try LennardJones(epsilon: 1, sigma: 1, cutoff: nil))
    }

    @Test("a run out of steps reports the step limit, and counts are exact", arguments: MinimizationMethod.allCases)
    func stepLimit(method: MinimizationMethod) throws {
        let cluster = try ClusterFixture(named: "LJ13")
        var problem = Counting(problem: PotentialEnergySurface(
            configuration: cluster.perturbed(by: 0.05, seed: 1), calculator: calculator))
        var reported: [Int] = []
        var lastEvaluations = 0
        let result = try method.minimizer().minimize(
            &problem, from: problem.problem.coordinates, until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 3)
        ) { progress in
            reported.append(progress.iteration)
            lastEvaluations = progress.evaluations
        }
        #expect(result.stopReason == .stepLimit)
        #expect(!result.converged)
        #expect(result.iterations == 3)
        #expect(reported == [0, 1, 2, 3])
        #expect(result.evaluations == problem.evaluations)
        #expect(lastEvaluations == result.evaluations)
        if method == .fire { #expect(result.evaluations == 4) }
    }

    @Test("a run that starts converged takes no step", arguments: MinimizationMethod.allCases)
    func convergedAtStart(method: MinimizationMethod) throws {
        var configuration = try ClusterFixture(named: "LJ13").configuration
        let before = configuration.positions
        let result = try method.minimizer().relax(
            &configuration, calculator: calculator, until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 100))
        #expect(result.stopReason == .converged)
        #expect(result.iterations == 0)
        #expect(result.evaluations == 1)
        #expect(configuration.positions == before)
    }

    @Test("a zero step budget stops at once", arguments: MinimizationMethod.allCases)
    func zeroSteps(method: MinimizationMethod) {
        var problem = Quadratic(curvatures: [1, 2])
        let result = method.minimizer().minimize(&problem, from: [0, 0], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 0))
        #expect(result.stopReason == .stepLimit)
        #expect(result.iterations == 0 && result.evaluations == 1)
        #expect(result.point == [0, 0])
        #expect(result.value == 1.5)
        #expect(result.maximumForce == 2)
    }

    @Test("line searches fail when the gradient contradicts the value", arguments: [MinimizationMethod.lbfgs, .cg])
    func lineSearchFailure(method: MinimizationMethod) {
        var problem = WrongGradient(dimension: 3)
        let result = method.minimizer().minimize(&problem, from: [1, -2, 0.5], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 100))
        #expect(result.stopReason == .lineSearchFailed)
        #expect(result.iterations == 0)
        #expect(result.point == [1, -2, 0.5])
        #expect(result.value == 2.625)
    }

    @Test("a non-finite starting value stops at once", arguments: MinimizationMethod.allCases)
    func nonFiniteStart(method: MinimizationMethod) {
        var problem = Cliff(dimension: 2)
        let result = method.minimizer().minimize(&problem, from: [-2, 0], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 100))
        #expect(result.stopReason == .nonFiniteValue)
        #expect(result.iterations == 0 && result.evaluations == 1)
    }

    @Test("FIRE stops when it steps into an undefined region")
    func fireNonFinite() {
        var problem = Cliff(dimension: 2)
        let result = FIRE().minimize(&problem, from: [0, 0], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 1_000))
        #expect(result.stopReason == .nonFiniteValue)
        #expect(result.iterations > 1)
    }

    @Test("line searches back away from an undefined region", arguments: [MinimizationMethod.lbfgs, .cg])
    func lineSearchNonFinite(method: MinimizationMethod) {
        var problem = Cliff(dimension: 2)
        let result = method.minimizer().minimize(&problem, from: [0, 0], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 1_000))
        #expect(result.stopReason != .nonFiniteValue)
        #expect(result.value.isFinite)
        #expect(result.value < -1.9)
    }
}
