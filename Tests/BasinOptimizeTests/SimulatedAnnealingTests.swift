import BasinMath
import BasinOptimize
import Foundation
import Testing

/// Γ(x) = 10 (x² − 4)² + 20 x: a local minimum Γ ≈ 39.4 at x ≈ 1.94 and the global one
/// Γ ≈ −40.6 at x ≈ −2.06, behind a barrier of about 120 at x ≈ 0.
private func doubleWell(_ x: Double) -> Double { 10 * (x * x - 4) * (x * x - 4) + 20 * x }

/// ∇-free loss of a 1-D state.
private func doubleWellLoss(_ w: [Double]) -> Double { doubleWell(w[0]) }

/// The double well along x₀ plus a harmonic x₁².
private func doubleWellPlane(_ w: [Double]) -> Double { doubleWell(w[0]) + w[1] * w[1] }

/// The double well as an `Optimizable`, for a local minimizer.
private struct DoubleWell: Optimizable {
    var dimension: Int { 1 }

    func evaluate(at x: [Double], gradient: inout [Double]) -> Double {
        gradient[0] = 40 * x[0] * (x[0] * x[0] - 4) + 20
        return doubleWell(x[0])
    }
}

@Suite("Simulated annealing")
struct SimulatedAnnealingTests {
    @Test("from the local well it finds the global minimum where a local minimizer stays put")
    func globalMinimum() {
        var local = DoubleWell()
        let descent = LBFGS().minimize(&local, from: [2], until: StoppingCriteria(maximumForce: 1e-8, maximumSteps: 100))
        #expect(descent.point[0] > 0 && descent.value > 39)

        let annealing = SimulatedAnnealing()
        var found = 0
        for seed in UInt64(1)...20 {
            var generator = SeededGenerator(seed: seed)
            let result = annealing.minimize(doubleWellLoss, from: [2], generator: &generator)
            if result.point[0] < 0 && result.loss < -40 { found += 1 }
            #expect(result.loss == doubleWellLoss(result.point))
            #expect(result.evaluations == 10_001)
        }
        #expect(found >= 18)
    }

    @Test("moving all parameters at once in two dimensions")
    func allParameters() {
        let annealing = SimulatedAnnealing(move: .all)
        for seed in UInt64(1)...5 {
            var generator = SeededGenerator(seed: seed)
            let result = annealing.minimize(doubleWellPlane, from: [2, 1], generator: &generator)
            #expect(result.point[0] < 0 && result.loss < -39, "seed \(seed)")
        }
    }

    @Test("the same seed gives the same run")
    func reproducible() {
        let annealing = SimulatedAnnealing(steps: 2_000)
        var first = SeededGenerator(seed: 42), second = SeededGenerator(seed: 42), other = SeededGenerator(seed: 43)
        let a = annealing.minimize(doubleWellLoss, from: [2], generator: &first)
        let b = annealing.minimize(doubleWellLoss, from: [2], generator: &second)
        let c = annealing.minimize(doubleWellLoss, from: [2], generator: &other)
        #expect(a.point == b.point && a.finalPoint == b.finalPoint && a.acceptedMoves == b.acceptedMoves)
        #expect(first == second)
        #expect(a.finalPoint != c.finalPoint)
    }

    @Test("progress: the requested number of updates, cooling geometrically to T_min")
    func progress() {
        var reports: [AnnealingProgress] = []
        var generator = SeededGenerator(seed: 3)
        let annealing = SimulatedAnnealing(steps: 1_000, updates: 7)
        let result = annealing.minimize(doubleWellLoss, from: [2], generator: &generator) { reports.append($0) }
        #expect(reports.count == 7)
        #expect(reports.map(\.step) == [142, 285, 428, 571, 714, 857, 1_000])
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.temperature > $1.temperature && $0.bestLoss >= $1.bestLoss })
        let last = try! #require(reports.last)
        #expect(abs(last.temperature - 2.5) < 1e-12)
        // T of move k is T_max (T_min / T_max)^(k / (N − 1)).
        #expect(abs(reports[0].temperature - 2000 * pow(2.5 / 2000, 141.0 / 999)) < 1e-9)
        #expect(last.bestLoss == result.loss && last.loss == result.finalLoss)
        for report in reports {
            #expect((0...1).contains(report.acceptedFraction) && report.improvedFraction <= report.acceptedFraction)
        }
    }

    @Test("temperatures relative to the initial loss scale with Γ₀")
    func relativeTemperature() {
        var reports: [AnnealingProgress] = []
        var generator = SeededGenerator(seed: 4)
        let annealing = SimulatedAnnealing(temperatureScale: .initialLoss, steps: 500, updates: 5)
        _ = annealing.minimize({ 1e-3 * doubleWellLoss($0) }, from: [2], generator: &generator) { reports.append($0) }
        let initialLoss = 1e-3 * doubleWell(2)
        #expect(abs(reports.last!.temperature - initialLoss * 2.5 / 2000) < 1e-15)
    }
}
