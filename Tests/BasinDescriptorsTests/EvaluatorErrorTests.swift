import BasinAtoms
import BasinDescriptors
import Testing

/// Configurations and lists the evaluator refuses.
@Suite struct EvaluatorErrorTests {
    @Test func refusesHalfShortListsAndMissingElements() throws {
        let c = Fixtures.cluster()
        let evaluator = SymmetryFunctionEvaluator(sets: Fixtures.sets())
        #expect(evaluator.cutoffRadius == 3.5)
        let half = NeighborList(cutoff: 3.5, kind: .half)
        try half.build(for: c)
        #expect(throws: DescriptorError.halfNeighborList) { try evaluator.evaluate(c, neighbors: half) }
        let short = NeighborList(cutoff: 3, kind: .full)
        try short.build(for: c)
        #expect(throws: DescriptorError.neighborListTooShort(listCutoff: 3, required: 3.5)) {
            try evaluator.evaluate(c, neighbors: short)
        }
        let onlyOxygen = SymmetryFunctionEvaluator(sets: Fixtures.sets().filter { $0.central == Fixtures.oxygen })
        let full = NeighborList(cutoff: 3.5, kind: .full)
        try full.build(for: c)
        #expect(throws: DescriptorError.missingElement("H")) { try onlyOxygen.evaluate(c, neighbors: full) }
    }
}
