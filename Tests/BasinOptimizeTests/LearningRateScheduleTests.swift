import BasinOptimize
import Foundation
import Testing

@Suite("Learning-rate schedules")
struct LearningRateScheduleTests {
    /// The rates of the first `epochs` epochs with the given losses (zero if none).
    func rates<R: LearningRateSchedule>(_ schedule: R, losses: [Double]) -> [Double] {
        var schedule = schedule
        var result: [Double] = []
        for loss in losses {
            result.append(schedule.learningRate)
            schedule.endEpoch(loss: loss)
        }
        return result
    }

    @Test("constant, step and exponential decay give their formulas")
    func fixedSchedules() {
        let zeros = [Double](repeating: 0, count: 7)
        #expect(rates(ConstantLearningRate(0.01), losses: zeros) == [Double](repeating: 0.01, count: 7))
        #expect(rates(StepDecay(initialLearningRate: 1, factor: 0.5, interval: 3), losses: zeros) == [1, 1, 1, 0.5, 0.5, 0.5, 0.25])
        let exponential = rates(ExponentialDecay(initialLearningRate: 2, factor: 0.9), losses: zeros)
        for (e, rate) in exponential.enumerated() { #expect(abs(rate - 2 * pow(0.9, Double(e))) < 1e-15) }
    }

    @Test("reduce on plateau: patience, factor, minimum and threshold as in PyTorch")
    func plateau() {
        let schedule = ReduceOnPlateau(initialLearningRate: 1, factor: 0.5, patience: 2, minimumLearningRate: 0.2, threshold: 0.01)
        // Epoch 1 improves on 10 by less than 1 %: bad. Three bad epochs in a row (> patience 2)
        // halve the rate after epoch 3; three more after epoch 6; then the minimum 0.2 holds.
        let losses: [Double] = [10, 9.95, 9.99, 9.92, 9.905, 9.91, 9.93, 8, 8, 8, 8, 8, 8, 8]
        #expect(rates(schedule, losses: losses) == [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2])
    }

    @Test("reduce on plateau: absolute threshold and cooldown")
    func plateauCooldown() {
        var schedule = ReduceOnPlateau(
            initialLearningRate: 1, factor: 0.1, patience: 0, threshold: 0.5, thresholdMode: .absolute, cooldown: 2)
        // 5 sets the best; 4.6 is within the absolute threshold: bad, reduce; two cooldown
        // epochs are not counted; then 4.7 is bad again.
        #expect(rates(schedule, losses: [5, 4.6, 4.6, 4.6, 4.7, 4]).map { ($0 * 1e6).rounded() / 1e6 } == [1, 1, 0.1, 0.1, 0.1, 0.01])
        schedule.endEpoch(loss: 3)
        #expect(schedule.bestLoss == 3)
    }

    @Test("a schedule restored from JSON continues identically")
    func codable() throws {
        var schedule = ReduceOnPlateau(initialLearningRate: 0.1, patience: 1)
        for loss in [3.0, 3, 3, 2] { schedule.endEpoch(loss: loss) }
        let restored = try JSONDecoder().decode(ReduceOnPlateau.self, from: JSONEncoder().encode(schedule))
        #expect(restored == schedule)
        let later: [Double] = [2, 2, 2, 1]
        #expect(rates(restored, losses: later) == rates(schedule, losses: later))
    }
}
