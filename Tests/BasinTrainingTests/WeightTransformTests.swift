import BasinAtoms
import BasinNNP
import BasinOptimize
import BasinPotentials
import BasinTestSupport
import Testing
@testable import BasinTraining

/// Weights carried into a model with other scaling statistics and another energy
/// normalization predict what the model they came from predicts; an energy shift through the
/// output biases moves energies, not forces; the trainer's offset fit centres the energy errors.
@Suite struct WeightTransformTests {
    /// `model` with its statistics and normalization replaced.
    static func renormalized(_ model: NNPModel, seed: UInt64) -> NNPModel {
        var other = SyntheticModel.make(scaling: model.settings.scaling, seed: seed)
        other.settings.normalization = EnergyNormalization(meanEnergy: 0.45, convEnergy: 3.1, convLength: 0.6)
        return other
    }

    static func prediction(_ model: NNPModel, _ configuration: Configuration) throws -> (Double, [SIMD3<Double>]) {
        let result = try Calculator(potential: NeuralNetworkPotential(model: model, units: .metal)).evaluate(configuration, .energyAndForces)
        return (result.energy, result.forces)
    }

    @Test(arguments: [ScalingMode.scaleCenter, .scale, .sigma, .center])
    func reexpressedWeightsPredictTheSame(scaling: ScalingMode) throws {
        let previous = SyntheticModel.make(scaling: scaling, seed: 7)
        var next = Self.renormalized(previous, seed: 8)
        next.parameters = next.reexpressedParameters(of: previous)
        for periodic in [true, false] {
            let configuration = SyntheticModel.structure(periodic: periodic, seed: 5)
            let (e0, f0) = try Self.prediction(previous, configuration)
            let (e1, f1) = try Self.prediction(next, configuration)
            #expect(abs(e1 - e0) <= 1e-9 * max(1, abs(e0)))
            for (a, b) in zip(f0, f1) { #expect(SyntheticModel.length(a - b) <= 1e-9) }
        }
        // The weights read unchanged in the new units predict something else.
        var unchanged = Self.renormalized(previous, seed: 8)
        unchanged.parameters = previous.parameters
        let configuration = SyntheticModel.structure(periodic: true, seed: 5)
        #expect(abs(try Self.prediction(unchanged, configuration).0 - Self.prediction(previous, configuration).0) > 1e-3)
    }

    @Test func energyShiftMovesEveryEnergyPerAtomAndNoForce() throws {
        let model = SyntheticModel.make(seed: 7)
        var shifted = model
        shifted.parameters = model.parameters(model.parameters, shiftingAtomEnergiesBy: 0.37)
        let configuration = SyntheticModel.structure(periodic: true, seed: 5)
        let (e0, f0) = try Self.prediction(model, configuration)
        let (e1, f1) = try Self.prediction(shifted, configuration)
        #expect(abs((e1 - e0) / Double(configuration.count) - 0.37) <= 1e-12)
        for (a, b) in zip(f0, f1) { #expect(SyntheticModel.length(a - b) <= 1e-12) }
    }

    @Test func offsetFitLeavesNoMeanEnergyError() throws {
        for fits in [false, true] {
            var settings = TrainerFixtures.settings(GradientStepperTraining<Adam>(learningRate: 0.01), epochs: 3)
            settings.fitsEnergyOffset = fits
            var trainer = Trainer(model: TrainerFixtures.student, train: TrainerFixtures.train, test: TrainerFixtures.test, settings: settings)
            try trainer.train()
            let mean = trainer.trainLoss.errors(parameters: trainer.state.parameters).energyPerAtomMeanError
            #expect(fits ? abs(mean) <= 1e-12 : abs(mean) > 1e-4)
        }
    }
}
