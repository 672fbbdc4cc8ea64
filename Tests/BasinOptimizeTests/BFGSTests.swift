import BasinOptimize
import Testing

@Suite("BFGS")
struct BFGSTests {
    @Test("Rosenbrock from (−1.2, 1) in few iterations, at L-BFGS's minimum")
    func rosenbrock() {
        let criteria = StoppingCriteria(maximumForce: 1e-10, maximumSteps: 200)
        var problem = Rosenbrock(dimension: 2)
        let result = BFGS(maximumStep: 10).minimize(&problem, from: [-1.2, 1], until: criteria)
        #expect(result.stopReason == .converged)
        #expect(result.iterations <= 45)  // 37 here; Nocedal & Wright report 34 (§6.1)
        let reference = LBFGS(maximumStep: 10).minimize(&problem, from: [-1.2, 1], until: criteria)
        for (a, b) in zip(result.point, reference.point) { #expect(abs(a - b) < 1e-9 && abs(a - 1) < 1e-9) }
    }

    @Test("four-dimensional Rosenbrock and an ill-conditioned quadratic with the default step")
    func defaults() {
        var rosenbrock = Rosenbrock(dimension: 4)
        let curved = BFGS().minimize(&rosenbrock, from: [-1.2, 1, -1.2, 1], until: StoppingCriteria(maximumForce: 1e-8, maximumSteps: 1_000))
        #expect(curved.converged)
        for coordinate in curved.point { #expect(abs(coordinate - 1) < 1e-7) }
        var quadratic = Quadratic(curvatures: (0..<20).map { 1 + 99 * Double($0) / 19 })
        let flat = BFGS(maximumStep: 100).minimize(
            &quadratic, from: [Double](repeating: 0, count: 20), until: StoppingCriteria(maximumForce: 1e-10, maximumSteps: 1_000))
        #expect(flat.converged)
        for coordinate in flat.point { #expect(abs(coordinate - 1) < 1e-10) }
    }

    @Test("counts and observer calls follow the other minimizers")
    func bookkeeping() {
        var problem = Counting(problem: Rosenbrock(dimension: 3))
        var reported: [Int] = []
        let result = BFGS().minimize(&problem, from: [-1.2, 1, 0.5], until: StoppingCriteria(maximumForce: 1e-8, maximumSteps: 3)) {
            reported.append($0.iteration)
        }
        #expect(result.stopReason == .stepLimit)
        #expect(reported == [0, 1, 2, 3])
        #expect(result.evaluations == problem.evaluations)
    }

    @Test("a gradient that contradicts the value makes the line search fail")
    func lineSearchFailure() {
        var problem = WrongGradient(dimension: 3)
        let result = BFGS().minimize(&problem, from: [1, -2, 0.5], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 100))
        #expect(result.stopReason == .lineSearchFailed)
        #expect(result.point == [1, -2, 0.5])
    }
}
