import BasinAtoms
import BasinDynamics
import BasinIO
import BasinPotentials
import Foundation
import Testing
@testable import BasinSampling

/// Snapshot selection rules and reference sampling by MD.
@Suite struct SamplingTests {
    /// Forces along x of the given magnitudes, one atom per entry.
    func forces(_ magnitudes: Double...) -> [SIMD3<Double>] { magnitudes.map { SIMD3($0, 0, 0) } }

    @Test func forceIntervalFollowsTheRule() {
        // α = 1, τ_max = 4.
        let tau = { (f: Double) in SnapshotSelection.forceInterval(force: f, threshold: 1, maxInterval: 4) }
        #expect(tau(5) == 1)  // F > α
        #expect(tau(1) == 1)  // ⌊α/F⌋ = 1
        #expect(tau(0.45) == 2)  // ⌊2.22⌋
        #expect(tau(0.3) == 3)  // ⌊3.33⌋
        #expect(tau(0.25) == 4)
        #expect(tau(0.01) == 4)  // ⌊100⌋ capped at τ_max
        #expect(tau(0) == 4)
        #expect(SnapshotSelection.forceInterval(force: 1e-300, threshold: 1e10, maxInterval: 7) == 7)
    }

    @Test func forceRuleGivesTheDocumentedIntervalSequence() throws {
        // α = 1, τ_max = 4: the force at steps 0, 4, 8, 12 sets τ = 3, 1, 4, 2; forces between
        // block starts (here huge) do not matter.
        var selector = try SnapshotSelector(.forceBased(threshold: 1, maxInterval: 4))
        let blockForces: [Int: Double] = [0: 0.3, 4: 2.0, 8: 0.0, 12: 0.5]
        var kept: [Int] = [], intervals: [Int] = []
        for step in 0..<16 {
            let predicted = selector.willSelect(step: step)
            let selected = try selector.select(step: step, forces: forces(blockForces[step] ?? 100))
            if step % 4 == 0 { intervals.append(selector.interval!) }
            #expect(!selected || predicted, "step \(step) kept without being predicted")
            if step % 4 != 0 { #expect(selected == predicted, "step \(step)") }
            if selected { kept.append(step) }
        }
        #expect(intervals == [3, 1, 4, 2])
        #expect(kept == [0, 3, 4, 5, 6, 7, 8, 12, 14])
    }

    @Test func forceRuleTakesTheLargestForceOfTheMonitoredAtoms() throws {
        // Two atoms: atom 0 is quiet, atom 1 pulls hard.
        let history = forces(0.1, 3)
        var all = try SnapshotSelector(.forceBased(threshold: 1, maxInterval: 5))
        var quiet = try SnapshotSelector(.forceBased(threshold: 1, maxInterval: 5, atoms: [0]))
        _ = try all.select(step: 0, forces: history)
        _ = try quiet.select(step: 0, forces: history)
        #expect(all.interval == 1)
        #expect(quiet.interval == 5)
        var outOfRange = try SnapshotSelector(.forceBased(threshold: 1, maxInterval: 5, atoms: [2]))
        #expect(throws: SamplingError.self) { try outOfRange.select(step: 0, forces: history) }
    }

    @Test func fixedIntervalKeepsEveryNthStep() throws {
        var selector = try SnapshotSelector(.fixedInterval(3))
        let kept = try (0...10).filter { try selector.select(step: $0, forces: forces(1)) }
        #expect(kept == [0, 3, 6, 9])
        #expect(throws: SamplingError.self) { try SnapshotSelector(.fixedInterval(0)) }
        #expect(throws: SamplingError.self) { try SnapshotSelector(.forceBased(threshold: 0, maxInterval: 3)) }
        #expect(throws: SamplingError.self) { try SnapshotSelector(.forceBased(threshold: 1, maxInterval: 0)) }
    }

    // MARK: - Sampling by MD

    /// 108 Lennard-Jones atoms, fcc at ρ = 0.8442.
    static func argon() throws -> Configuration {
        try Lattice.fcc.build(
            element: .dummy(), latticeConstant: Lattice.fcc.latticeConstant(density: 0.8442), cells: SIMD3(3, 3, 3),
            units: .lennardJones)
    }

    static func calculator() throws -> Calculator { Calculator(potential: try LennardJones()) }

    @Test func fixedIntervalSamplingGivesTheExpectedFrameCount() throws {
        let sampler = ReferenceSampler(
            temperatures: [0.5, 1.5], steps: 20, equilibrationSteps: 5, timeStep: 0.005, selection: .fixedInterval(5),
            perturbation: 0.02, perturbedStarts: 1, seed: 3)
        let sample = try sampler.sample([try Self.argon()], calculator: try Self.calculator())
        // 2 temperatures × (1 + 1 perturbed) starts × (⌊20/5⌋ + 1) frames.
        #expect(sample.runs.count == 4)
        #expect(sample.frames.count == 20)
        #expect(sample.runs.allSatisfy { $0.frames == 5 && $0.extraEvaluations == 1 })
        #expect(sample.frames.map { $0.info["step"] ?? "" }.prefix(5) == ["0", "5", "10", "15", "20"])
        #expect(sample.frames.map { $0.info["temperature"] ?? "" }.suffix(5) == Array(repeating: "1.5", count: 5))
        let summary = sample.summary()
        #expect(summary.map(\.temperature) == [0.5, 1.5])
        #expect(summary.map(\.frames) == [10, 10])
    }

    @Test func samplingIsReproducibleAndFramesMatchAFreshEvaluation() throws {
        var sampler = ReferenceSampler(
            temperatures: [1.0], steps: 30, equilibrationSteps: 10, timeStep: 0.005,
            selection: .forceBased(threshold: 1.5, maxInterval: 6), perturbation: 0.05, perturbedStarts: 1, seed: 11)
        let structure = try Self.argon()
        let first = try sampler.sample([structure], calculator: try Self.calculator())
        let second = try sampler.sample([structure], calculator: try Self.calculator())
        #expect(!first.frames.isEmpty)
        #expect(first.frames.count == second.frames.count)
        for (a, b) in zip(first.frames, second.frames) {
            #expect(a.configuration.positions == b.configuration.positions)
            #expect(a.energy == b.energy)
            #expect(a.forces! == b.forces!)
        }
        // The selection's energy requests were predicted: only step 0 of each run needed an extra call.
        #expect(first.runs.map(\.extraEvaluations) == [1, 1])

        sampler.seed = 12
        let other = try sampler.sample([structure], calculator: try Self.calculator())
        #expect(other.frames.last!.configuration.positions != first.frames.last!.configuration.positions)

        let fresh = try Self.calculator()
        for frame in first.frames {
            let evaluation = try fresh.evaluate(frame.configuration, [.energy, .forces, .perAtomEnergies])
            let energy = try #require(frame.energy)
            #expect(abs(energy - evaluation.energy) < 1e-9 * max(1, abs(energy)))
            let forces = try #require(frame.forces)
            let worst = zip(forces, evaluation.forces).map { ($0 - $1) * ($0 - $1) }.map { $0.sum() }.max() ?? 0
            #expect(worst.squareRoot() < 1e-9)
            let atomEnergies = try #require(frame.atomProperty(named: Frame.atomEnergiesProperty))
            guard case .real(let values) = atomEnergies.values else { Issue.record("per-atom energies not real"); continue }
            #expect(abs(values.reduce(0, +) - energy) < 1e-9 * max(1, abs(energy)))
            #expect(frame.configuration.velocities == nil)
        }
    }

    @Test func badSettingsAreRejected() throws {
        let structure = try Self.argon()
        let calculator = try Self.calculator()
        let cases: [ReferenceSampler] = [
            ReferenceSampler(temperatures: [], steps: 10, timeStep: 0.005),
            ReferenceSampler(temperatures: [-1], steps: 10, timeStep: 0.005),
            ReferenceSampler(temperatures: [1], steps: 10, timeStep: 0),
            ReferenceSampler(temperatures: [1], steps: 10, timeStep: 0.005, perturbedStarts: 2),
            ReferenceSampler(temperatures: [1], steps: 10, timeStep: 0.005, selection: .forceBased(threshold: 1, maxInterval: 5, atoms: [500])),
        ]
        for sampler in cases {
            #expect(throws: SamplingError.self) { try sampler.sample([structure], calculator: calculator) }
        }
    }
}
