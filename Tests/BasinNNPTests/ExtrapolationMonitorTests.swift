import BasinAtoms
import BasinDescriptors
import BasinNNP
import BasinPotentials
import BasinTestSupport
import Testing

/// Extrapolation counts against a direct check of every symmetry-function value.
@Suite struct ExtrapolationMonitorTests {
    /// The synthetic model with scaling.data ranges taken from `structure` itself, so that it
    /// is inside them everywhere (its extreme values lie on the ranges' ends).
    static func model(fittedTo structure: Configuration) throws -> NNPModel {
        var model = SyntheticModel.make()
        let values = try symmetryFunctionValues(model, structure)
        model.statistics = model.statistics.indices.map { e in
            model.statistics[e].indices.map { s in
                let column = (0..<structure.count).filter { structure.species[$0] == e }.map { values.values[$0 * values.stride + s] }
                let low = column.min()!, high = column.max()!
                return SymmetryFunctionStatistics(minimum: low, maximum: high, mean: (low + high) / 2, sigma: (high - low) / 4)
            }
        }
        return model
    }

    static func symmetryFunctionValues(_ model: NNPModel, _ c: Configuration) throws -> SymmetryFunctionValues {
        let evaluator = SymmetryFunctionEvaluator(sets: model.settings.symmetryFunctions)
        let neighbors = NeighborList(cutoff: evaluator.cutoffRadius, kind: .full)
        _ = try neighbors.update(for: c)
        return try evaluator.evaluate(c, neighbors: neighbors)
    }

    static func monitoredEvaluation(_ model: NNPModel, _ c: Configuration, limit: Int? = nil) throws -> ExtrapolationSummary {
        let monitor = try #require(ExtrapolationMonitor(model: model, limit: limit, detailLimit: 10_000))
        let calculator = Calculator(potential: NeuralNetworkPotential(model: model, units: .metal, extrapolation: monitor), skin: 0.5)
        monitor.step = 7
        _ = try calculator.evaluate(c, .energyAndForces)
        return monitor.summary
    }

    @Test func theTrainingStructureRaisesNoWarning() throws {
        // Its extreme values sit on the ranges' ends, which n2p2's tolerance accepts.
        let c = SyntheticModel.structure(periodic: true)
        let summary = try Self.monitoredEvaluation(Self.model(fittedTo: c), c)
        #expect(summary.evaluations == 1)
        #expect(summary.warnings == 0)
        #expect(summary.atoms.isEmpty)
    }

    @Test func countsEqualADirectCheckOfEveryValue() throws {
        let reference = SyntheticModel.structure(periodic: true)
        let model = try Self.model(fittedTo: reference)
        var moved = reference
        moved.positions[2] = 0.5 * (moved.positions[2] + moved.positions[0])  // O atom 2 halfway to H atom 0
        let summary = try Self.monitoredEvaluation(model, moved)

        let values = try Self.symmetryFunctionValues(model, moved)
        var perFunction = model.statistics.map { [Int](repeating: 0, count: $0.count) }
        var excess = model.statistics.map { [Double](repeating: 0, count: $0.count) }
        var perAtom = [Int](repeating: 0, count: moved.count)
        var listed: [(atom: Int, function: Int)] = []
        for i in 0..<moved.count {
            let e = moved.species[i]
            for (s, range) in model.statistics[e].enumerated() {
                let g = values.values[i * values.stride + s]
                let outside = g < range.minimum ? range.minimum - g : g - range.maximum
                if outside > 1e-12 {
                    perFunction[e][s] += 1
                    perAtom[i] += 1
                    excess[e][s] = max(excess[e][s], outside)
                    listed.append((i, s + 1))
                }
            }
        }
        #expect(perAtom[2] > 0, "the moved atom is out of range")
        #expect(summary.warnings == perAtom.reduce(0, +))
        #expect(summary.evaluationsWithWarnings == 1)
        #expect(summary.atoms.map(\.atom) == perAtom.indices.filter { perAtom[$0] > 0 })
        #expect(summary.atoms.map(\.warnings) == perAtom.filter { $0 > 0 })
        #expect(summary.first.map(\.atom) == listed.map(\.atom))
        #expect(summary.first.map(\.function) == listed.map(\.function))
        #expect(summary.first.allSatisfy { $0.step == 7 && $0.excess > 0 })
        for (e, element) in summary.elements.enumerated() {
            #expect(element.element == model.settings.elements[e].symbol)
            #expect(element.warnings == perFunction[e].reduce(0, +))
            #expect(element.functions.map(\.function) == perFunction[e].indices.filter { perFunction[e][$0] > 0 }.map { $0 + 1 })
            for f in element.functions {
                #expect(f.warnings == perFunction[e][f.function - 1])
                #expect(abs(f.largestExcess - excess[e][f.function - 1]) <= 1e-15)
            }
        }
    }

    @Test func theLimitNamesTheWarningThatExceedsIt() throws {
        let reference = SyntheticModel.structure(periodic: true)
        var moved = reference
        moved.positions[2] = 0.5 * (moved.positions[2] + moved.positions[0])
        let summary = try Self.monitoredEvaluation(Self.model(fittedTo: reference), moved, limit: 2)
        #expect(summary.warnings > 3)
        #expect(summary.limitExceeded == summary.first[2])
        let text = try #require(summary.limitExceeded?.description)
        #expect(text.hasPrefix("step 7, atom "))
        #expect(text.contains("symmetry function"))
    }

    @Test func keptFramesFlagTheOffendingAtoms() throws {
        let reference = SyntheticModel.structure(periodic: true)
        let model = try Self.model(fittedTo: reference)
        let monitor = try #require(ExtrapolationMonitor(model: model, keepsFrames: true))
        let calculator = Calculator(potential: NeuralNetworkPotential(model: model, units: .metal, extrapolation: monitor), skin: 0.5)
        _ = try calculator.evaluate(reference, .energy)
        var moved = reference
        moved.positions[2] = 0.5 * (moved.positions[2] + moved.positions[0])
        monitor.step = 3
        _ = try calculator.evaluate(moved, .energy)
        let frames = monitor.frames
        #expect(frames.map(\.step) == [3])
        #expect(frames.first?.configuration.positions == moved.positions)
        #expect(frames.first.map { $0.warningsPerAtom.reduce(0, +) } == monitor.summary.warnings)
        monitor.reset()
        #expect(monitor.summary.warnings == 0 && monitor.frames.isEmpty)
    }
}
