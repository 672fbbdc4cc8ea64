import Testing
@testable import BasinLearning

/// The loop's small pieces: rank correlation, farthest-point sampling, trust levels, verdicts.
@Suite struct LearningPiecesTests {
    @Test func spearmanMatchesHandComputedValues() throws {
        #expect(RankCorrelation.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
        #expect(RankCorrelation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        // Monotone but not linear: still 1.
        #expect(RankCorrelation.spearman([1, 2, 3, 4, 5], [1, 8, 27, 64, 125]) == 1)
        // d = ranks differ by (0, 0, -1, 1, 0): ρ = 1 − 6·2 / (5·24) = 0.9.
        let rho = try #require(RankCorrelation.spearman([1, 2, 3, 4, 5], [1, 2, 4, 3, 5]))
        #expect(abs(rho - 0.9) < 1e-12)
        #expect(RankCorrelation.ranks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
        #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]) == nil)
    }

    @Test func farthestPointSamplingSpreadsOut() {
        // A tight cluster near 0 and two far points: after the first, the far ones come first.
        let points: [[Double]] = [[0], [0.1], [0.2], [10], [-10], [0.05]]
        #expect(FarthestPointSampling.select(points, count: 3, first: 0) == [0, 3, 4])
        #expect(FarthestPointSampling.select(points, count: 10, first: 1).count == 6)
    }

    @Test func trustLevelsFollowTheDocumentedRule() {
        let deviations = (1...100).map { Double($0) / 100 }
        let auto = TrustLevels.make(LearningSettings.Candidates(), trainingDeviations: deviations)
        #expect(abs(auto.lower - 0.9505) < 1e-12)
        #expect(abs(auto.upper - 4 * 0.9505) < 1e-12)
        var given = LearningSettings.Candidates()
        given.lower = 0.1
        given.upper = 0.3
        #expect(TrustLevels.make(given, trainingDeviations: deviations) == TrustLevels(lower: 0.1, upper: 0.3))
    }

    @Test func framesAreJudgedByEveryDetector() {
        var settings = LearningSettings.Candidates()
        settings.errorThreshold = 0.5
        let selection = CandidateSelection(settings: settings, trust: TrustLevels(lower: 0.1, upper: 1))
        func frame(_ deviation: Double, warnings: Int = 0, error: Double? = nil) -> ExploredFrame {
            ExploredFrame(temperature: 300, run: 0, step: 10, kineticTemperature: 300, deviation: deviation, deviationAtom: 0,
                          warnings: warnings, error: error)
        }
        var frames = [frame(0.05), frame(0.2), frame(0.05, warnings: 2), frame(0.05, error: 0.7), frame(1.5, warnings: 3)]
        selection.judge(&frames)
        #expect(frames.map(\.verdict) == [.accurate, .candidate, .candidate, .candidate, .failed])
        #expect(frames.map(\.detectors) == [[], ["deviation"], ["extrapolation"], ["error"], []])
    }
}
