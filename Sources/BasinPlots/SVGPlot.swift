import Foundation

/// A small, dependency-free SVG chart: line and scatter series on linear or logarithmic axes,
/// with ticks, axis labels, a title and a legend. Enough for learning curves and parity plots.
///
/// ```swift
/// var plot = SVGPlot(title: "Learning curve", xLabel: "epoch", yLabel: "RMSE", logY: true)
/// plot.add(SVGPlot.Series(name: "train", points: points, style: .line))
/// try plot.write(to: URL(fileURLWithPath: "curve.svg"))
/// ```
public struct SVGPlot: Sendable {
    public enum Style: Sendable { case line, scatter }

    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public var style: Style
        /// CSS colour; nil picks one from the palette by position.
        public var color: String?
        public var dashed: Bool

        public init(name: String, points: [(x: Double, y: Double)], style: Style = .line, color: String? = nil, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.style = style
            self.color = color
            self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logY: Bool
    public var width: Double
    public var height: Double
    public var series: [Series] = []
    /// Forced axis ranges (nil: from the data).
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Draws the line y = x (parity plots).
    public var diagonal = false

    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]

    public init(title: String, xLabel: String, yLabel: String, logY: Bool = false, width: Double = 640, height: Double = 440) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.width = width
        self.height = height
    }

    public mutating func add(_ s: Series) { series.append(s) }

    /// The SVG document.
    public var svg: String {
        let left = 78.0, right = 20.0, top = 36.0, bottom = 52.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let usable = series.map { s in s.points.filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) } }
        let xs = usable.flatMap { $0.map(\.x) }, ys = usable.flatMap { $0.map(\.y) }
        var x0 = xRange?.lowerBound ?? xs.min() ?? 0, x1 = xRange?.upperBound ?? xs.max() ?? 1
        var y0 = yRange?.lowerBound ?? ys.min() ?? (logY ? 0.1 : 0), y1 = yRange?.upperBound ?? ys.max() ?? 1
        if x1 <= x0 { x0 -= 0.5; x1 += 0.5 }
        if logY {
            // Decades within 10^±300, so that the tick exponents are finite whole numbers.
            y0 = pow(10, min(max(floor(log10(max(y0, 1e-300))), -300), 299))
            y1 = pow(10, min(max(ceil(log10(max(y1, y0 * 10))), -299), 300))
            if y1 <= y0 { y1 = y0 * 10 }
        } else {
            if y1 <= y0 { y0 -= 0.5; y1 += 0.5 }
            if yRange == nil { let pad = 0.04 * (y1 - y0); y0 -= pad; y1 += pad }
        }
        if xRange == nil && !diagonal { let pad = 0.02 * (x1 - x0); x0 -= pad; x1 += pad }
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * plotWidth }
        func py(_ y: Double) -> Double {
            let t = logY ? (log10(y) - log10(y0)) / (log10(y1) - log10(y0)) : (y - y0) / (y1 - y0)
            return top + (1 - t) * plotHeight
        }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(width / 2))" y="22" text-anchor="middle" font-size="15">\(Self.escape(title))</text>

            """
        // Grid and ticks.
        let xTicks = Self.linearTicks(x0, x1)
        for (t, label) in zip(xTicks, Self.labels(xTicks, logarithmic: false)) {
            out += "<line x1=\"\(f(px(t)))\" y1=\"\(f(top))\" x2=\"\(f(px(t)))\" y2=\"\(f(top + plotHeight))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(f(px(t)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(label)</text>\n"
        }
        let yTicks: [Double] = logY
            ? (Int(log10(y0).rounded())...Int(log10(y1).rounded())).map { pow(10, Double($0)) }
            : Self.linearTicks(y0, y1)
        for (t, label) in zip(yTicks, Self.labels(yTicks, logarithmic: logY)) {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(py(t)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(t)))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"black\"/>\n"
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        out += "<text transform=\"translate(16,\(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>\n"
        out += "<g clip-path=\"url(#plot)\">\n<clipPath id=\"plot\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\"/></clipPath>\n"
        if diagonal {
            let a = max(x0, logY ? y0 : y0), b = min(x1, y1)
            if b > a {
                out += "<line x1=\"\(f(px(a)))\" y1=\"\(f(py(a)))\" x2=\"\(f(px(b)))\" y2=\"\(f(py(b)))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n"
            }
        }
        for (k, s) in series.enumerated() {
            let color = s.color ?? Self.palette[k % Self.palette.count]
            let points = usable[k]
            switch s.style {
            case .line:
                guard !points.isEmpty else { continue }
                let path = points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
                let dash = s.dashed ? " stroke-dasharray=\"6 4\"" : ""
                out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\"\(dash) points=\"\(path)\"/>\n"
            case .scatter:
                for p in points {
                    out += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"2\" fill=\"\(color)\" fill-opacity=\"0.55\"/>\n"
                }
            }
        }
        out += "</g>\n"
        // Legend.
        for (k, s) in series.enumerated() {
            let color = s.color ?? Self.palette[k % Self.palette.count]
            let y = top + 14 + 16 * Double(k), x = left + plotWidth - 150
            switch s.style {
            case .line:
                let dash = s.dashed ? " stroke-dasharray=\"6 4\"" : ""
                out += "<line x1=\"\(f(x))\" y1=\"\(f(y - 4))\" x2=\"\(f(x + 22))\" y2=\"\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            case .scatter:
                out += "<circle cx=\"\(f(x + 11))\" cy=\"\(f(y - 4))\" r=\"3\" fill=\"\(color)\"/>\n"
            }
            out += "<text x=\"\(f(x + 28))\" y=\"\(f(y))\">\(Self.escape(s.name))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// Writes the document atomically (temporary file, then rename).
    public func write(to url: URL) throws {
        try Data(svg.utf8).write(to: url, options: .atomic)
    }

    /// Several plots side by side in one document (each keeps its own size).
    public static func combine(_ plots: [SVGPlot]) -> String {
        let totalWidth = plots.reduce(0) { $0 + $1.width }, height = plots.map(\.height).max() ?? 0
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(totalWidth))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(totalWidth)) \(Int(height))\">\n"
        var x = 0.0
        for (k, plot) in plots.enumerated() {
            // Nested <svg> elements; make the clip-path ids unique.
            let body = plot.svg.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
                .replacingOccurrences(of: "id=\"plot\"", with: "id=\"plot\(k)\"")
                .replacingOccurrences(of: "url(#plot)", with: "url(#plot\(k))")
                .replacingOccurrences(of: "<svg xmlns=\"http://www.w3.org/2000/svg\"", with: "<svg x=\"\(Int(x))\" y=\"0\"")
            out += body
            x += plot.width
        }
        out += "</svg>\n"
        return out
    }

    static func linearTicks(_ low: Double, _ high: Double, target: Int = 6) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [low] }
        let raw = span / Double(target)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var t = ceil(low / step) * step
        while t <= high + 1e-9 * step {
            ticks.append(abs(t) < 1e-12 * step ? 0 : t)
            t += step
        }
        return ticks
    }

    /// The labels of one axis's ticks, all in one style: powers of ten as 10ⁿ on a logarithmic
    /// axis; on a linear axis plain decimals, or, when a tick is 10⁵ or more or a nonzero one
    /// below 10⁻³ in magnitude, scientific notation with the fewest digits that state every
    /// tick exactly (to 10⁻⁹ relative).
    static func labels(_ ticks: [Double], logarithmic: Bool) -> [String] {
        if logarithmic { return ticks.map { "10" + superscript(Int(log10($0).rounded())) } }
        let magnitudes = ticks.filter { $0 != 0 }.map(abs)
        guard magnitudes.contains(where: { $0 >= 1e5 || $0 < 1e-3 }) else {
            return ticks.map { $0 == 0 ? "0" : String(format: "%g", $0) }
        }
        for digits in 0...6 {
            let labels = ticks.map { $0 == 0 ? "0" : String(format: "%.\(digits)e", $0) }
            let exact = zip(ticks, labels).allSatisfy { tick, label in abs((Double(label) ?? .nan) - tick) <= 1e-9 * abs(tick) }
            if exact { return labels }
        }
        return ticks.map { String(format: "%.6e", $0) }
    }

    /// `n` in superscript digits, e.g. ⁻³.
    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(String(abs(n)).map { digits[Int(String($0))!] })
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
