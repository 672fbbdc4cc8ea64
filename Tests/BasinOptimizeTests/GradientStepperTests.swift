import BasinOptimize
import Foundation
import Testing

/// A first-order method with learning rates that suit the test functions.
struct StepperCase: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () -> any GradientStepper
    /// Constant rate on the quadratic.
    let quadraticRate: Double
    /// Starting rate on Rosenbrock, multiplied by `rosenbrockDecay` every step.
    let rosenbrockRate: Double
    let rosenbrockDecay: Double
    /// Distance from (1, 1) reached on Rosenbrock within 20 000 steps.
    let rosenbrockTolerance: Double

    var testDescription: String { name }

    static let all: [StepperCase] = [
        StepperCase(name: "SGD", make: { StochasticGradientDescent() }, quadraticRate: 0.1,
                    rosenbrockRate: 1e-3, rosenbrockDecay: 1, rosenbrockTolerance: 1e-3),
        StepperCase(name: "momentum", make: { MomentumDescent() }, quadraticRate: 0.01,
                    rosenbrockRate: 1e-3, rosenbrockDecay: 1, rosenbrockTolerance: 1e-10),
        StepperCase(name: "Nesterov", make: { MomentumDescent(nesterov: true) }, quadraticRate: 0.01,
                    rosenbrockRate: 1e-3, rosenbrockDecay: 1, rosenbrockTolerance: 1e-10),
        StepperCase(name: "Adagrad", make: { Adagrad() }, quadraticRate: 0.3,
                    rosenbrockRate: 0.3, rosenbrockDecay: 1, rosenbrockTolerance: 1e-5),
        StepperCase(name: "Adadelta", make: { Adadelta() }, quadraticRate: 1,
                    rosenbrockRate: 1, rosenbrockDecay: 0.9995, rosenbrockTolerance: 1e-5),
        StepperCase(name: "Adam", make: { Adam() }, quadraticRate: 0.01,
                    rosenbrockRate: 0.1, rosenbrockDecay: 0.9995, rosenbrockTolerance: 1e-10),
        StepperCase(name: "NAdam", make: { NAdam() }, quadraticRate: 0.01,
                    rosenbrockRate: 0.1, rosenbrockDecay: 0.9995, rosenbrockTolerance: 1e-10),
    ]
}

/// The largest |xₖ − 1|.
private func distanceFromOnes(_ x: [Double]) -> Double { x.reduce(0) { max($0, abs($1 - 1)) } }

@Suite("First-order gradient steppers")
struct GradientStepperTests {
    @Test("minimize a quadratic", arguments: StepperCase.all)
    func quadratic(method: StepperCase) {
        var stepper = method.make()
        var problem = Quadratic(curvatures: [1, 2, 5, 10])
        let x = descend(&stepper, on: &problem, from: [0, 0, 0, 0], schedule: ConstantLearningRate(method.quadraticRate), steps: 5_000)
        #expect(distanceFromOnes(x) < 1e-10)
    }

    @Test("minimize Rosenbrock from (−1.2, 1)", arguments: StepperCase.all)
    func rosenbrock(method: StepperCase) {
        var stepper = method.make()
        var problem = Rosenbrock(dimension: 2)
        let schedule = ExponentialDecay(initialLearningRate: method.rosenbrockRate, factor: method.rosenbrockDecay)
        let x = descend(&stepper, on: &problem, from: [-1.2, 1], schedule: schedule, steps: 20_000)
        #expect(distanceFromOnes(x) < method.rosenbrockTolerance)
    }

    @Test("Adam's first two steps match a hand computation")
    func adamByHand() {
        // Step 1: m̂ = g, v̂ = g², so Δw = −η g / (|g| + ε). Step 2: m̂ = (0.09 g₁ + 0.1 g₂) / 0.19,
        // v̂ = (0.000999 g₁² + 0.001 g₂²) / 0.001999.
        var adam = Adam()
        var w = [1.0, 1.0]
        adam.step(&w, gradient: [2, -0.5], learningRate: 0.1)
        #expect(w == [1 - 0.1 * 2 / (2 + 1e-8), 1 + 0.1 * 0.5 / (0.5 + 1e-8)])
        adam.step(&w, gradient: [1, 3], learningRate: 0.1)
        let expected = [0.8067820372085103, 1.0376081316433885]
        for k in 0..<2 { #expect(abs(w[k] - expected[k]) < 1e-15) }
        #expect(adam.stepCount == 2)
        #expect(abs(adam.firstMoment[0] - 0.28) < 1e-15 && abs(adam.secondMoment[0] - 0.004996) < 1e-17)
    }

    @Test("NAdam with β₁ = 0 takes Adam's steps with β₁ = 0")
    func nadamWithoutMomentum() {
        // μₜ = 0 makes NAdam's m̂ = g, as is Adam's with β₁ = 0.
        var nadam = NAdam(beta1: 0), adam = Adam(beta1: 0)
        var a = [0.5, -1.0], b = a
        for gradient in [[1.0, 2.0], [-0.5, 0.25], [3.0, -1.0]] {
            nadam.step(&a, gradient: gradient, learningRate: 0.01)
            adam.step(&b, gradient: gradient, learningRate: 0.01)
        }
        #expect(a == b)
    }

    @Test("a stepper encoded mid-run and decoded continues identically", arguments: StepperCase.all)
    func codableRoundTrip(method: StepperCase) throws {
        var stepper = method.make()
        var problem = Rosenbrock(dimension: 3)
        let start = [-1.2, 1, 0.5]
        let schedule = ConstantLearningRate(1e-4)
        let midway = descend(&stepper, on: &problem, from: start, schedule: schedule, steps: 10)
        var restored = try roundTrip(stepper)
        let continued = descend(&stepper, on: &problem, from: midway, schedule: schedule, steps: 10)
        let resumed = descend(&restored, on: &problem, from: midway, schedule: schedule, steps: 10)
        #expect(continued == resumed)
        #expect(continued != midway)
    }

    /// The stepper after a JSON round trip, as a training checkpoint would store it.
    private func roundTrip<S: GradientStepper>(_ stepper: S) throws -> S {
        try JSONDecoder().decode(S.self, from: JSONEncoder().encode(stepper))
    }

    @Test("the state takes the dimension of the first gradient")
    func stateDimension() {
        var momentum = MomentumDescent(momentum: 0.5)
        #expect(momentum.velocity.isEmpty)
        var w = [0.0, 0, 0]
        momentum.step(&w, gradient: [1, 2, 3], learningRate: 1)
        momentum.step(&w, gradient: [1, 2, 3], learningRate: 1)
        #expect(momentum.velocity == [-1.5, -3, -4.5])
        #expect(w == [-2.5, -5, -7.5])
    }
}
