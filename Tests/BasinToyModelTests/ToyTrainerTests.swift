import BasinMath
import BasinOptimize
import Testing
@testable import BasinToyModel

@Suite struct ToyTrainerTests {
    /// A small database and its descriptors, shared by the tests.
    static let data: (ToyDatabase, [[Double]], ProximityDescriptor) = {
        let settings = try! DatabaseSettings(
            widthStart: 4, widthEnd: 4, widthCount: 1, pointsPerWidth: 300, particleCount: 3, relaxation: Relaxation(epochs: 20),
            keptFraction: 0.8, seed: 2)
        let database = try! DatabaseGenerator.generate(settings, threads: 2)
        let descriptor = try! ProximityDescriptor(orders: [-2, -3], cutoff: 8)
        let rows = descriptor.values(of: database.records.map { try! $0.structure(dimension: 2) }, threads: 2)
        return (database, rows, descriptor)
    }()

    @Test(arguments: [(NetworkTraining.Optimizer.adam, NetworkTraining.Loss.mae, [Int]()), (.rmsprop, .mse, [6])])
    func trainingBeatsTheMeanAndIsReproducible(_ optimizer: NetworkTraining.Optimizer, _ loss: NetworkTraining.Loss, _ hidden: [Int]) throws {
        let (database, rows, descriptor) = Self.data
        let training = try NetworkTraining(hiddenLayers: hidden, loss: loss, optimizer: optimizer, learningRate: 0.01, epochs: 15, batchSize: 16)
        let energies = database.records.map(\.energyPerParticle)
        let outcome = try ToyTrainer.train(rows: rows, energies: energies, descriptor: descriptor, settings: database.settings, training: training)
        #expect(outcome.trainingCount + outcome.validationCount == database.records.count)
        #expect(outcome.validationCount == Int((0.2 * Double(database.records.count)).rounded()))
        #expect(outcome.validationMAE < 0.7 * outcome.meanPredictorMAE)
        #expect(outcome.history.count == 15)
        #expect(outcome.validationMAE == outcome.history.map(\.validationMAE).min()!)
        let again = try ToyTrainer.train(rows: rows, energies: energies, descriptor: descriptor, settings: database.settings, training: training)
        #expect(again == outcome)
    }

    @Test func rmspropStepsMatchAHandComputation() {
        var rms = RMSProp()
        var w = [1.0, -2.0]
        rms.step(&w, gradient: [2, -0.5], learningRate: 0.1)
        // v = 0.1 g², so Δw = −0.1 g / (√0.1 |g| + ε).
        let first = [1 - 0.1 * 2 / ((0.4).squareRoot() + 1e-8), -2 + 0.1 * 0.5 / ((0.025).squareRoot() + 1e-8)]
        for k in 0..<2 { #expect(abs(w[k] - first[k]) < 1e-15) }
        rms.step(&w, gradient: [1, 3], learningRate: 0.1)
        let v = [0.9 * 0.4 + 0.1, 0.9 * 0.025 + 0.9]
        #expect(abs(rms.meanSquare[0] - v[0]) < 1e-15 && abs(rms.meanSquare[1] - v[1]) < 1e-15)
        #expect(abs(w[0] - (first[0] - 0.1 / (v[0].squareRoot() + 1e-8))) < 1e-15)
    }

    @Test func dragSlopesMatchTheEnergyAndPredictionsAreContinuous() throws {
        let (database, rows, descriptor) = Self.data
        let training = try NetworkTraining(hiddenLayers: [4], learningRate: 0.01, epochs: 3)
        let outcome = try ToyTrainer.train(
            rows: rows, energies: database.records.map(\.energyPerParticle), descriptor: descriptor, settings: database.settings, training: training)
        let structure = try database.records[0].structure(dimension: 2)
        let points = try DragTest.run(structure, particle: 1, axis: 1, steps: 400, network: outcome.network)
        #expect(points.count == 401 && points.first!.position == 0 && points.last!.position == 4)
        // The true slope is the derivative of the true energy along the path (trapezoid rule).
        var integrated = 0.0
        for k in 1..<points.count {
            integrated += 0.5 * (points[k].trueSlope + points[k - 1].trueSlope) * (points[k].position - points[k - 1].position)
        }
        let scale = points.map { abs($0.trueEnergy) }.max()!
        #expect(abs(integrated - (points.last!.trueEnergy - points.first!.trueEnergy)) < 0.02 * scale)
        // Periodicity: the ends of the path are the same structure.
        #expect(abs(points.first!.trueEnergy - points.last!.trueEnergy) < 1e-12 * scale)
        for (a, b) in zip(points.first!.eigenvalues, points.last!.eigenvalues) { #expect(abs(a - b) <= 1e-9 * max(1, abs(a))) }
        #expect(throws: ToyModelError.self) { try DragTest.run(structure, particle: 5, axis: 0, steps: 10, network: outcome.network) }
        #expect(throws: ToyModelError.self) { try DragTest.run(structure, particle: 0, axis: 2, steps: 10, network: outcome.network) }
    }
}
