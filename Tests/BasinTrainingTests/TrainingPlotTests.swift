import Testing
@testable import BasinTraining

/// The training plots: a learning curve spanning decades labels every decade alike.
@Suite struct TrainingPlotTests {
    @Test func aLearningCurveSpanningDecadesHasUniformLabels() {
        var curve = LearningCurve()
        for epoch in 0...3 {
            let error = 10 * pow10(-epoch)
            curve.epochs.append(.init(
                epoch: epoch, trainEnergyRMSE: error, testEnergyRMSE: error, trainForceRMSE: error, testForceRMSE: error,
                trainLoss: error, testLoss: error, learningRate: 0, seconds: 0))
        }
        let svg = TrainingPlots.learningCurve(curve).svg
        #expect(svg.contains(">10⁴<") && svg.contains(">10¹<"))
        #expect(!svg.contains("e+0"))
    }

    private func pow10(_ n: Int) -> Double { (0..<abs(n)).reduce(1.0) { v, _ in n < 0 ? v / 10 : v * 10 } }
}
