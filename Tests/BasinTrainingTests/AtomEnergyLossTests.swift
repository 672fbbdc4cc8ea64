import BasinIO
import BasinMath
import BasinNNP
import BasinPotentials
import BasinTestSupport
import Foundation
import Testing

@testable import BasinTraining

/// The per-atom energy term γ/(2N_j) Σ_i (Ê_i − E_i)² of the loss.
@Suite struct AtomEnergyLossTests {
    /// The fixture frames with per-atom reference energies (the reference model's, perturbed) on
    /// every structure but the last, as the extxyz property `energies`.
    static func frames() throws -> [Frame] {
        let reference = SyntheticModel.make(seed: 99)
        let calculator = Calculator(potential: NeuralNetworkPotential(model: reference, units: .metal), skin: 0.5)
        var generator = SeededGenerator(seed: 23)
        var frames = try TrainingFixtures.frames()
        for k in frames.indices.dropLast() {
            let result = try calculator.evaluate(frames[k].configuration, [.energy, .perAtomEnergies])
            let energies = result.perAtomEnergies.map { $0 + 0.02 * generator.normal() }
            frames[k].atomProperties.append(AtomProperty(name: "energies", values: .real(energies)))
        }
        return frames
    }

    static func loss(atomEnergyWeight: Double = 2, forceWeight: Double = 1.5, energyWeight: Double = 1) throws -> Loss {
        let structures = try Dataset.structures(from: frames(), file: "synthetic", settings: TrainingFixtures.model.settings)
        return Loss(
            model: TrainingFixtures.model, structures: structures, energyWeight: energyWeight, forceWeight: forceWeight,
            atomEnergyWeight: atomEnergyWeight)
    }

    @Test func theDatasetKeepsPerAtomEnergies() throws {
        let structures = try Dataset.structures(from: Self.frames(), file: "synthetic", settings: TrainingFixtures.model.settings)
        #expect(structures.dropLast().allSatisfy { $0.atomEnergies?.count == $0.count })
        #expect(structures.last?.atomEnergies == nil)
        var bad = try Self.frames()
        bad[0].atomProperties = [AtomProperty(name: "energies", values: .string(Array(repeating: "x", count: bad[0].configuration.count)))]
        #expect(throws: TrainingError.self) {
            try Dataset.structures(from: bad, file: "bad.xyz", settings: TrainingFixtures.model.settings)
        }
    }

    @Test func valueIsTheDefinition() throws {
        let loss = try Self.loss()
        var expected = 0.0
        for (s, p) in zip(loss.structures, loss.predictions()) {
            guard let reference = s.atomEnergies else { continue }
            expected += 0.5 * 2 / Double(s.count) * zip(p.atomEnergies, reference).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        }
        let value = loss.value()
        #expect(expected > 0)
        #expect(abs(value.atomEnergies - expected) <= 1e-13 * expected)
        var without = loss
        without.atomEnergyWeight = 0
        #expect(abs(value.total - without.value().total - expected) <= 1e-12 * value.total)
        let errors = loss.errors()
        #expect(errors.atomEnergyCount == loss.structures.dropLast().reduce(0) { $0 + $1.count })
        #expect(errors.atomEnergyRMSE > 0 && errors.atomEnergyMAE <= errors.atomEnergyRMSE)
    }

    @Test(arguments: [(1.0, 0.0), (0.0, 1.0), (3.0, 1.5)])
    func gradientMatchesFiniteDifferences(atomEnergyWeight: Double, forceWeight: Double) throws {
        let loss = try Self.loss(atomEnergyWeight: atomEnergyWeight, forceWeight: forceWeight)
        let error = LossTests.gradientError(loss)
        #expect(error < 1e-6, "relative gradient error \(error)")
    }

    @Test func residualsCoverTheTermAndTheJacobianIsExact() throws {
        let loss = try Self.loss()
        let w = loss.model.parameters, p = w.count
        var half = 0.0, jtr = [Double](repeating: 0, count: p)
        for j in loss.structures.indices {
            let (r, jac) = loss.residualsAndJacobian(structure: j)
            let n = loss.structures[j].count
            #expect(r.count == loss.residualCount(structure: j))
            #expect(r.count == 1 + 3 * n + (loss.structures[j].atomEnergies == nil ? 0 : n))
            #expect(jac.count == r.count * p)
            half += 0.5 * r.reduce(0) { $0 + $1 * $1 }
            for (row, rr) in r.enumerated() { for q in 0..<p { jtr[q] += jac[row * p + q] * rr } }
        }
        let (value, gradient) = loss.valueAndGradient()
        #expect(abs(half - value.total) <= 1e-13 * value.total)
        let scale = gradient.map(abs).max()!
        for (a, b) in zip(jtr, gradient) { #expect(abs(a - b) <= 1e-12 * scale) }
        // The per-atom rows of structure 0 against central differences.
        let worst = LossTests.jacobianError(loss, structure: 0, firstRow: 1 + 3 * loss.structures[0].count)
        #expect(worst < 1e-7, "Jacobian error \(worst)")
        // The stacked residual problem has the per-atom rows too.
        let stacked = TrainingResiduals(loss: loss)
        #expect(stacked.residualCount == loss.structures.indices.reduce(0) { $0 + loss.residualCount(structure: $1) })
    }
}
