import BasinMath
import Testing

@testable import BasinCompression

/// Basin's conventions against the paper's (Retzlaff, Munson & Di).
@Suite struct ConventionsTests {
    @Test func thePaperCountsFourBitsForTwoAtomsWhereBasinCountsThree() {
        // The paper's two-atom example: the rounded distance must lie within r₂ = 0.06276.
        let problem = ReducedLennardJones(atomCount: 2)
        let minimum = [DiatomicRadii.minimumDistance]
        let newton = NewtonIteration(problem: problem, target: minimum)
        let levels = CompressionLevels.scan(minimum: minimum, radius: DiatomicRadii.wangRadius, bits: 0...12, newton: newton)
        #expect(levels.guaranteedBits == 3)
        let paper = levels.countingBits(from: CompressionConventions.paper.leadingBit)
        #expect(paper.guaranteedBits == 4)
        #expect(paper.trials.map(\.bits) == Array(1...13))
        #expect(paper.convergingBits == levels.convergingBits.map { $0 + 1 })
    }

    @Test func thePaperPathMovesEachFreeAtomHalfTheRadius() throws {
        let positions = try clusterPositions(13)
        let choice = try FrameSelection.choose(positions: positions, limit: 4, gradientTolerance: 1e-6, threads: 1)
        let estimate = LipschitzEstimate(problem: ReducedLennardJones(atomCount: 13), minimum: choice.minimum, reference: choice.factor)
        let path = estimate.collisionPath()
        // Two free atoms: the unnormalised direction has length √2, so the paper's point for r
        // is Basin's point for r/√2, and L_paper(r) = L_basin(r/√2)/√2.
        #expect(abs(path.length - 2.0.squareRoot()) < 1e-12)
        let r = 0.03
        let paper = estimate.shortestPath(radius: r, conventions: .paper)
        let basin = estimate.shortestPath(radius: r / 2.0.squareRoot(), conventions: .basin)
        #expect(abs(paper - basin / 2.0.squareRoot()) < 1e-6 * paper)
        #expect(paper < estimate.shortestPath(radius: r, conventions: .basin))
    }

    @Test func thePaperSamplesUpToAMillionDirectionsForSmallClusters() {
        var settings = CompressionSettings()
        settings.sampleBudget = CompressionConventions.paper.sampleBudget
        #expect(settings.sampleCount(variables: 24) == 1_000_000)
        #expect(settings.sampleCount(variables: 54) == Int(6e8 / (54.0 * 54)))
    }
}
