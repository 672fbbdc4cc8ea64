import BasinAtoms
import BasinIO
import BasinPotentials
import Testing
@testable import BasinSampling

/// The per-atom force interval of Stende (2017), eq. 7.2: one τ per monitored atom, one α per element.
@Suite struct PerAtomForceRuleTests {
    /// Two atoms, Si then O, in a box; positions do not matter to the rule.
    static func pair() throws -> Configuration {
        try Configuration(symbols: ["Si", "O"], positions: [.zero, SIMD3(1.5, 0, 0)], cell: .orthorhombic(SIMD3(10, 10, 10)))
    }

    @Test func eachAtomKeepsItsOwnMultiplesOfTau() throws {
        // α_Si = 1, α_O = 2, τ_max = 8. Si feels 0.3 → τ = 3; O feels 0.5 → τ = ⌊4⌋ = 4.
        let rule = SnapshotSelection.perAtomForce(thresholds: ["Si": 1, "O": 2], maxInterval: 8)
        var selector = try SnapshotSelector(rule)
        let configuration = try Self.pair()
        let forces: [SIMD3<Double>] = [SIMD3(0.3, 0, 0), SIMD3(0, 0.5, 0)]
        let kept = try (0..<13).filter { try selector.select(step: $0, forces: forces, configuration: configuration) }
        #expect(kept == [0, 3, 4, 6, 8, 9, 12])
        #expect(selector.atomIntervals == [3, 4])
        // Monitoring only the oxygen atom keeps its multiples of 4.
        var oxygen = try SnapshotSelector(.perAtomForce(thresholds: ["Si": 1, "O": 2], maxInterval: 8, atoms: [1]))
        let keptO = try (0..<13).filter { try oxygen.select(step: $0, forces: forces, configuration: configuration) }
        #expect(keptO == [0, 4, 8, 12])
    }

    @Test func aHighForceOnOneAtomKeepsThatStep() throws {
        var selector = try SnapshotSelector(.perAtomForce(thresholds: ["Si": 1, "O": 1], maxInterval: 10))
        let configuration = try Self.pair()
        let quiet: [SIMD3<Double>] = [.zero, .zero]
        let loud: [SIMD3<Double>] = [.zero, SIMD3(3, 0, 0)]
        #expect(try selector.select(step: 7, forces: quiet, configuration: configuration) == false)
        #expect(try selector.select(step: 7, forces: loud, configuration: configuration) == true)
        #expect(selector.willSelect(step: 8))
    }

    @Test func missingThresholdsAndBadValuesAreRejected() throws {
        let configuration = try Self.pair()
        var siliconOnly = try SnapshotSelector(.perAtomForce(thresholds: ["Si": 1], maxInterval: 4))
        #expect(throws: SamplingError(reason: "the per-atom force rule has no threshold α for O (atom 1)")) {
            try siliconOnly.select(step: 0, forces: [.zero, .zero], configuration: configuration)
        }
        #expect(throws: SamplingError.self) { try SnapshotSelection.perAtomForce(thresholds: ["Si": 1], maxInterval: 4).check(configuration) }
        #expect(throws: SamplingError.self) { try SnapshotSelector(.perAtomForce(thresholds: ["Si": -1], maxInterval: 4)) }
        #expect(throws: SamplingError.self) { try SnapshotSelector(.perAtomForce(thresholds: [:], maxInterval: 4)) }
        #expect(throws: SamplingError.self) { try SnapshotSelector(.perAtomForce(thresholds: ["Si": 1], maxInterval: 0)) }
        var frameWide = try SnapshotSelector(.perAtomForce(thresholds: ["Si": 1, "O": 1], maxInterval: 4))
        #expect(throws: SamplingError.self) { try frameWide.select(step: 0, forces: [.zero, .zero]) }
    }

    @Test func samplingWithThePerAtomRuleKeepsFramesFromMD() throws {
        let sampler = ReferenceSampler(
            temperatures: [1.0], steps: 30, timeStep: 0.005, selection: .perAtomForce(thresholds: ["X": 4], maxInterval: 10), seed: 5)
        let argon = try SamplingTests.argon()
        let sample = try sampler.sample([argon], calculator: try SamplingTests.calculator())
        #expect(sample.frames.count >= 4)  // steps 0, 10, 20, 30 at least
        #expect(sample.frames.count < 31)
        let wrong = ReferenceSampler(temperatures: [1.0], steps: 3, timeStep: 0.005, selection: .perAtomForce(thresholds: ["Si": 4], maxInterval: 10))
        #expect(throws: SamplingError.self) { try wrong.sample([argon], calculator: try SamplingTests.calculator()) }
    }
}
