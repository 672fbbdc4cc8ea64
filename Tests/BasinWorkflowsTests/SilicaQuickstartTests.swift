import BasinAtoms
import BasinMath
import BasinPotentials
import Foundation
import Testing
import BasinTestSupport
@testable import BasinWorkflows

/// The silica quickstart pipeline, on a tiny configuration.
@Suite struct SilicaQuickstartTests {
    @Test func tinyPipelineWritesEveryFile() throws {
        let directory = try ScratchDirectory.make("basin-silica")
        defer { try? FileManager.default.removeItem(at: directory) }
        var stages: [SilicaQuickstart.Stage] = []
        let settings = SilicaQuickstart.Settings.tiny
        let result = try SilicaQuickstart(settings: settings).run(directory: directory) { p in
            if stages.last != p.stage { stages.append(p.stage) }
        }
        // The structure stage alternates between the reference and the model, once per state point.
        #expect(stages == [
            .melting, .sampling, .symmetryFunctions, .training, .selfSampling, .training, .nve, .glass, .structureReference, .structureModel,
            .structureReference, .structureModel, .report,
        ])
        // 2 temperatures × 3 structures × (20 / 10 + 1) frames, the melt alone at 6000 K, then
        // what the model's own runs at two temperatures gave.
        #expect(result.selfSampling.count == 1)
        let round = result.selfSampling[0]
        #expect(round.steps == [10, 10] && round.added + round.dropped + round.insideCore == 2 * (10 / 5))
        #expect(result.frames == 2 * 3 * 3 + 3 + round.added)
        #expect(result.training.trainStructures + result.training.testStructures == result.frames)
        // Held out from the reference sampling alone: the self-sampled frames all train.
        #expect(result.training.testStructures == Int((settings.training.testFraction * Double(2 * 3 * 3 + 3)).rounded()))
        #expect(result.training.epochs == 2)
        // Per central element: (2 shifted + 1 centred) × 2 neighbor elements + 1 width × 1 ζ × 2 λ × 3 element pairs.
        #expect(result.symmetryFunctionCounts == [12, 12])
        #expect(result.training.testEnergyRMSE.isFinite && result.training.testForceRMSE.isFinite && result.driftMeVPerAtomPerPs.isFinite)
        // Shortest Si–O, O–O and Si–Si distances: bonded, tetrahedron edge, bridged.
        #expect(result.shortestDistances[0] > 1.3 && result.shortestDistances[0] < 1.7)
        #expect(result.shortestDistances[1] > result.shortestDistances[0] && result.shortestDistances[2] > result.shortestDistances[0])
        #expect(result.structures.count == 2)
        for c in result.structures {
            #expect(c.samples == 20 / 5)
            #expect(c.rdfMaxDifferences.count == 3 && c.rdfMaxDifferences.allSatisfy { $0.isFinite && $0 >= 0 })
            #expect(c.meanSiOSi[0] > 90 && c.meanSiOSi[0] <= 180)
            #expect(c.meanOSiO[0] > 90 && c.meanOSiO[0] < 130)
        }
        #expect(result.passes.rdf.count == 2 && result.passes.angle.count == 2)
        #expect(result.glassSiOSi > 90 && result.glassSiOSi <= 180)
        var files = ["data/input.data", "model/input.nn", "model/scaling.data", "model/weights.008.data", "model/weights.014.data", "model/baseline.data",
                     "learning-curve.csv", "learning-curve.svg", "parity.svg", "nve-energy.csv", "report.md"]
        for state in ["glass", "melt"] {
            files += ["structure-\(state).csv", "angles-\(state).csv", "g-of-r-\(state).svg", "bond-angles-\(state).svg"]
        }
        for name in files {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name) missing")
        }
        let rdf = try String(contentsOf: directory.appendingPathComponent("structure-melt.csv"), encoding: .utf8)
        let lines = rdf.split(separator: "\n")
        #expect(lines.count == 1 + settings.rdfBins)
        #expect(lines[0] == "r,g_Si-O_vashishta,g_Si-O_nnp,g_O-O_vashishta,g_O-O_nnp,g_Si-Si_vashishta,g_Si-Si_nnp")
        // The model is networks + Coulomb + Vashishta's steric term + its charge–dipole tail
        // beyond the networks' cutoff, with no core by default.
        let baseline = try String(contentsOf: directory.appendingPathComponent("model/baseline.data"), encoding: .utf8)
        #expect(baseline.contains("coul/dsf 0.0 10.0\n") && baseline.contains("steric O Si 163.859 9.0 10.0\n") && !baseline.contains("\nzbl "))
        #expect(baseline.contains("charge-dipole-tail O O 22.1179 4.43 5.5 10.0\ncharge-dipole-tail O Si 44.2357 4.43 5.5 10.0\n"))
        #expect(!baseline.contains("charge-dipole-tail Si Si"))
        for name in ["baseline-steric.vashishta", "baseline-tail.table"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("model/\(name)").path))
        }
        let report = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("mean Si–O–Si (melt, 4000 K)") && report.contains("test force RMSE"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    /// A configured core ends at each pair's shortest distance and starts `width` below it.
    @Test func theCoreFollowsTheShortestDistances() throws {
        var settings = SilicaQuickstart.Settings.tiny
        let shortest = [SpeciesPair(0, 1): 1.4, SpeciesPair(1, 1): 2.1, SpeciesPair(0, 0): 2.3]
        #expect(try SilicaQuickstart.baseline(settings, shortest: shortest)?.core == nil)
        settings.repulsiveCore = .init(width: 0.3, margin: 0.1)
        let core = try #require(try SilicaQuickstart.baseline(settings, shortest: shortest)?.core)
        for (pair, r) in shortest {
            let switching = try #require(core.switching[SilicaQuickstart.elementPair(pair)])
            #expect(abs(switching.outer - (r - 0.1)) < 1e-12 && abs(switching.inner - (r - 0.4)) < 1e-12)
        }
    }

    @Test func shortestDistancesAreResolvedBySpeciesPair() throws {
        let quartz = try Crystal.quartz.build(cells: SIMD3(2, 2, 2))
        let shortest = try shortestDistances([quartz], below: 3.5)
        // Levien, Prewitt & Weidner (1980): Si–O 1.6038 Å; O–O along the tetrahedron edges from 2.61 Å; Si–Si 3.06 Å.
        #expect(abs(shortest[SpeciesPair(0, 1)]! - 1.6038) < 1e-3)
        #expect(shortest[SpeciesPair(1, 1)]! > 2.55 && shortest[SpeciesPair(1, 1)]! < 2.65)
        #expect(shortest[SpeciesPair(0, 0)]! > 3.0 && shortest[SpeciesPair(0, 0)]! < 3.1)
    }

    @Test func theGlassIsTheMeltAnnealedByTheReference() throws {
        var settings = SilicaQuickstart.Settings.tiny
        settings.glassAnnealingSteps = 200
        let job = SilicaQuickstart(settings: settings)
        let melt = try job.melt { _, _ in }
        let glass = try job.glass(from: melt) { _, _ in }
        #expect(try job.glass(from: melt) { _, _ in }.positions == glass.positions)
        // 0.2 ps at 300 K with the reference take the 6,000 K melt down in energy.
        let reference = job.referenceCalculator
        let energy = { (c: Configuration) in try reference.evaluate(c).energy / Double(c.count) }
        #expect(try energy(glass) < energy(melt) - 0.1)
        settings.glassAnnealingSteps = 0
        #expect(try SilicaQuickstart(settings: settings).glass(from: melt) { _, _ in }.positions == melt.positions)
        // Repeated, the copies melt apart before the quench: no longer translates of each other.
        settings.glassReplicas = SIMD3(2, 1, 1)
        settings.glassMeltingSteps = 20
        let twice = try SilicaQuickstart(settings: settings).glass(from: melt) { _, _ in }
        #expect(twice.count == 2 * melt.count && abs(twice.cell.volume - 2 * melt.cell.volume) < 1e-9)
        let a = twice.cell.vectors[0] / 2
        #expect(melt.positions.indices.allSatisfy { length(twice.positions[$0] + a - twice.positions[melt.count + $0]) > 1e-6 })
    }

    /// With the reference standing in for the model, both runs of each state point are the same
    /// run step by step: they share the start, its velocities and the noise seed. In the melt
    /// the reference's run goes on for `meltReferenceFactor` times the steps.
    @Test func bothPotentialsSampleEachStateFromOneStart() throws {
        var settings = SilicaQuickstart.Settings.tiny
        settings.meltReferenceFactor = 1
        let job = SilicaQuickstart(settings: settings)
        let melt = try job.melt { _, _ in }
        let glass = try job.glass(from: melt) { _, _ in }
        for (state, initial) in zip(SilicaQuickstart.StatePoint.allCases, [glass, melt]) {
            var stages: [SilicaQuickstart.Stage] = []
            let pair = try job.structures(at: state, from: initial, model: SilicaQuickstart.referencePotential) { stage, _, _ in
                if stages.last != stage { stages.append(stage) }
            }
            #expect(stages == [.structureReference, .structureModel])
            let comparison = SilicaStructureComparison(reference: pair.reference, model: pair.model)
            #expect(comparison.samples == 20 / 5 && comparison.referenceSamples == 20 / 5)
            #expect(comparison.rdfMaxDifferences == [0, 0, 0] && comparison.siOSiDifference == 0)
            #expect(pair.reference.rdfs[0].values.contains { $0 > 0 })
        }
        settings.meltReferenceFactor = 3
        let longer = try SilicaQuickstart(settings: settings).structures(at: .melt, from: melt, model: SilicaQuickstart.referencePotential) { _, _, _ in }
        let comparison = SilicaStructureComparison(reference: longer.reference, model: longer.model)
        #expect(comparison.samples == 20 / 5 && comparison.referenceSamples == 3 * 20 / 5)
        #expect(comparison.rdfMaxDifferences.max()! > 0)
    }

    /// Pushes every atom away from the origin with a force 10³⁰ eV/Å² times its position, so
    /// that a run's numbers overflow within a few steps.
    struct Exploding: Potential {
        var cutoff: Double { 1 }
        var neighborListKind: NeighborListKind { .half }
        var implementedProperties: Properties { [.energy, .forces, .virial] }
        var units: UnitSystem { .metal }
        func check(_ configuration: Configuration) throws(PotentialError) {}
        func evaluate(
            _ configuration: Configuration, neighbors: NeighborList, properties: Properties, into result: inout Evaluation, workspace: Workspace
        ) {
            result.energy = configuration.positions.reduce(0) { $0 - 0.5e30 * ($1 * $1).sum() }
            result.forces = configuration.positions.map { 1e30 * $0 }
            result.virial = configuration.positions.reduce(Matrix3.zero) { $0 + Matrix3.outer($1, 1e30 * $1) }
        }
    }

    /// A model whose NVE run blows up fails the drift (the step is kept) instead of ending the
    /// job; the reference's run gives a drift.
    @Test func anUnstableNVERunIsAFailedCheck() throws {
        let job = SilicaQuickstart(settings: .tiny)
        let melt = try job.melt { _, _ in }
        var step: Int?
        #expect(try job.nve(of: Exploding(), from: melt, progress: { _, _ in }, unstableAt: &step) == nil)
        #expect(step != nil && step! > 0)
        var none: Int?
        let drift = try job.nve(of: SilicaQuickstart.referencePotential, from: melt, progress: { _, _ in }, unstableAt: &none)
        #expect(none == nil && drift?.meVPerAtomPerPs.isFinite == true)
    }

    /// Self-sampling keeps the model's own states: not the start, the melt every run begins
    /// from, and none with a pair inside the repulsive core.
    @Test func selfSamplingLeavesOutTheStartAndFramesInsideTheCore() throws {
        let job = SilicaQuickstart(settings: .tiny)
        let melt = try job.melt { _, _ in }
        let model = SilicaQuickstart.referencePotential
        let open = try job.selfSample(model: model, melt: melt, round: 1, coreCutoffs: nil) { _, _ in }
        // Two temperatures, 10 steps each, every 5th step after the start.
        #expect(open.summary.insideCore == 0 && open.summary.added + open.summary.dropped == 2 * (10 / 5))
        #expect(open.frames.count == open.summary.added && open.frames.allSatisfy { $0.configuration.positions != melt.positions })
        let shortest = try shortestDistances(open.frames.map(\.configuration), below: 5.5)
        // A core ending just above the shortest Si–O distance of these frames takes the frame that has it.
        var cutoffs = shortest.mapValues { $0 - 0.01 }
        cutoffs[SpeciesPair(0, 1)]! += 0.02
        let cut = try job.selfSample(model: model, melt: melt, round: 1, coreCutoffs: cutoffs) { _, _ in }
        #expect(cut.summary.insideCore >= 1 && cut.summary.added == open.summary.added - cut.summary.insideCore)
        let kept = try shortestDistances(cut.frames.map(\.configuration), below: 5.5)
        #expect(kept[SpeciesPair(0, 1)]! >= cutoffs[SpeciesPair(0, 1)]!)
        let everywhere = cutoffs.mapValues { _ in 5.0 }
        let closed = try job.selfSample(model: model, melt: melt, round: 1, coreCutoffs: everywhere) { _, _ in }
        #expect(closed.frames.isEmpty && closed.summary.insideCore == 2 * (10 / 5))
    }

    /// Of each run's candidates, self-sampling adds those on which the model errs most.
    @Test func selfSamplingAddsTheFramesTheModelGetsMostWrong() throws {
        #expect(SilicaQuickstart.largestErrors([0.3, 0.9, 0.1, 0.5], keeping: 2) == [1, 3])
        #expect(SilicaQuickstart.largestErrors([0.3, .infinity, 0.1], keeping: 1) == [1])
        #expect(SilicaQuickstart.largestErrors([0.3, 0.9], keeping: nil) == [0, 1])
        #expect(SilicaQuickstart.largestErrors([0.3, 0.9], keeping: 5) == [0, 1])
        var settings = SilicaQuickstart.Settings.tiny
        settings.selfSamplingKeptPerRun = 1
        let job = SilicaQuickstart(settings: settings)
        let melt = try job.melt { _, _ in }
        // Vashishta's steric term alone errs against Vashishta on every frame.
        let model = SilicaQuickstart.stericBaseline
        let found = try job.selfSample(model: model, melt: melt, round: 1, coreCutoffs: nil) { _, _ in }
        #expect(found.summary.candidates == 2 * (10 / 5) - found.summary.dropped)
        #expect(found.frames.count == 2 && found.summary.added == 2)
        #expect(found.summary.addedForceError >= found.summary.candidateForceError && found.summary.candidateForceError > 0)
        let same = try job.selfSample(model: SilicaQuickstart.referencePotential, melt: melt, round: 1, coreCutoffs: nil) { _, _ in }
        #expect(same.summary.candidateForceError < 1e-9 && same.summary.addedForceError < 1e-9)
    }

    @Test func rejectsBadSettings() {
        var s = SilicaQuickstart.Settings.tiny
        s.meltTemperature = 0
        #expect(throws: (any Error).self) { try s.validate() }
        s = .tiny
        s.training.finalLearningRate = 1
        #expect(throws: (any Error).self) { try s.validate() }
        s = .tiny
        s.glassAnnealingSteps = -1
        #expect(throws: (any Error).self) { try s.validate() }
        s = .tiny
        s.meltStructureSteps = 0
        #expect(throws: (any Error).self) { try s.validate() }
        s = .tiny
        s.forceTarget = 0
        #expect(throws: (any Error).self) { try s.validate() }
        s = .tiny
        s.selfSamplingKeptPerRun = 0
        #expect(throws: (any Error).self) { try s.validate() }
        s = .tiny
        s.glassReplicas = SIMD3(2, 0, 1)
        #expect(throws: (any Error).self) { try s.validate() }
    }
}
