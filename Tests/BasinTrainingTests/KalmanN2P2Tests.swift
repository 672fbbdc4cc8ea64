import BasinNNP
import Foundation
import Testing
import BasinTestSupport
@testable import BasinTraining

/// n2p2's Kalman training pieces against hand computations: the data-set normalization, the
/// measurements in normalized units, the update plan and the candidate selection.
@Suite struct KalmanN2P2Tests {
    typealias F = TrainerFixtures

    @Test func normalizationIsN2P2sReferenceMode() throws {
        let data = try TrainingFixtures.dataset()
        let n = try #require(data.n2p2Normalization)
        let e = data.structures.map { $0.energy / Double($0.count) }
        let mean = e.reduce(0, +) / Double(e.count)
        let sigmaE = (e.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(e.count - 1)).squareRoot()
        let f = data.structures.flatMap { $0.forces.flatMap { [$0.x, $0.y, $0.z] } }
        let meanF = f.reduce(0, +) / Double(f.count)
        let sigmaF = (f.map { ($0 - meanF) * ($0 - meanF) }.reduce(0, +) / Double(f.count - 1)).squareRoot()
        #expect(abs(n.meanEnergy - mean) < 1e-14)
        #expect(abs(n.convEnergy * sigmaE - 1) < 1e-12)
        #expect(abs(n.convLength - sigmaF / sigmaE) < 1e-12 * n.convLength)
    }

    /// ξ and H are the physical ones times conv_energy (energies, total not per atom) or
    /// conv_energy/conv_length (forces); H checked against central differences.
    @Test func measurementsAreInNormalizedUnits() {
        var model = F.student
        model.settings.normalization = EnergyNormalization(meanEnergy: -0.3, convEnergy: 0.8, convLength: 1.7)
        let loss = Loss(model: model, structures: F.train)
        let w = model.parameters, j = 1, c = 7
        let prediction = loss.predictions(parameters: w)[j], structure = F.train[j]
        let energy = loss.energyMeasurement(structure: j, parameters: w)
        #expect(abs(energy.error - 0.8 * (structure.energy - prediction.energy)) < 1e-12 * max(1, abs(energy.error)))
        let force = loss.forceMeasurement(structure: j, component: c, parameters: w)
        let reference = structure.forces[c / 3][c % 3], predicted = prediction.forces[c / 3][c % 3]
        #expect(abs(force.error - 0.8 / 1.7 * (reference - predicted)) < 1e-12)
        let h = 1e-6
        for i in [0, 5, w.count / 2, w.count - 1] {
            var plus = w, minus = w
            plus[i] += h
            minus[i] -= h
            let up = loss.predictions(parameters: plus)[j], down = loss.predictions(parameters: minus)[j]
            let dE = 0.8 * (up.energy - down.energy) / (2 * h)
            let dF = 0.8 / 1.7 * (up.forces[c / 3][c % 3] - down.forces[c / 3][c % 3]) / (2 * h)
            #expect(abs(energy.jacobian[i] - dE) < 1e-6 * max(1, abs(dE)), "energy row, weight \(i)")
            #expect(abs(force.jacobian[i] - dF) < 1e-6 * max(1, abs(dF)), "force row, weight \(i)")
        }
    }

    @Test func updatePlanIsN2P2s() {
        // n2p2's H2O example: 18 training structures, 0.0041 of their force components.
        let atoms = [192, 192, 192, 192, 192, 192, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 96, 96]  // 1,824 atoms
        let kalman = KalmanTraining(energyFraction: 1, forceFraction: 0.0041)
        let components = 3 * atoms.reduce(0, +)
        #expect(components == 5472)
        let plan = kalman.updatesPerEpoch(atomCounts: atoms, energyWeight: 1, forceWeight: 10)
        #expect(plan.energy == 18 && plan.force == 22)  // ⌊5472 · 0.0041⌋ = ⌊22.44⌋
        #expect(kalman.updatesPerEpoch(atomCounts: atoms, energyWeight: 0, forceWeight: 10).energy == 0)
        #expect(KalmanSchedule.updates(patterns: 100, fraction: 0.5, batch: 3) == 16)
        // Force updates listed first, then energy updates, then permuted (here: reversed).
        let order = KalmanSchedule.order(energies: 2, forces: 3) { Array((0..<$0).reversed()) }
        #expect(order == [false, false, true, true, true])
        #expect(KalmanSchedule.order(energies: 0, forces: 3) { _ in [] } == [true, true, true])
    }

    @Test func thresholdSelectionTakesTheFirstAboveOrTheLastTried() {
        // Error fractions of candidates 0…5; threshold 1, three trials.
        let fractions = [0.5, 0.9, 1.5, 0.2, 0.1, 0.3]
        var queue = KalmanSchedule.Queue(Array(0..<6))
        var asked: [Int] = []
        let fraction = { (k: Int) -> Double in asked.append(k); return fractions[k] }
        // 0 and 1 are below; 2 is the third and last trial, taken whatever its error.
        #expect(queue.select(threshold: 1, trials: 3, fraction: fraction) == 2)
        #expect(asked == [0, 1])
        // 3, 4, 5 are all below: the last one tried is taken (its fraction is not needed).
        asked = []
        #expect(queue.select(threshold: 1, trials: 3, fraction: fraction) == 5)
        #expect(asked == [3, 4])
        // The queue wraps around; without a threshold the next candidate is taken.
        #expect(queue.select(threshold: nil, trials: 3, fraction: fraction) == 0)
        #expect(queue.select(threshold: 1, trials: 1, fraction: fraction) == 1)
    }

    /// A lean checkpoint (the end of a run without a checkpoint interval) has no state file;
    /// resuming it restarts the filter.
    @Test func aLeanCheckpointLeavesTheCovarianceOut() throws {
        let settings = F.settings(KalmanTraining(forceFraction: 0.25, forceBatch: 2), epochs: 2)
        var trainer = Trainer(model: F.student, train: F.train, test: F.test, settings: settings)
        try trainer.train()
        let directory = try ScratchDirectory.make("basin-lean")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("checkpoint.json")
        try trainer.state.write(to: url)
        #expect(FileManager.default.fileExists(atPath: TrainingCheckpoint.stateURL(for: url).path))
        try trainer.state.write(to: url, largeState: false)
        #expect(!FileManager.default.fileExists(atPath: TrainingCheckpoint.stateURL(for: url).path))
        let lean = try TrainingCheckpoint.read(from: url)
        #expect(lean.parameters == trainer.state.parameters && lean.generator == trainer.state.generator)
        let kalman = try #require(lean.updater as? KalmanTraining)
        #expect(kalman.filter == nil && kalman.trainingRMSE != nil)
        var longer = settings
        longer.epochs = 3
        var resumed = Trainer(model: F.student, train: F.train, test: F.test, settings: longer, resumingFrom: lean)
        try resumed.train()
        let filter = try #require((resumed.state.updater as? KalmanTraining)?.filter)
        #expect(resumed.state.epoch == 3 && filter.updates == Int(filter.updatesPerEpoch))
    }
}
