import BasinAtoms
import BasinDescriptors
import BasinIO
import BasinMath
import BasinNNP
import BasinPotentials
import Foundation
import BasinTestSupport
import Testing
@testable import BasinTraining

/// Reference data from a different random model, perturbed, on periodic and cluster structures.
enum TrainingFixtures {
    static let model = SyntheticModel.make()

    static func configurations() -> [Configuration] {
        var hydrogenOnly = SyntheticModel.structure(periodic: false, seed: 9)
        hydrogenOnly.species = Array(repeating: 0, count: hydrogenOnly.count)
        return [
            SyntheticModel.structure(periodic: true, seed: 3),
            SyntheticModel.structure(periodic: false, seed: 5),
            SyntheticModel.structure(periodic: true, seed: 11),
            hydrogenOnly,
        ]
    }

    static func frames() throws -> [Frame] {
        let reference = SyntheticModel.make(seed: 99)
        let calculator = Calculator(potential: NeuralNetworkPotential(model: reference, units: .metal), skin: 0.5)
        var generator = SeededGenerator(seed: 17)
        return try configurations().map { c in
            let result = try calculator.evaluate(c, .energyAndForces)
            return Frame(
                configuration: c, energy: result.energy + 0.1 * generator.normal(),
                forces: result.forces.map { $0 + 0.05 * generator.normal3() })
        }
    }

    static func dataset() throws -> Dataset {
        Dataset(structures: try Dataset.structures(from: frames(), file: "synthetic", settings: model.settings))
    }
}

@Suite struct LossTests {
    /// Predictions inside the loss are those of NeuralNetworkPotential through a Calculator.
    @Test func predictionsMatchThePotential() throws {
        let data = try TrainingFixtures.dataset()
        let loss = Loss(model: TrainingFixtures.model, structures: data.structures)
        let calculator = Calculator(potential: NeuralNetworkPotential(model: TrainingFixtures.model, units: .metal), skin: 0.5)
        for (structure, prediction) in zip(data.structures, loss.predictions()) {
            let result = try calculator.evaluate(structure.configuration, [.energy, .forces, .perAtomEnergies])
            #expect(abs(prediction.energy - result.energy) <= 1e-12 * max(1, abs(result.energy)))
            for (a, b) in zip(prediction.atomEnergies, result.perAtomEnergies) {
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)))
            }
            let scale = result.forces.map { ($0 * $0).sum().squareRoot() }.max()!
            for (a, b) in zip(prediction.forces, result.forces) {
                #expect(((a - b) * (a - b)).sum().squareRoot() <= 1e-12 * max(1, scale))
            }
        }
    }

    /// Largest |analytic − central difference| / max(|analytic|, 1e-3·‖g‖∞) over every parameter.
    static func gradientError(_ loss: Loss) -> Double {
        let w = loss.model.parameters
        let (_, gradient) = loss.valueAndGradient(parameters: w)
        let scale = gradient.map(abs).max()!
        #expect(scale > 0)
        var worst = 0.0
        for q in w.indices {
            let h = 1e-4 * max(1, abs(w[q]))
            func at(_ d: Double) -> Double {
                var x = w
                x[q] += d
                return loss.value(parameters: x).total
            }
            // Richardson-extrapolated central differences (error O(h⁴)).
            let d1 = (at(h) - at(-h)) / (2 * h), d2 = (at(h / 2) - at(-h / 2)) / h
            let numeric = (4 * d2 - d1) / 3
            worst = max(worst, abs(numeric - gradient[q]) / max(abs(gradient[q]), 1e-3 * scale))
        }
        return worst
    }

    /// Largest |∂r/∂w − central difference| / max |J| over the Jacobian rows from `firstRow` on
    /// of structure j.
    static func jacobianError(_ loss: Loss, structure j: Int, firstRow: Int = 0) -> Double {
        let w = loss.model.parameters, p = w.count
        let (_, jac) = loss.residualsAndJacobian(structure: j)
        let scale = jac.map(abs).max()!
        var worst = 0.0
        for q in 0..<p {
            let h = 1e-5
            var plus = w, minus = w
            plus[q] += h
            minus[q] -= h
            let rp = loss.residuals(structure: j, parameters: plus), rm = loss.residuals(structure: j, parameters: minus)
            for row in firstRow..<rp.count {
                worst = max(worst, abs((rp[row] - rm[row]) / (2 * h) - jac[row * p + q]) / scale)
            }
        }
        return worst
    }

    @Test(arguments: [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (1.0, 3.0, 0.0), (1.0, 3.0, 0.01)])
    func gradientMatchesFiniteDifferences(energyWeight: Double, forceWeight: Double, regularization: Double) throws {
        let data = try TrainingFixtures.dataset()
        let loss = Loss(
            model: TrainingFixtures.model, structures: data.structures, energyWeight: energyWeight,
            forceWeight: forceWeight, regularization: regularization)
        let error = Self.gradientError(loss)
        #expect(error < 1e-6, "relative gradient error \(error)")
    }

    @Test func gradientWithoutScalingOrNormalization() throws {
        let model = SyntheticModel.make(scaling: .none, normalized: false, seed: 4)
        let structures = try Dataset.structures(from: TrainingFixtures.frames(), file: "synthetic", settings: model.settings)
        let error = Self.gradientError(Loss(model: model, structures: Array(structures.prefix(2)), forceWeight: 2))
        #expect(error < 1e-6, "relative gradient error \(error)")
    }

    @Test func valueIsTheDefinition() throws {
        let data = try TrainingFixtures.dataset()
        let loss = Loss(model: TrainingFixtures.model, structures: data.structures, forceWeight: 2.5, regularization: 0.1)
        var expected = 0.0
        for (s, p) in zip(data.structures, loss.predictions()) {
            let n = Double(s.count)
            expected += 0.5 * pow((p.energy - s.energy) / n, 2)
            expected += 0.5 * 2.5 / (3 * n) * zip(p.forces, s.forces).reduce(0) { $0 + (($1.0 - $1.1) * ($1.0 - $1.1)).sum() }
        }
        expected += 0.5 * 0.1 * TrainingFixtures.model.parameters.reduce(0) { $0 + $1 * $1 }
        let value = loss.value().total
        #expect(abs(value - expected) <= 1e-13 * expected)
        #expect(abs(loss.valueAndGradient().value.total - value) <= 1e-15 * value)
    }

    @Test func threadsGiveTheSameResult() throws {
        let data = try TrainingFixtures.dataset()
        let one = Loss(model: TrainingFixtures.model, structures: data.structures, forceWeight: 1.5, regularization: 0.01, threads: 1)
        var two = one
        two.threads = 2
        let (v1, g1) = one.valueAndGradient(), (v2, g2) = two.valueAndGradient()
        #expect(abs(v1.total - v2.total) <= 1e-14 * abs(v1.total))
        let scale = g1.map(abs).max()!
        for (a, b) in zip(g1, g2) { #expect(abs(a - b) <= 1e-14 * max(abs(a), scale)) }
        #expect(one.errors() == two.errors())
    }

    @Test func residualsAndJacobian() throws {
        let data = try TrainingFixtures.dataset()
        let loss = Loss(model: TrainingFixtures.model, structures: data.structures, forceWeight: 2)
        let w = loss.model.parameters, p = w.count
        // ½ Σ r² over structures is Γ, and Σ Jᵀr is its gradient.
        var half = 0.0, jtr = [Double](repeating: 0, count: p)
        for j in data.structures.indices {
            let (r, jac) = loss.residualsAndJacobian(structure: j)
            #expect(r == loss.residuals(structure: j))
            half += 0.5 * r.reduce(0) { $0 + $1 * $1 }
            for (row, rr) in r.enumerated() { for q in 0..<p { jtr[q] += jac[row * p + q] * rr } }
        }
        let (value, gradient) = loss.valueAndGradient()
        #expect(abs(half - value.total) <= 1e-13 * value.total)
        let scale = gradient.map(abs).max()!
        for (a, b) in zip(jtr, gradient) { #expect(abs(a - b) <= 1e-12 * scale) }
        // Every Jacobian entry of the periodic structure against central differences.
        let worst = Self.jacobianError(loss, structure: 0)
        #expect(worst < 1e-7, "Jacobian error \(worst)")
        let (all, jac) = loss.residualsAndJacobian(structure: 0)
        // Selected force rows are the same rows of the full Jacobian, in the order asked, and
        // their residuals (and the energy's) those of the full set.
        let picks = [5, 0, 3 * data.structures[0].count - 1]
        let (selected, some) = loss.residualsAndJacobian(structure: 0, forceComponents: picks)
        #expect(selected.count == all.count && selected[0] == all[0])
        for c in picks { #expect(selected[1 + c] == all[1 + c]) }
        #expect(some.count == (1 + picks.count) * p)
        #expect(Array(some[0..<p]) == Array(jac[0..<p]))
        for (position, c) in picks.enumerated() {
            #expect(Array(some[((1 + position) * p)..<((2 + position) * p)]) == Array(jac[((1 + c) * p)..<((2 + c) * p)]))
        }
    }

    @Test func errorsOfPerfectPredictionsVanish() throws {
        let model = TrainingFixtures.model
        let calculator = Calculator(potential: NeuralNetworkPotential(model: model, units: .metal), skin: 0.5)
        let structures = try TrainingFixtures.configurations().map { c in
            let r = try calculator.evaluate(c, .energyAndForces)
            return try TrainingStructure(configuration: c, energy: r.energy, forces: r.forces, settings: model.settings)
        }
        let errors = Loss(model: model, structures: structures).errors()
        #expect(errors.energyPerAtomRMSE < 1e-13 && errors.forceRMSE < 1e-12)
        #expect(errors.structureCount == 4 && errors.forceComponentCount == 3 * 32)
        let perturbed = try TrainingFixtures.dataset()
        let e = Loss(model: model, structures: perturbed.structures).errors()
        #expect(e.energyPerAtomMAE > 0 && e.energyPerAtomMAE <= e.energyPerAtomRMSE && e.forceMAE <= e.forceRMSE)
    }

    @Test func flatParameterVector() {
        var model = TrainingFixtures.model
        let w = model.parameters
        #expect(w.count == model.parameterCount && model.parameterOffsets == [0, model.networks[0].parameterCount, w.count])
        #expect(Array(w[model.parameterOffsets[1]...]) == model.networks[1].parameters)
        model.parameters = w.map { $0 * 2 }
        #expect(model.networks[1].parameters == TrainingFixtures.model.networks[1].parameters.map { $0 * 2 })
    }
}

@Suite struct DatasetTests {
    @Test func splitIsReproducibleAndDisjoint() throws {
        let base = try TrainingFixtures.dataset()
        var structures: [TrainingStructure] = []
        for k in 0..<5 {
            for var s in base.structures {
                s.name = "s\(k)-\(structures.count)"
                structures.append(s)
            }
        }
        let data = Dataset(structures: structures)
        let (train, test) = data.split(testFraction: 0.25, seed: 42)
        let (train2, test2) = data.split(testFraction: 0.25, seed: 42)
        #expect(test.count == 5 && train.count == 15)
        #expect(train.structures.map(\.name) == train2.structures.map(\.name))
        #expect(test.structures.map(\.name) == test2.structures.map(\.name))
        #expect(Set(train.structures.map(\.name)).isDisjoint(with: test.structures.map(\.name)))
        #expect(Set(train.structures.map(\.name) + test.structures.map(\.name)) == Set(structures.map(\.name)))
        let (_, other) = data.split(testFraction: 0.25, seed: 43)
        #expect(other.structures.map(\.name) != test.structures.map(\.name))
    }

    @Test func scalingStatisticsMatchADirectComputation() throws {
        let data = try TrainingFixtures.dataset()
        let settings = TrainingFixtures.model.settings
        let statistics = data.scalingStatistics(settings: settings)
        #expect(statistics.map(\.count) == settings.symmetryFunctions.map(\.functions.count))
        // G directly from the descriptors, two-pass mean and sample variance.
        let evaluator = SymmetryFunctionEvaluator(sets: settings.symmetryFunctions)
        for (e, element) in settings.elements.enumerated() {
            var samples = [[Double]](repeating: [], count: settings.symmetryFunctions[e].functions.count)
            for c in TrainingFixtures.configurations() {
                let list = NeighborList(cutoff: evaluator.cutoffRadius + 0.3, skin: 0, kind: .full)
                try list.build(for: c)
                let values = try evaluator.evaluate(c, neighbors: list)
                for i in 0..<c.count where c.elements[c.species[i]] == element {
                    for s in samples.indices { samples[s].append(values.values[i * values.stride + s]) }
                }
            }
            for (s, x) in samples.enumerated() {
                let mean = x.reduce(0, +) / Double(x.count)
                let sigma = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
                let got = statistics[e][s]
                #expect(got.minimum == x.min()! && got.maximum == x.max()!)
                #expect(abs(got.mean - mean) <= 1e-13 * max(1, abs(mean)))
                #expect(abs(got.sigma - sigma) <= 1e-12 * max(1e-3, sigma))
            }
        }
    }

    @Test func statistics() throws {
        let data = try TrainingFixtures.dataset()
        let s = data.statistics
        #expect(s.structureCount == 4 && s.atomCount == 32)
        #expect(s.atomsPerElement == ["H": 5 * 3 + 8, "O": 3 * 3])
        let perAtom = data.structures.map { $0.energy / Double($0.count) }
        #expect(s.energyPerAtomMinimum == perAtom.min()! && s.energyPerAtomMaximum == perAtom.max()!)
        #expect(abs(s.energyPerAtomMean - perAtom.reduce(0, +) / 4) < 1e-14)
        let components = data.structures.flatMap { $0.forces.flatMap { [$0.x, $0.y, $0.z] } }
        #expect(s.forceComponentMinimum == components.min()! && s.forceComponentMaximum == components.max()!)
        #expect(abs(s.rmsForce - (components.reduce(0) { $0 + $1 * $1 } / 32).squareRoot()) < 1e-13)
        #expect(abs(data.meanEnergyPerAtom - data.structures.reduce(0) { $0 + $1.energy } / 32) < 1e-14)
    }

    @Test func loadsFilesAndNamesMissingData() throws {
        let directory = try ScratchDirectory.make("basin-training")
        defer { try? FileManager.default.removeItem(at: directory) }
        let frames = try TrainingFixtures.frames()
        let settings = TrainingFixtures.model.settings
        let good = directory.appendingPathComponent("input.data")
        try StructureFile.write(frames, to: good)
        let loaded = try Dataset.load(files: [good], settings: settings)
        #expect(loaded.count == 4)
        for (a, b) in zip(loaded.structures, frames) {
            #expect(abs(a.energy - b.energy!) < 1e-9 && a.count == b.configuration.count)
        }

        var missing = frames
        missing[2].forces = nil
        let bad = directory.appendingPathComponent("bad.xyz")
        try StructureFile.write(missing, to: bad)
        #expect {
            _ = try Dataset.load(files: [good, bad], settings: settings)
        } throws: { error in
            guard let error = error as? TrainingError else { return false }
            return error.file == bad.path && error.frame == 3 && error.description.contains("no forces")
                && error.description.contains("bad.xyz")
        }
        missing = frames
        missing[0].energy = nil
        try StructureFile.write(missing, to: bad)
        #expect {
            _ = try Dataset.load(files: [bad], settings: settings)
        } throws: { error in
            (error as? TrainingError).map { $0.frame == 1 && $0.reason.contains("no energy") } ?? false
        }
    }
}
