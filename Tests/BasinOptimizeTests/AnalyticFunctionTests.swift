import BasinOptimize
import Testing

@Suite("Minimizers on analytic functions")
struct AnalyticFunctionTests {
    @Test("Rosenbrock in four dimensions", arguments: MinimizationMethod.allCases)
    func rosenbrock(method: MinimizationMethod) {
        var problem = Rosenbrock(dimension: 4)
        let criteria = StoppingCriteria(maximumForce: 1e-8, maximumSteps: 20_000)
        let result = method.minimizer().minimize(&problem, from: [-1.2, 1, -1.2, 1], until: criteria)
        #expect(result.stopReason == .converged)
        #expect(result.maximumForce < 1e-8)
        for coordinate in result.point { #expect(abs(coordinate - 1) < 1e-7) }
        #expect(result.value < 1e-14)
    }

    @Test("an ill-conditioned quadratic", arguments: MinimizationMethod.allCases)
    func quadratic(method: MinimizationMethod) {
        var problem = Quadratic(curvatures: (0..<20).map { 1 + 99 * Double($0) / 19 })
        let criteria = StoppingCriteria(maximumForce: 1e-10, maximumSteps: 5_000)
        let result = method.minimizer().minimize(&problem, from: [Double](repeating: 0, count: 20), until: criteria)
        #expect(result.stopReason == .converged)
        for coordinate in result.point { #expect(abs(coordinate - 1) < 1e-10) }
    }

    @Test("the gradient leads where changes of the value are below rounding", arguments: MinimizationMethod.allCases)
    func belowRounding(method: MinimizationMethod) {
        // f − f₀ starts near 1e-9, a few units in the last place of f₀ = 10⁶.
        var problem = Quadratic(curvatures: (0..<20).map { 1 + 99 * Double($0) / 19 }, offset: 1e6)
        let start = (0..<20).map { 1 + 1e-6 * Double($0 % 7 - 3) }
        let result = method.minimizer().minimize(&problem, from: start, until: StoppingCriteria(maximumForce: 1e-12, maximumSteps: 5_000))
        #expect(result.stopReason == .converged)
        for coordinate in result.point { #expect(abs(coordinate - 1) <= 1e-12) }
    }

    @Test("a gradient whose square overflows ends the line-search methods cleanly", arguments: [MinimizationMethod.lbfgs, .bfgs, .cg])
    func overflowingSlope(method: MinimizationMethod) {
        // f = 1e200 is finite and so is ∇f = −1e200, but ∇f·∇f = −slope overflows to ∞.
        var problem = Quadratic(curvatures: [1e200, 1e200])
        let result = method.minimizer().minimize(&problem, from: [0, 0], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 100))
        #expect(result.stopReason == .lineSearchFailed)
        #expect(result.point == [0, 0])
    }

    @Test("conjugate gradients with exact line searches end a quadratic in at most n steps")
    func conjugateGradientFiniteTermination() {
        var problem = Quadratic(curvatures: [1, 2, 5, 10, 20])
        let exact = ConjugateGradient(maximumStep: 100, lineSearch: LineSearch(curvature: 1e-3))
        let result = exact.minimize(&problem, from: [0, 0, 0, 0, 0], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 100))
        #expect(result.stopReason == .converged)
        #expect(result.iterations <= 6)
    }

    @Test("the maximum step bounds every step")
    func maximumStep() {
        for method in MinimizationMethod.allCases {
            var problem = Quadratic(curvatures: [1, 1, 1])
            var previous: [Double]?
            var longest = 0.0
            let result = method.minimizer(maximumStep: 0.05).minimize(
                &problem, from: [-3, -3, -3], until: StoppingCriteria(maximumForce: 1e-6, maximumSteps: 1_000)
            ) { progress in
                if let previous {
                    longest = max(longest, zip(progress.point, previous).map { abs($0 - $1) }.max()!)
                }
                previous = progress.point
            }
            #expect(result.converged, "\(method)")
            #expect(longest <= 0.05 * (1 + 1e-12), "\(method)")
            #expect(longest > 0.04, "\(method) should take full-length steps far from the minimum")
        }
    }
}
