import BasinAtoms
import BasinDescriptors
import BasinMath
import Foundation
import Testing

/// Statistics, flags, correlations and pruning over a small data set of jiggled clusters.
@Suite struct AnalysisTests {
    /// O functions with a planted constant (every H is within 50 with a hard cutoff, so G¹ counts
    /// all four), a zero (no C in the data), and a duplicate (correlation exactly 1).
    static let text = """
        cutoff_type 0
        symfunction_short O 1 H 50.0
        symfunction_short O 2 C 0.1 0.0 3.0
        symfunction_short O 2 H 0.5 0.0 3.0
        symfunction_short O 2 H 0.5 0.0 3.0
        symfunction_short O 2 O 0.2 1.0 3.5
        symfunction_short O 9 H H 0.1 1 2.0 3.5
        symfunction_short H 2 O 0.3 0.5 3.5
        symfunction_short H 4 H 1.1 3.0
        """

    static func configurations() -> [Configuration] {
        var generator = SeededGenerator(seed: 11)
        return (0..<6).map { _ in
            var c = Fixtures.cluster()
            c.positions = c.positions.map { $0 + SIMD3((0..<3).map { _ in Double.random(in: -0.15...0.15, using: &generator) }) }
            return c
        }
    }

    func analysis() throws -> SymmetryFunctionAnalysis {
        var analysis = SymmetryFunctionAnalysis(sets: try SymmetryFunctionSet.parse(settings: Self.text))
        for c in Self.configurations() { try analysis.add(c) }
        return analysis
    }

    @Test func statisticsMatchADirectComputation() throws {
        let analysis = try analysis()
        #expect(analysis.configurationCount == 6)
        let reports = analysis.report()
        for (e, set) in analysis.sets.enumerated() {
            // Every value of the element's atoms, straight from the evaluator.
            var rows: [[Double]] = []
            for c in Self.configurations() {
                let (v, _) = Fixtures.evaluate(c, analysis.sets)
                for i in 0..<c.count where c.elements[c.species[i]] == set.central {
                    rows.append(Array(v.values[(i * v.stride)..<(i * v.stride + set.functions.count)]))
                }
            }
            let n = Double(rows.count)
            for s in set.functions.indices {
                let x = rows.map { $0[s] }, mean = x.reduce(0, +) / n
                let sigma = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
                let stats = reports[e].statistics[s]
                #expect(stats.count == rows.count)
                #expect(stats.minimum == x.min()! && stats.maximum == x.max()!)
                #expect(abs(stats.mean - mean) <= 1e-12 * max(1, abs(mean)))
                #expect(abs(stats.sigma - sigma) <= 1e-9 * max(1e-6, sigma))
            }
        }
    }

    @Test func flagsAndPrunes() throws {
        let reports = try analysis().report()
        let o = reports[1]
        #expect(o.set.central == Fixtures.oxygen)
        // n2p2 order: 1 H, 2 C (η 0.1), 2 H, 2 H, 2 O, 9 H H.
        #expect(o.statistics[0].isConstant && !o.statistics[0].isZero && o.statistics[0].minimum == 4)
        #expect(o.statistics[1].isZero && o.statistics[1].isConstant)
        #expect(o.dropped[0] == .constant && o.dropped[1] == .zero)
        #expect(o.correlatedPairs.contains { $0.first == 2 && $0.second == 3 && abs($0.correlation - 1) < 1e-12 })
        #expect(o.dropped[3] == .correlated(with: 2, correlation: o.correlatedPairs.first { $0.first == 2 && $0.second == 3 }!.correlation))
        #expect(o.pruned.functions == [2, 4, 5].map { o.set.functions[$0] })
        // No correlated pair survives in the pruned set.
        #expect(o.correlatedPairs.allSatisfy { o.dropped[$0.first] != nil || o.dropped[$0.second] != nil })
        let h = reports[0]
        #expect(h.dropped.isEmpty || h.dropped.values.allSatisfy { if case .correlated = $0 { true } else { false } })
        // A lower threshold flags more pairs, never fewer.
        let loose = try analysis().report(.init(correlationThreshold: 0.5))
        #expect(loose[1].correlatedPairs.count >= o.correlatedPairs.count)
    }

    /// The larger relative range is kept; on a tie, the earlier function.
    @Test func pruningKeepsTheLargerRelativeRange() throws {
        // G² with η = 0 and r_c = 3.5 is G¹ with the same cutoff: identical values, tie → keep index 0.
        let text = """
            cutoff_type 6
            symfunction_short H 1 O 3.5
            symfunction_short H 2 O 0.0 0.0 3.5
            symfunction_short O 1 H 3.5
            """
        var analysis = SymmetryFunctionAnalysis(sets: try SymmetryFunctionSet.parse(settings: text))
        for c in Self.configurations() { try analysis.add(c) }
        let h = analysis.report()[0]
        #expect(h.dropped == [1: .correlated(with: 0, correlation: h.correlatedPairs[0].correlation)])
    }

    @Test func refusesElementsWithoutFunctions() throws {
        var analysis = SymmetryFunctionAnalysis(sets: try SymmetryFunctionSet.parse(settings: "cutoff_type 1\nsymfunction_short H 1 H 3.0\n"))
        #expect(throws: DescriptorError.missingElement("O")) { try analysis.add(Fixtures.cluster()) }
    }
}
