import BasinMath
import Foundation
@testable import BasinOptimize
import Testing

/// rᵢ = a e^(−λ tᵢ) + c − yᵢ over parameters (a, λ, c).
struct ExponentialDecayFit: ResidualProblem {
    let times: [Double]
    let observations: [Double]

    var dimension: Int { 3 }
    var residualCount: Int { times.count }

    func residuals(at w: [Double], into residuals: inout [Double]) {
        for i in times.indices { residuals[i] = w[0] * exp(-w[1] * times[i]) + w[2] - observations[i] }
    }

    func jacobian(at w: [Double], into jacobian: inout DenseMatrix) {
        for i in times.indices {
            let decay = exp(-w[1] * times[i])
            jacobian[i, 0] = decay
            jacobian[i, 1] = -w[0] * times[i] * decay
            jacobian[i, 2] = 1
        }
    }
}

/// Rosenbrock's function as residuals r = (10 (y − x²), 1 − x): ½|r|² is half of it.
struct RosenbrockResiduals: ResidualProblem {
    var dimension: Int { 2 }
    var residualCount: Int { 2 }

    func residuals(at w: [Double], into residuals: inout [Double]) {
        residuals[0] = 10 * (w[1] - w[0] * w[0])
        residuals[1] = 1 - w[0]
    }

    func jacobian(at w: [Double], into jacobian: inout DenseMatrix) {
        jacobian.storage = [-20 * w[0], 10, -1, 0]
    }
}

@Suite("Levenberg–Marquardt")
struct LevenbergMarquardtTests {
    let criteria = StoppingCriteria(maximumForce: 1e-14, maximumSteps: 200)

    @Test("an exact exponential decay is fitted to machine precision", arguments: LevenbergMarquardt.Damping.allCases)
    func exponentialDecay(damping: LevenbergMarquardt.Damping) {
        let times = (0..<20).map { 0.25 * Double($0) }
        var problem = ExponentialDecayFit(times: times, observations: times.map { 3 * exp(-1.3 * $0) + 0.5 })
        let result = LevenbergMarquardt(damping: damping).minimize(&problem, from: [1, 0.5, 0], until: criteria)
        #expect(result.converged, "\(result.stopReason)")
        for (value, truth) in zip(result.point, [3, 1.3, 0.5]) { #expect(abs(value - truth) < 1e-12) }
        #expect(result.cost < 1e-26)
        #expect(result.iterations < 50)
    }

    @Test("Rosenbrock as residuals from (−1.2, 1)", arguments: LevenbergMarquardt.Damping.allCases)
    func rosenbrock(damping: LevenbergMarquardt.Damping) {
        var problem = RosenbrockResiduals()
        let result = LevenbergMarquardt(damping: damping).minimize(&problem, from: [-1.2, 1], until: criteria)
        #expect(result.converged, "\(result.stopReason)")
        for value in result.point { #expect(abs(value - 1) < 1e-14) }
        #expect(result.jacobianEvaluations == result.iterations + 1)
        #expect(result.residualEvaluations >= result.iterations + 1)
    }

    @Test("noisy data: the fit ends at a stationary point of the cost")
    func noisyData() {
        var generator = SeededGenerator(seed: 5)
        let times = (0..<40).map { 0.1 * Double($0) }
        let observations = times.map { 2 * exp(-0.7 * $0) + 0.1 + 0.01 * generator.normal() }
        var problem = ExponentialDecayFit(times: times, observations: observations)
        let result = LevenbergMarquardt().minimize(&problem, from: [1, 1, 0], until: StoppingCriteria(maximumForce: 1e-12, maximumSteps: 200))
        #expect(result.converged, "\(result.stopReason)")
        #expect(result.gradientNorm < 1e-10)
        #expect(abs(result.point[0] - 2) < 0.05 && abs(result.point[1] - 0.7) < 0.05 && abs(result.point[2] - 0.1) < 0.05)
        #expect(result.cost > 0)
    }

    @Test("the step limit and the starting point")
    func stopping() {
        var problem = RosenbrockResiduals()
        let limited = LevenbergMarquardt().minimize(&problem, from: [-1.2, 1], until: StoppingCriteria(maximumForce: 1e-14, maximumSteps: 2))
        #expect(limited.stopReason == .stepLimit && limited.iterations == 2)
        let atMinimum = LevenbergMarquardt().minimize(&problem, from: [1, 1], until: criteria)
        #expect(atMinimum.stopReason == .converged && atMinimum.iterations == 0 && atMinimum.residualEvaluations == 1)
    }

    @Test("Cholesky solves a positive definite system and rejects an indefinite one")
    func cholesky() {
        var a = DenseMatrix(rows: 3, columns: 3)
        a.storage = [4, 2, -2, 2, 10, 2, -2, 2, 6]
        var b = [4.0, 14, 6]  // A (1, 1, 1)ᵀ
        let factorized = a.choleskyFactorize()
        #expect(factorized)
        a.choleskySolve(&b)
        for value in b { #expect(abs(value - 1) < 1e-15) }
        var indefinite = DenseMatrix(rows: 2, columns: 2)
        indefinite.storage = [1, 2, 2, 1]
        let indefiniteFactorized = indefinite.choleskyFactorize()
        #expect(!indefiniteFactorized)
    }
}
