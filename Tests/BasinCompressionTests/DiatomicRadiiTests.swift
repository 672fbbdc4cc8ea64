import BasinMath
import Testing

@testable import BasinCompression

@Suite struct DiatomicRadiiTests {
    @Test func theTwoAtomRadiiMatchThePaper() {
        // Retzlaff, Munson & Di: r₁ < 0.02432 (Rheinboldt), r₂ ≤ 0.06276 (Wang).
        #expect(abs(DiatomicRadii.rheinboldtRadius - 0.02432) < 5e-6)
        #expect(abs(DiatomicRadii.wangRadius - 0.06276) < 5e-6)
    }

    @Test func theGeneralSearchFindsTheWangRadiusForTwoAtoms() throws {
        let problem = ReducedLennardJones(atomCount: 2)
        let minimum = [DiatomicRadii.minimumDistance]
        let factor = try CholeskyFactorization(problem.hessian(minimum))
        let estimate = LipschitzEstimate(problem: problem, minimum: minimum, reference: factor)
        let radius = ConvergenceRadius.search(initial: 0.1, refine: true) { estimate.shortestPath(radius: $0) }
        #expect(abs(radius.radius - DiatomicRadii.wangRadius) < 1e-6)
        #expect(abs(radius.lipschitz - DiatomicRadii.wangLipschitz(radius: radius.trialRadius)) < 1e-6 * radius.lipschitz)
        // Without refinement r₂ = min{r₀, 2/L**(r₀)} is smaller but still valid.
        let single = ConvergenceRadius.search(initial: 0.1, refine: false) { estimate.shortestPath(radius: $0) }
        #expect(single.evaluations == 1)
        #expect(single.radius < radius.radius && single.radius > 0)
    }

    @Test func newtonConvergesFromTheEdgeOfTheBall() {
        let problem = ReducedLennardJones(atomCount: 2)
        let target = [DiatomicRadii.minimumDistance]
        let newton = NewtonIteration(problem: problem, target: target)
        for offset in [-DiatomicRadii.wangRadius, DiatomicRadii.wangRadius] {
            #expect(newton.run(from: [target[0] + 0.999 * offset]).outcome == .converged)
        }
    }
}
