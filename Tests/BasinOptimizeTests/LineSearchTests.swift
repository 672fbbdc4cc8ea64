@testable import BasinOptimize
import Testing

@Suite("Strong Wolfe line search")
struct LineSearchTests {
    /// Searches along steepest descent from `x` and returns the outcome with φ(0), φ′(0).
    func search<P: Optimizable>(
        _ problem: inout P, from x: [Double], _ lineSearch: LineSearch, initialStep: Double = 1, maximumStep: Double = 100
    ) throws(P.Failure) -> (outcome: LineSearch.Outcome, value: Double, slope: Double, slopeAtStep: Double) {
        var gradient = [Double](repeating: 0, count: x.count)
        let value = try problem.evaluate(at: x, gradient: &gradient)
        let direction = gradient.map { -$0 }
        let slope = gradient.dot(direction)
        var trialPoint = gradient, trialGradient = gradient
        let outcome = try lineSearch.search(
            &problem, from: x, along: direction, value: value, slope: slope, initialStep: initialStep,
            maximumStep: maximumStep, trialPoint: &trialPoint, trialGradient: &trialGradient)
        return (outcome, value, slope, trialGradient.dot(direction))
    }

    @Test("accepted steps satisfy both strong Wolfe conditions", arguments: [0.9, 0.1], [1e-3, 1.0])
    func strongWolfe(curvature: Double, initialStep: Double) {
        var problem = Rosenbrock(dimension: 3)
        let lineSearch = LineSearch(curvature: curvature)
        let (outcome, value, slope, slopeAtStep) = search(&problem, from: [-1.2, 1, 0.5], lineSearch, initialStep: initialStep)
        #expect(outcome.status == .strongWolfe)
        #expect(outcome.value <= value + lineSearch.sufficientDecrease * outcome.step * slope)
        #expect(abs(slopeAtStep) <= curvature * abs(slope))
        #expect(outcome.evaluations <= lineSearch.maximumEvaluations)
    }

    @Test("a step still steeply downhill at the maximum length is taken there")
    func cappedStep() {
        var problem = Quadratic(curvatures: [1, 1])
        let (outcome, _, _, _) = search(&problem, from: [-100, -100], LineSearch(curvature: 0.9), maximumStep: 0.01)
        #expect(outcome.status == .sufficientDecrease)
        #expect(outcome.step == 0.01)
        #expect(outcome.evaluations == 1)
    }

    @Test("no descent along a direction reports no decrease and stays put")
    func noDecrease() {
        var problem = WrongGradient(dimension: 2)
        let (outcome, value, _, _) = search(&problem, from: [1, 1], LineSearch(curvature: 0.9))
        #expect(outcome.status == .noDecrease)
        #expect(outcome.step == 0 && outcome.value == value)
    }
}
