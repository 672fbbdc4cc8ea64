@testable import BasinPlots
import Testing

/// SVG plots: axis labels in one style per axis, extreme values that do not trap.
@Suite struct SVGPlotTests {
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

    @Test func extremeValuesOnALogarithmicAxisDoNotTrap() {
        var plot = SVGPlot(title: "t", xLabel: "x", yLabel: "y", logY: true)
        plot.add(.init(name: "s", points: [(0, .leastNonzeroMagnitude), (1, .greatestFiniteMagnitude), (2, .infinity), (3, .nan)]))
        #expect(plot.svg.contains("10³⁰⁰"))
    }

    @Test func svgPlotHandlesLogAxesAndEmptySeries() {
        var plot = SVGPlot(title: "t <1>", xLabel: "x", yLabel: "y", logY: true)
        plot.add(.init(name: "a", points: [(0, 1e-3), (1, 2e-2), (2, 0)]))
        plot.add(.init(name: "b", points: [], style: .scatter))
        let svg = plot.svg
        #expect(svg.contains("<polyline") && svg.contains("t &lt;1&gt;") && svg.hasSuffix("</svg>\n"))
        #expect(SVGPlot.linearTicks(0, 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0] || SVGPlot.linearTicks(0, 1).count == 6)
    }

    private func pow10(_ n: Int) -> Double { (0..<abs(n)).reduce(1.0) { v, _ in n < 0 ? v / 10 : v * 10 } }
}
