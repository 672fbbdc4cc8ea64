import BasinIO
import BasinPaths
import BasinPlots
import Foundation

extension Path {
    /// The comparison with --reference in the report: the largest RMSDs and differences.
    struct ComparisonSummary: Encodable {
        var frames: Int
        /// Largest position RMSD over the grid times and over all reference frames (length units).
        var largestGridPositionRMSD: Double
        var largestPositionRMSD: Double
        /// Largest momentum RMSD over the grid times and over all frames (mass · length / time).
        var largestGridMomentumRMSD: Double
        var largestMomentumRMSD: Double
        /// Largest |g_path − g_ref| (nil without a cell periodic in three directions).
        var largestDistributionDifference: Double?
        /// Largest |C_path − C_ref| / C_ref(0) of the velocity autocorrelations.
        var largestVACFDifference: Double
        var rows: [PathComparison.Row]

        init(_ comparison: PathComparison) {
            let rows = comparison.rows, grid = rows.filter(\.isGridTime)
            frames = rows.count
            largestGridPositionRMSD = grid.map(\.positionRMSD).max() ?? 0
            largestPositionRMSD = rows.map(\.positionRMSD).max() ?? 0
            largestGridMomentumRMSD = grid.map(\.momentumRMSD).max() ?? 0
            largestMomentumRMSD = rows.map(\.momentumRMSD).max() ?? 0
            largestDistributionDifference = comparison.radii.isEmpty
                ? nil : zip(comparison.pathDistribution, comparison.referenceDistribution).map { abs($0 - $1) }.max()
            let scale = comparison.referenceVACF.first.map { $0 != 0 ? abs($0) : 1 } ?? 1
            largestVACFDifference = (zip(comparison.pathVACF, comparison.referenceVACF).map { abs($0 - $1) }.max() ?? 0) / scale
            self.rows = rows
        }
    }

    /// PREFIX-rmsd.csv, PREFIX-gr.csv (periodic cells), PREFIX-vacf.csv and an SVG plot of each.
    func write(_ comparison: PathComparison, prefix: String) throws {
        func url(_ name: String, _ suffix: String) -> URL { URL(fileURLWithPath: "\(prefix)-\(name).\(suffix)") }
        let rows = comparison.rows
        try AtomicFile.write(Self.csv(["time", "grid_time", "position_rmsd", "momentum_rmsd"],
                                      rows.map { [$0.time, $0.isGridTime ? 1 : 0, $0.positionRMSD, $0.momentumRMSD] }),
                             to: url("rmsd", "csv"))
        let lengthUnit = potential.unitSystem.lengthUnit, timeUnit = potential.unitSystem.timeUnit
        var rmsd = SVGPlot(title: "Path against the reference: RMSD", xLabel: "t (\(timeUnit))", yLabel: "RMSD", logY: true)
        rmsd.add(.init(name: "positions (\(lengthUnit))", points: rows.map { ($0.time, $0.positionRMSD) }, style: .line))
        rmsd.add(.init(name: "momenta", points: rows.map { ($0.time, $0.momentumRMSD) }, style: .line))
        try rmsd.write(to: url("rmsd", "svg"))
        if !comparison.radii.isEmpty {
            try writeSideBySide(url("gr", "csv"), url("gr", "svg"), title: "Radial distribution", columns: ["r", "g_path", "g_reference"],
                                xLabel: "r (\(lengthUnit))", yLabel: "g(r)",
                                comparison.radii, comparison.pathDistribution, comparison.referenceDistribution)
        }
        try writeSideBySide(url("vacf", "csv"), url("vacf", "svg"), title: "Velocity autocorrelation",
                            columns: ["t", "vacf_path", "vacf_reference"], xLabel: "t (\(timeUnit))", yLabel: "⟨v(0)·v(t)⟩",
                            comparison.lagTimes, comparison.pathVACF, comparison.referenceVACF)
    }

    /// A CSV of x, the path's and the reference's values, and their plot.
    private func writeSideBySide(
        _ table: URL, _ figure: URL, title: String, columns: [String], xLabel: String, yLabel: String,
        _ x: [Double], _ path: [Double], _ reference: [Double]
    ) throws {
        try AtomicFile.write(Self.csv(columns, x.indices.map { [x[$0], path[$0], reference[$0]] }), to: table)
        var plot = SVGPlot(title: title, xLabel: xLabel, yLabel: yLabel)
        plot.add(.init(name: "reference", points: Array(zip(x, reference))))
        plot.add(.init(name: "path", points: Array(zip(x, path)), dashed: true))
        try plot.write(to: figure)
    }

    static func csv(_ header: [String], _ rows: [[Double]]) -> String {
        ([header.joined(separator: ",")] + rows.map { $0.map { "\($0)" }.joined(separator: ",") }).joined(separator: "\n") + "\n"
    }
}
