@testable import BasinTraining
import Testing

/// The SVG plots: axis labels in one style per axis, units on the parity axes.
@Suite struct PlotTests {
    @Test func logarithmicAxesLabelEveryDecadeAlike() {
        let ticks = (-1...4).map { pow10($0) }
        #expect(SVGPlot.labels(ticks, logarithmic: true) == ["10⁻¹", "10⁰", "10¹", "10²", "10³", "10⁴"])
    }

    @Test func linearAxesUseOneStyle() {
        #expect(SVGPlot.labels([0, 0.5, 1, 1.5], logarithmic: false) == ["0", "0.5", "1", "1.5"])
        #expect(SVGPlot.labels([0, 5000, 10000, 15000], logarithmic: false) == ["0", "5000", "10000", "15000"])
        #expect(SVGPlot.labels([0, 250_000, 500_000], logarithmic: false) == ["0", "2.5e+05", "5.0e+05"])
        #expect(SVGPlot.labels([0.0002, 0.0004], logarithmic: false) == ["2e-04", "4e-04"])
    }

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

    @Test func extremeValuesOnALogarithmicAxisDoNotTrap() {
        var plot = SVGPlot(title: "t", xLabel: "x", yLabel: "y", logY: true)
        plot.add(.init(name: "s", points: [(0, .leastNonzeroMagnitude), (1, .greatestFiniteMagnitude), (2, .infinity), (3, .nan)]))
        #expect(plot.svg.contains("10³⁰⁰"))
    }

    private func pow10(_ n: Int) -> Double { (0..<abs(n)).reduce(1.0) { v, _ in n < 0 ? v / 10 : v * 10 } }
}
