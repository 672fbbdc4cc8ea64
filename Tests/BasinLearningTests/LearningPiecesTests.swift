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
        #expect(FarthestPointSampling.select(points, count: 3, first: [0]) == [0, 3, 4])
        #expect(FarthestPointSampling.select(points, count: 10, first: [1]).count == 6)
        // Several given points come first and all count as taken: from 0 and 3, -10 is farthest.
        #expect(FarthestPointSampling.select(points, count: 3, first: [0, 3]) == [0, 3, 4])
        #expect(FarthestPointSampling.select(points, count: 4, first: [4, 3]) == [4, 3, 0, 2])
        #expect(FarthestPointSampling.select(points, count: 1, first: [5, 3]) == [5])
    }

    /// An exploration record with `accurate` of `explored` frames accurate, the rest candidates.
    func record(explored: Int, accurate: Int, unexplored: Int = 0, blownUp: Int = 0, cutShort: Int = 0) -> IterationRecord {
        var record = IterationRecord(iteration: 4, structures: 100)
        record.exploredFrames = explored
        record.accurateFrames = accurate
        record.candidateFrames = explored - accurate
        record.runs = 5
        record.blownUpRuns = blownUp
        record.cutShort = Array(repeating: "2500 K, run 0: force error on atom 9 above 3.0 eV/Å at step 540", count: cutShort)
        record.unexploredFrames = unexplored
        return record
    }

    @Test func convergenceCountsTheFramesACutShortRunDidNotReach() {
        var settings = LearningSettings.Convergence()
        settings.accurateFraction = 0.8
        let converge = { (record: IterationRecord) in LearningLoop.convergence(record, settings: settings) }
        // 420 of 500 planned frames accurate: converged.
        #expect(converge(record(explored: 500, accurate: 420))?.hasPrefix("converged: 84.0 %") == true)
        // The same frames with a run cut short 73 frames early: 420 of 573 planned is too few.
        #expect(converge(record(explored: 500, accurate: 420, unexplored: 73, cutShort: 1)) == nil)
        // Cut short late (10 frames not reached): 420 of 510 is enough; the cut alone does not veto.
        #expect(converge(record(explored: 500, accurate: 420, unexplored: 10, cutShort: 1)) != nil)
        // A run that ran away vetoes, however accurate the rest.
        #expect(converge(record(explored: 500, accurate: 500, blownUp: 1)) == nil)
        // No candidate and no cut: converged whatever the fraction asked.
        settings.accurateFraction = 1
        #expect(converge(record(explored: 500, accurate: 500))?.hasPrefix("converged: no candidates") == true)
        #expect(converge(record(explored: 0, accurate: 0)) == nil)
        // Frames beyond the upper trust level are no candidates, but not accurate either.
        var failed = record(explored: 500, accurate: 0)
        failed.candidateFrames = 0
        failed.failedFrames = 500
        #expect(converge(failed) == nil)
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
